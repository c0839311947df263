using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Benchmarks.Harness;

/// <summary>What a timed interval of concurrent loops did: operations, wall time, and the measured side's CPU and allocations.</summary>
internal readonly record struct Measurement(long Ops, double Seconds, double CpuSeconds, long AllocatedBytes);

/// <summary>The CPU time and managed bytes allocated so far by whatever is being measured (this process, or the echo server).</summary>
internal readonly record struct CostSample(double CpuSeconds, long AllocatedBytes)
{
    /// <summary>This process: all threads' CPU (CLOCK_PROCESS_CPUTIME_ID) and every thread's allocations.</summary>
    public static CostSample ThisProcess() => new(ProcessCpu.Now(), GC.GetTotalAllocatedBytes(precise: true));
}

/// <summary>
/// Runs N concurrent async loops (Q reads in flight, or N echo connections), each counting its own operations, and
/// measures an interval in their steady state: the loops first run untimed for the warm-up (tiered compilation swaps in
/// optimized code meanwhile) and until each has completed an operation, then counters, clock and cost are sampled, the loops run for the given time, and everything
/// is sampled again before they are told to stop. After their first await the loops run on the thread pool (or, with inline
/// continuations, on the engine thread), as a .NET program's awaits do.
/// </summary>
internal sealed class AsyncWorkers
{
    // One counter per cache line (8 longs = 64 bytes, plus a line of slack), so loops on different cores never share one.
    private const int Stride = 16;
    private readonly long[] _counts;
    private volatile bool _stopping;

    private AsyncWorkers(int count) => _counts = new long[(count + 1) * Stride];

    /// <summary>Whether the loops should finish their current operation and return.</summary>
    public bool Stopping => _stopping;

    /// <summary>Counts one completed operation of loop <paramref name="worker"/> (only that loop writes its counter).</summary>
    public void Count(int worker) => _counts[(worker + 1) * Stride]++;

    /// <summary>Starts <paramref name="count"/> loops, warms up, measures <paramref name="seconds"/>, stops them and waits for them all.</summary>
    public static Measurement Run(int count, double warmupSeconds, double seconds, Func<AsyncWorkers, int, Task> loop, Func<CostSample> sample)
    {
        var workers = new AsyncWorkers(count);
        var tasks = new Task[count];
        for (int i = 0; i < count; i++)
        {
            // Started from this thread, so every loop's first operation is issued in order before any completes. Queued
            // to the thread pool instead, the first items wait behind the continuations of the loops already running
            // (a worker takes its own local queue first), and at Q = 256 some loops would not start for seconds.
            tasks[i] = loop(workers, i);
        }

        try
        {
            Wait(tasks, warmupSeconds);
            workers.WaitUntilEveryLoopCounted(tasks);
            CostSample before = sample();
            long opsBefore = workers.Total();
            long start = Stopwatch.GetTimestamp();
            Wait(tasks, seconds);
            long end = Stopwatch.GetTimestamp();
            long opsAfter = workers.Total();
            CostSample after = sample();
            return new Measurement(
                opsAfter - opsBefore,
                (double)(end - start) / Stopwatch.Frequency,
                after.CpuSeconds - before.CpuSeconds,
                after.AllocatedBytes - before.AllocatedBytes);
        }
        finally
        {
            workers._stopping = true;
            Task.WaitAll(tasks);
        }
    }

    // The warm-up ends only once every loop finished an operation: a loop's first one pays its one-time costs (an echo
    // connection's accept and buffer), which on a loaded machine could otherwise fall into the measured interval. Bounded:
    // RandomAccess.ReadAsync queues each read to the issuing worker's own (LIFO) queue, so at Q = 256 a few loops keep
    // the thread pool's workers busy and the others wait, for a minute or more, until the pool adds threads — that is
    // the engine's behaviour and is measured as it is, not waited out.
    private void WaitUntilEveryLoopCounted(Task[] tasks)
    {
        long deadline = Stopwatch.GetTimestamp() + 5 * Stopwatch.Frequency;
        for (int worker = 0; worker < tasks.Length && Stopwatch.GetTimestamp() < deadline; worker++)
        {
            while (Volatile.Read(ref _counts[(worker + 1) * Stride]) == 0 && Stopwatch.GetTimestamp() < deadline)
            {
                Wait(tasks, 0.01);
            }
        }
    }

    private long Total()
    {
        long total = 0;
        for (int i = Stride; i < _counts.Length; i += Stride)
        {
            total += Volatile.Read(ref _counts[i]);
        }

        return total;
    }

    // Sleeps in short steps, ending early (with the loop's exception) when a loop fails. No Task.WaitAny: it would
    // allocate inside the measured interval, and the allocation figure is process-wide.
    private static void Wait(Task[] tasks, double seconds)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (true)
        {
            foreach (Task task in tasks)
            {
                if (task.IsCompleted)
                {
                    task.GetAwaiter().GetResult();
                    throw new InvalidOperationException("a benchmark loop ended before it was told to stop");
                }
            }

            long left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return;
            }

            Thread.Sleep((int)Math.Clamp(left * 1000 / Stopwatch.Frequency, 1, 20));
        }
    }
}
