using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Reliability.Child;
using Xunit;

namespace IoUring.Interop.Reliability.Races;

/// <summary>The async layer's timeouts and cancellations under the kernel's io-wq cancel race (issue 21): reads of an
/// idle pipe forced into io-wq (IOSQE_ASYNC), each ended 1-30 µs after it starts, by its linked timeout or by its
/// token, on both engine set-ups, while other threads load every core. Every await must end with the matching
/// exception; one the race left armed would never end, which the watchdog turns into a failure.</summary>
[Trait("Category", "Soak")]
public sealed class TimeoutRaceAsyncTests
{
    private const int ShortOperations = 40_000;
    private const int Callers = 8;
    private const int ShortEngines = 300;

    // A read still pending this long after its deadline (or its cancel) is one the kernel will never complete.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Every timed read ends with <see cref="TimeoutException"/> within the bound, on DEFER_TASKRUN and on the
    /// COOP_TASKRUN fallback.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task Timed_reads_that_lose_the_link_timeout_race_still_end_with_TimeoutException(bool deferTaskrun) =>
        RunAsync(deferTaskrun, byToken: false);

    /// <summary>Every read cancelled by its token ends with <see cref="OperationCanceledException"/> within the bound,
    /// although the engine's first ASYNC_CANCEL may meet the read between its io-wq attempt and its poll (EALREADY).</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task Reads_cancelled_by_token_in_the_io_wq_window_still_end_with_OperationCanceledException(bool deferTaskrun) =>
        RunAsync(deferTaskrun, byToken: true);

