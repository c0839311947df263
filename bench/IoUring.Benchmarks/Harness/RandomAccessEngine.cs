using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Benchmarks.Harness;

/// <summary>The .NET baselines: <see cref="RandomAccess"/> synchronous on one thread, and Q concurrent async loops.</summary>
internal static class RandomAccessEngine
{
    public static (long Ops, double Seconds, long Allocated, double CpuSeconds) RunSync(SafeFileHandle file, long blocks, ReadOptions options)
    {
        byte[] buffer = GC.AllocateUninitializedArray<byte>(options.Block, pinned: true);
        var offsets = new XorShift64(XorShift64.Seed);
        long deadlineTicks = (long)(options.Seconds * Stopwatch.Frequency);
        long ops = 0;
        double cpuStart = ProcessCpu.Now();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        long now;
        while (true)
        {
            int read = RandomAccess.Read(file, buffer, offsets.NextOffset(blocks, options.Block));
            if (read != options.Block)
            {
                throw new IOException($"short read: {read} of {options.Block} bytes");
            }

            if (++ops % Clock.Every == 0 && (now = Stopwatch.GetTimestamp()) - start >= deadlineTicks)
            {
                break;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double cpuSeconds = ProcessCpu.Now() - cpuStart;
        return (ops, (double)(now - start) / Stopwatch.Frequency, allocated, cpuSeconds);
    }

    /// <remarks>
    /// Continuations run on thread-pool threads, so the allocation figure is the process-wide
    /// <see cref="GC.GetTotalAllocatedBytes(bool)"/> delta, not the current thread's.
    /// </remarks>
    public static (long Ops, double Seconds, long Allocated, double CpuSeconds) RunAsync(SafeFileHandle file, long blocks, ReadOptions options)
    {
        var offsets = new SharedOffsets(blocks, options.Block);
        var stop = new CancellationTokenSource();
        var workers = new Task<long>[options.QueueDepth];
        var buffers = new byte[options.QueueDepth][];
        for (int i = 0; i < buffers.Length; i++)
        {
            buffers[i] = GC.AllocateUninitializedArray<byte>(options.Block, pinned: true);
        }

        double cpuStart = ProcessCpu.Now();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = ReadLoopAsync(file, buffers[i], offsets, stop.Token);
        }

        Thread.Sleep(TimeSpan.FromSeconds(options.Seconds));
        stop.Cancel();
        Task.WaitAll(workers);
        long end = Stopwatch.GetTimestamp();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        double cpuSeconds = ProcessCpu.Now() - cpuStart;
        long ops = 0;
        foreach (Task<long> worker in workers)
        {
            ops += worker.Result;
        }

        return (ops, (double)(end - start) / Stopwatch.Frequency, allocated, cpuSeconds);
    }

    private static async Task<long> ReadLoopAsync(SafeFileHandle file, byte[] buffer, SharedOffsets offsets, CancellationToken stop)
    {
        await Task.Yield();
        long ops = 0;
        while (!stop.IsCancellationRequested)
        {
            int read = await RandomAccess.ReadAsync(file, buffer, offsets.Next()).ConfigureAwait(false);
            if (read != buffer.Length)
            {
                throw new IOException($"short read: {read} of {buffer.Length} bytes");
            }

            ops++;
        }

        return ops;
    }

    /// <summary>One xorshift sequence shared by all async loops, so they read the C twin's offsets in order.</summary>
    private sealed class SharedOffsets(long blocks, int block)
    {
        private readonly Lock _gate = new();
        private XorShift64 _random = new(XorShift64.Seed);

        public long Next()
        {
            lock (_gate)
            {
                return _random.NextOffset(blocks, block);
            }
        }
    }
}
