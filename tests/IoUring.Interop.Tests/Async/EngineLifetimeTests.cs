using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Disposal, many threads, pooling and the versioned awaitables.</summary>
public class EngineLifetimeTests
{
    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Dispose_with_ten_thousand_operations_in_flight_ends_each_exactly_once(EngineSetUp setUp)
    {
        RingEngine engine = AsyncTestSupport.Engine(setUp, maxInFlight: 20_000);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            var outcomes = new int[10_000];
            var tasks = new List<Task>(outcomes.Length);
            for (int i = 0; i < outcomes.Length; i++)
            {
                int index = i;
                ValueTask pending = i % 2 == 0
                    ? engine.DelayAsync(TimeSpan.FromHours(1))
                    : new ValueTask(engine.ReceiveAsync(server, new byte[8]).AsTask());
                tasks.Add(Observe(pending, () => Interlocked.Increment(ref outcomes[index])));
            }

            await Task.Delay(100);
            await engine.DisposeAsync().Within();
            await Task.WhenAll(tasks).WaitAsync(AsyncTestSupport.Bound);

            outcomes.Should().OnlyContain(count => count == 1, "every operation ended once, with ObjectDisposedException");
            await engine.DisposeAsync().Within(); // idempotent
            Action after = () => engine.DelayAsync(TimeSpan.Zero);
            after.Should().Throw<ObjectDisposedException>();

            // The receives were cancelled in the kernel, so the socket still delivers to a new reader.
            client.Send("q"u8);
            byte[] buffer = new byte[1];
            server.Receive(buffer).Should().Be(1);
        }

        static async Task Observe(ValueTask pending, Action once)
        {
            try
            {
                await pending;
                throw new InvalidOperationException("an operation completed normally although nothing could complete it");
            }
            catch (ObjectDisposedException)
            {
                once();
            }
        }
    }

    [Fact]
    public async Task Dispose_from_many_threads_at_once_is_safe()
    {
        var engine = new RingEngine();
        ValueTask pending = engine.DelayAsync(TimeSpan.FromHours(1));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => engine.Dispose())));
        Func<Task> awaiting = () => pending.Within();
        await awaiting.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Many_threads_submitting_at_once_get_their_own_results(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp, maxInFlight: 64);
        const int Threads = 8, PerThread = 5000;
        long[] sums = await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            long sum = 0;
            for (int i = 0; i < PerThread; i++)
            {
                int expected = t * PerThread + i;
                CompletionEntry done = await engine.SubmitAsync(new Nop { InjectResult = expected, Flags = NopFlags.InjectResult }.Build());
                if (done.Result != expected && done.Result != 0)
                {
                    throw new InvalidOperationException($"got {done.Result}, expected {expected}: another operation's result");
                }

                sum += done.Result;
            }

            return sum;
        }))).WaitAsync(AsyncTestSupport.Bound);

        sums.Should().HaveCount(Threads);
    }

    [Fact]
    public async Task A_stale_or_second_await_throws_instead_of_returning_another_result()
    {
        await using var engine = new RingEngine();
        ValueTask<CompletionEntry> first = engine.SubmitAsync(new Nop().Build());
        (await first).Result.Should().Be(0);

        // The pooled operation now serves the next request.
        ValueTask<CompletionEntry> second = engine.SubmitAsync(new Nop().Build());
        Func<Task> again = async () => await first;
        await again.Should().ThrowAsync<InvalidOperationException>();
        (await second).Result.Should().Be(0, "the stale await did not disturb the new use");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(32769)]
    public void Ring_sizes_outside_1_to_32768_are_refused_naming_Entries(int entries)
    {
        Action create = () => new RingEngine(new RingEngineOptions { Entries = entries }).Dispose();
        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(RingEngineOptions.Entries));
    }

    [Fact]
    public void Linked_or_completion_skipping_entries_are_refused()
    {
        using var engine = new RingEngine();
        Action linked = () => engine.SubmitAsync(new Nop().Build().WithFlags(SqeFlags.IoLink));
        linked.Should().Throw<ArgumentException>().WithParameterName("entry");
        Action skip = () => engine.SubmitAsync(new Nop().Build().WithFlags(SqeFlags.CqeSkipSuccess));
        skip.Should().Throw<ArgumentException>().WithParameterName("entry");
    }

    [Fact]
    public async Task In_flight_work_is_bounded_and_waiters_proceed()
    {
        await using RingEngine engine = AsyncTestSupport.Engine(EngineSetUp.DeferTaskRun, maxInFlight: 4);
        using var cts = new CancellationTokenSource();
        ValueTask[] held = Enumerable.Range(0, 4).Select(_ => engine.DelayAsync(TimeSpan.FromHours(1), cts.Token)).ToArray();
        ValueTask<CompletionEntry> waiting = engine.SubmitAsync(new Nop().Build());
        await Task.Delay(100);
        waiting.IsCompleted.Should().BeFalse("four operations hold every slot");

        cts.Cancel();
        (await waiting.Within()).Result.Should().Be(0);
        foreach (ValueTask task in held)
        {
            Func<Task> awaiting = () => task.Within();
            await awaiting.Should().ThrowAsync<OperationCanceledException>();
        }
    }

    [Fact]
    public async Task Inline_continuations_run_on_the_engine_thread()
    {
        await using RingEngine engine = AsyncTestSupport.Engine(EngineSetUp.DeferTaskRun, inline: true);
        await engine.SubmitAsync(new Nop().Build()).Within();
        string? name = null;
        await RunAsync();
        name.Should().Be("io_uring engine");

        async Task RunAsync()
        {
            // ConfigureAwait(false): the test framework's synchronization context would otherwise take the continuation.
            // A delay, not a NOP: a NOP may complete before the await attaches its continuation, and then the await
            // goes on synchronously on this thread, whatever the engine's option.
            await engine.DelayAsync(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
            name = Thread.CurrentThread.Name;
        }
    }

    [Fact]
    public void The_default_group_is_shared_and_cannot_be_disposed()
    {
        RingEngine.Default.Should().BeSameAs(RingEngineGroup.Default.Engines[0]);
        RingEngineGroup.Default.Engines.Should().HaveCount(RingEngineGroup.DefaultEngineCount);
        Action dispose = () => RingEngine.Default.Dispose();
        dispose.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task A_group_hands_out_engines_round_robin()
    {
        await using var group = new RingEngineGroup(3);
        RingEngine[] picked = Enumerable.Range(0, 6).Select(_ => group.Next()).ToArray();
        picked.Distinct().Should().HaveCount(3);
        picked.Take(3).Should().Equal(picked.Skip(3));
        foreach (RingEngine engine in group.Engines)
        {
            (await engine.SubmitAsync(new Nop().Build()).Within()).Result.Should().Be(0);
        }
    }
}