    /// <summary>DisposeAsync's cancel-all meets reads in the io-wq window too: every disposal still ends, and every read
    /// with <see cref="ObjectDisposedException"/>.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Disposal_in_the_io_wq_window_still_ends_every_read(bool deferTaskrun)
    {
        string what = $"async dispose race {(deferTaskrun ? "defer-taskrun" : "coop-taskrun")}";
        Output(Knobs.ReplayLine(what));
        var pipe = Posix.Pipe();
        var random = new Random(Knobs.SeedFor(what));
        TimeSpan? longRun = Knobs.LongRun;
        long end = longRun is TimeSpan run ? Stopwatch.GetTimestamp() + (long)(run.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        int engines = 0;
        long retries = 0;
        TimeSpan worst = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        byte[][] buffers = Array.ConvertAll(new byte[Callers][], _ => GC.AllocateArray<byte>(16, pinned: true));
        var reads = new Task<CompletionEntry>[Callers];
        try
        {
            using (CpuLoad.OnEveryCore())
            {
                while (longRun is null ? engines < ShortEngines : Stopwatch.GetTimestamp() < end)
                {
                    var engine = new RingEngine(new RingEngineOptions { UseDeferTaskRun = deferTaskrun });
                    engines++;
                    for (int i = 0; i < Callers; i++)
                    {
                        reads[i] = engine.SubmitAsync(Caller.ReadOf(pipe.Read, buffers[i]), CancellationToken.None).AsTask();
                    }

                    // 1-200 µs: the cancel-all comes about when the io-wq workers try the reads.
                    TimeSpan after = TimeSpan.FromTicks(random.Next(10, 2000));
                    long started = Stopwatch.GetTimestamp();
                    while (Stopwatch.GetElapsedTime(started) < after)
                    {
                        Thread.SpinWait(10);
                    }

                    started = Stopwatch.GetTimestamp();
                    Task disposal = engine.DisposeAsync().AsTask();
                    Assert.True(await Task.WhenAny(disposal, Task.Delay(Bound, TestContext.Current.CancellationToken)) == disposal,
                        $"Engine {engines}: DisposeAsync did not end within {Bound.TotalSeconds:0} s: a read it cancelled once in the io-wq window stayed pending.");
                    TimeSpan took = Stopwatch.GetElapsedTime(started);
                    worst = took > worst ? took : worst;
                    retries += engine.Statistics.CancelRetries;
                    foreach (Task<CompletionEntry> read in reads)
                    {
                        await Assert.ThrowsAsync<ObjectDisposedException>(() => read);
                    }
                }
            }

            Output(string.Create(CultureInfo.InvariantCulture,
                $"{what}: {engines} engines disposed with {Callers} io-wq reads each in {clock.Elapsed.TotalSeconds:0.0}s; cancels retried after EALREADY/ENOENT {retries}; " +
                $"slowest disposal {worst.TotalMilliseconds:0.000} ms"));
        }
        finally
        {
            Posix.close(pipe.Read);
            Posix.close(pipe.Write);
        }
    }

    private static async Task RunAsync(bool deferTaskrun, bool byToken)
    {
        string what = $"async {(byToken ? "token cancel" : "timeout")} race {(deferTaskrun ? "defer-taskrun" : "coop-taskrun")}";
        Output(Knobs.ReplayLine(what));
        var pipe = Posix.Pipe(); // blocking: a NONBLOCK pipe makes the read end with EAGAIN instead of polling
        var engine = new RingEngine(new RingEngineOptions { UseDeferTaskRun = deferTaskrun });
        var callers = new Caller[Callers];
        try
        {
            TimeSpan? longRun = Knobs.LongRun;
            long end = longRun is TimeSpan run ? Stopwatch.GetTimestamp() + (long)(run.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
            int budget = longRun is null ? ShortOperations : int.MaxValue;
            int started = 0;
            var clock = Stopwatch.StartNew();
            Task[] tasks = new Task[Callers];
            using (CpuLoad.OnEveryCore())
            {
                for (int i = 0; i < Callers; i++)
                {
                    Caller caller = callers[i] = new Caller(engine, pipe.Read, byToken, new Random(Knobs.SeedFor($"{what}/{i}")));
                    tasks[i] = Task.Run(() => caller.RunAsync(() => Interlocked.Increment(ref started) <= budget && Stopwatch.GetTimestamp() < end), TestContext.Current.CancellationToken);
                }

                Task all = Task.WhenAll(tasks);
                while (!all.IsCompleted)
                {
                    await Task.WhenAny(all, Task.Delay(100, TestContext.Current.CancellationToken));
                    foreach (Caller caller in callers)
                    {
                        TimeSpan late = caller.PendingPastDeadline;
                        Assert.True(late < Bound, string.Create(CultureInfo.InvariantCulture,
                            $"A read {(byToken ? "cancelled by its token" : "with a linked timeout")} {caller.CurrentDeadline.TotalMicroseconds:0} µs after it started is still pending " +
                            $"{late.TotalSeconds:0.0} s later ({caller.Completed} reads of that caller ended before it): the kernel's cancel missed it and nothing cancelled it again."));
                    }
                }

                await all;
            }

            long operations = 0, expected = 0;
            TimeSpan worst = TimeSpan.Zero;
            foreach (Caller caller in callers)
            {
                operations += caller.Completed;
                expected += caller.EndedAsExpected;
                worst = caller.WorstDelay > worst ? caller.WorstDelay : worst;
            }

            RingEngineStatistics statistics = engine.Statistics;
            Output(string.Create(CultureInfo.InvariantCulture,
                $"{what}: {operations} reads in {clock.Elapsed.TotalSeconds:0.0}s, {expected} ended with {(byToken ? "OperationCanceledException" : "TimeoutException")}; " +
                $"races seen: linked timeouts that missed (engine cancelled) {statistics.TimeoutRecoveries}, cancels retried after EALREADY/ENOENT {statistics.CancelRetries}; " +
                $"worst end after the {(byToken ? "cancel" : "deadline")} {worst.TotalMilliseconds:0.000} ms"));
            Assert.Equal(operations, expected);
        }
        finally
        {
            await engine.DisposeAsync().AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);
            Posix.close(pipe.Read);
            Posix.close(pipe.Write);
        }
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>One caller: reads one after another, each ended by its timeout or its token 1-30 µs after the call, and
    /// measured from the call to the end of its await.</summary>
    private sealed class Caller(RingEngine engine, int fd, bool byToken, Random random)
    {
        // Pinned: the kernel may write to it until the read's completion (SubmitAsync leaves lifetimes to the caller).
        private readonly byte[] _buffer = GC.AllocateArray<byte>(16, pinned: true);
        private long _startedAt;

        public long Completed;
        public long EndedAsExpected;
        public TimeSpan WorstDelay;
        public TimeSpan CurrentDeadline;

        /// <summary>How long the read in flight has been pending past its deadline (zero when none is).</summary>
        public TimeSpan PendingPastDeadline
        {
            get
            {
                long started = Volatile.Read(ref _startedAt);
                return started == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(started) - CurrentDeadline;
            }
        }

        public async Task RunAsync(Func<bool> next)
        {
            while (next())
            {
                // 1-30 µs: the timer fires (or the token is cancelled) about when the io-wq worker tries the read.
                TimeSpan deadline = TimeSpan.FromTicks(random.Next(10, 300));
                CurrentDeadline = deadline;
                long started = Stopwatch.GetTimestamp();
                Volatile.Write(ref _startedAt, started);
                try
                {
                    CompletionEntry completion = byToken ? await CancelledAsync(deadline) : await engine.SubmitAsync(ReadOf(fd, _buffer), deadline).ConfigureAwait(false);
                    Assert.Fail($"The read of an idle pipe completed with {completion.Result} instead of being ended.");
                }
                catch (TimeoutException) when (!byToken)
                {
                    EndedAsExpected++;
                }
                catch (OperationCanceledException) when (byToken)
                {
                    EndedAsExpected++;
                }

                TimeSpan delay = Stopwatch.GetElapsedTime(started) - CurrentDeadline;
                Volatile.Write(ref _startedAt, 0);
                WorstDelay = delay > WorstDelay ? delay : WorstDelay;
                Completed++;
            }
        }

        private async Task<CompletionEntry> CancelledAsync(TimeSpan after)
        {
            using var source = new CancellationTokenSource();
            long started = Stopwatch.GetTimestamp();
            ValueTask<CompletionEntry> read = engine.SubmitAsync(ReadOf(fd, _buffer), source.Token);
            while (Stopwatch.GetElapsedTime(started) < after)
            {
                Thread.SpinWait(10);
            }

            CurrentDeadline = Stopwatch.GetElapsedTime(Volatile.Read(ref _startedAt));
            source.Cancel();
            return await read.ConfigureAwait(false);
        }

        // IOSQE_ASYNC sends the read to io-wq, where the race lives (the typed ReadAsync has no way to ask for it).
        internal static unsafe SubmissionEntry ReadOf(int fd, byte[] buffer) =>
            new Read(new Fd(fd), (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0), (uint)buffer.Length).Build().WithFlags(SqeFlags.Async);
    }
}
