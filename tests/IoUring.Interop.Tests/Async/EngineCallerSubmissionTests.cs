using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Threads outside the reactor submit their own operations while it sleeps with nothing to run
/// (<see cref="RingEngineOptions.SubmitFromCallerWhenIdle"/>, RingEngine.Outside.cs).</summary>
public sealed class EngineCallerSubmissionTests(ITestOutputHelper output)
{
    private const int BlockSize = 4096;
    private const int Blocks = 64;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_caller_outside_an_idle_reactor_submits_itself_only_when_allowed(bool allowed)
    {
        using var folder = new TempDirectory();
        using SafeFileHandle file = CreateFile(folder);
        await using var engine = new RingEngine(new RingEngineOptions { SubmitFromCallerWhenIdle = allowed });

        // One read at a time from a thread that is not the reactor: the reactor is asleep between them.
        const int Reads = 200;
        await Task.Factory.StartNew(
            () =>
            {
                byte[] buffer = new byte[BlockSize];
                long asleepAfter = 1;
                for (int i = 0; i < Reads; i++)
                {
                    // Let the reactor go back to sleep after the previous read (it counts each sleep just before it
                    // waits), with a margin.
                    var waited = System.Diagnostics.Stopwatch.StartNew();
                    while (engine.Statistics.Sleeps < asleepAfter && waited.Elapsed < AsyncTestSupport.Bound)
                    {
                        Thread.Yield();
                    }

                    Thread.Sleep(1);
                    asleepAfter = engine.Statistics.Sleeps + 1;
                    int block = i % Blocks;
                    int read = engine.ReadAsync(file, buffer, (long)block * BlockSize).AsTask().WaitAsync(AsyncTestSupport.Bound).GetAwaiter().GetResult();
                    read.Should().Be(BlockSize);
                    buffer.Should().OnlyContain(b => b == (byte)block, "block {0} holds its own number", block);
                }
            },
            TaskCreationOptions.LongRunning).WaitAsync(AsyncTestSupport.Bound);

        RingEngineStatistics statistics = engine.Statistics;
        output.WriteLine($"allowed={allowed}: {statistics}");
        if (allowed)
        {
            // Each read found the reactor asleep (a preemption of the reactor between counting its sleep and waiting
            // may send one through the queue).
            statistics.SubmittedByCallers.Should().BeGreaterThan(Reads / 2, "an idle reactor lends its ring to the caller");
        }
        else
        {
            statistics.SubmittedByCallers.Should().Be(0);
            statistics.Wakeups.Should().BeGreaterThan(Reads / 2, "each read queued for the reactor had to wake it");
        }
    }

    /// <summary>Many threads race to borrow the ring while the reactor sleeps, wakes and runs their continuations:
    /// every read completes once, with its own bytes.</summary>
    [Fact]
    public async Task Racing_callers_and_the_reactor_lose_no_operation_and_mix_no_bytes()
    {
        using var folder = new TempDirectory();
        using SafeFileHandle file = CreateFile(folder);
        await using var engine = new RingEngine();
        const int Callers = 8;
        const int ReadsEach = 2000;
        long completed = 0;

        Task[] callers = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            byte[] buffer = new byte[BlockSize];
            for (int i = 0; i < ReadsEach; i++)
            {
                int block = (c * 7 + i) % Blocks;
                int read = await engine.ReadAsync(file, buffer, (long)block * BlockSize).ConfigureAwait(false);
                read.Should().Be(BlockSize);
                buffer[0].Should().Be((byte)block);
                buffer[^1].Should().Be((byte)block);
                Interlocked.Increment(ref completed);

                // Back to the thread pool: the next read starts outside the reactor again.
                await Task.Run(static () => { }).ConfigureAwait(false);
            }
        })).ToArray();

        await Progress.Await(Task.WhenAll(callers).ContinueWith(_ => true), () => Interlocked.Read(ref completed), "racing callers");
        await Task.WhenAll(callers);
        completed.Should().Be(Callers * ReadsEach);
        output.WriteLine(engine.Statistics.ToString());
        engine.Statistics.SubmittedByCallers.Should().BeGreaterThan(0, "some reads found the reactor asleep");
    }

    /// <summary>Disposal while callers submit from outside: every read ends (completed, or refused as disposed), and
    /// nothing hangs.</summary>
    [Fact]
    public async Task Disposing_while_callers_submit_from_outside_ends_every_read()
    {
        using var folder = new TempDirectory();
        using SafeFileHandle file = CreateFile(folder);
        for (int round = 0; round < 20; round++)
        {
            var engine = new RingEngine();
            using var stop = new CancellationTokenSource();
            Task<int>[] callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                byte[] buffer = new byte[BlockSize];
                int done = 0;
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await engine.ReadAsync(file, buffer, 0).ConfigureAwait(false);
                        done++;
                        await Task.Run(static () => { }).ConfigureAwait(false);
                    }
                }
                catch (ObjectDisposedException)
                {
                    // Refused: the engine was disposed first.
                }

                return done;
            })).ToArray();

            await Task.Delay(5);
            await engine.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
            stop.Cancel();
            int[] done = await Task.WhenAll(callers).WaitAsync(AsyncTestSupport.Bound);
            done.Should().OnlyContain(n => n >= 0);
        }
    }

    private static SafeFileHandle CreateFile(TempDirectory folder)
    {
        string path = folder.File("blocks.bin");
        byte[] content = new byte[BlockSize * Blocks];
        for (int block = 0; block < Blocks; block++)
        {
            content.AsSpan(block * BlockSize, BlockSize).Fill((byte)block);
        }

        File.WriteAllBytes(path, content);
        return File.OpenHandle(path);
    }
}
