using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>How continuations run on the thread pool: in batches on a runner, with the wake-ups of the requests they
/// submit deferred to the end of their chunk (RingEngine.Continuations.cs).</summary>
public sealed class EngineContinuationTests
{
    /// <summary>A continuation that submits a request and blocks until it completes (sync over async) must not hang:
    /// its deferred wake-up cannot ring while it blocks, so the engine has to find the request on its own.</summary>
    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task A_continuation_blocking_on_its_own_request_does_not_hang(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        for (int i = 0; i < 50; i++)
        {
            await engine.SubmitAsync(new Nop().Build()).Within();
            Thread.CurrentThread.IsThreadPoolThread.Should().BeTrue("the continuation runs on a thread-pool runner");

            Task<CompletionEntry> blocked = engine.SubmitAsync(new Nop { InjectResult = i, Flags = NopFlags.InjectResult }.Build()).AsTask();
#pragma warning disable xUnit1031 // Blocking on the request from its own continuation is what this test is about.
            blocked.Wait(Progress.Stall).Should().BeTrue($"round {i}: the engine must pick the request up without the deferred wake-up");
            blocked.Result.Result.Should().Be(i);
#pragma warning restore xUnit1031
        }
    }

    /// <summary>Completions that arrive together reach every awaiter exactly once, in parallel loops that each submit
    /// the next request from their continuation (the pattern the batching serves).</summary>
    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Loops_resubmitting_from_continuations_see_each_of_their_results_once(EngineSetUp setUp)
    {
        const int Loops = 64;
        const int Rounds = 500;
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        long before = engine.Statistics.ContinuationRunners;

        async Task<List<int>> Loop(int loop)
        {
            var seen = new List<int>(Rounds);
            for (int round = 0; round < Rounds; round++)
            {
                int value = loop * Rounds + round;
                CompletionEntry done = await engine.SubmitAsync(new Nop { InjectResult = value, Flags = NopFlags.InjectResult }.Build());
                seen.Add(done.Result);
            }

            return seen;
        }

        List<int>[] results = await Task.WhenAll(Enumerable.Range(0, Loops).Select(Loop)).WaitAsync(AsyncTestSupport.Bound);
        for (int loop = 0; loop < Loops; loop++)
        {
            results[loop].Should().Equal(Enumerable.Range(loop * Rounds, Rounds), $"loop {loop} gets its own results, in order");
        }

        long runners = engine.Statistics.ContinuationRunners - before;
        if (setUp == EngineSetUp.Reactor)
        {
            runners.Should().Be(0, "the reactor runs every continuation itself");
        }
        else
        {
            runners.Should().BeInRange(1, (long)Loops * Rounds, "each runner serves at least one continuation");
        }
    }
}
