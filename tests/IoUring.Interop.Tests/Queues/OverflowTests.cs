using System;
using System.Diagnostics;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>CQ overflow with IORING_FEAT_NODROP: completions beyond the queue wait in the kernel and all arrive once.</summary>
public class OverflowTests
{
    [Theory]
    [InlineData(RingShapes.Default)]
    [InlineData(RingShapes.SqPoll)]
    [InlineData(RingShapes.DeferTaskrun)]
    [InlineData(RingShapes.Sqe128Cqe32)]
    public void Eight_times_the_completion_queue_arrives_exactly_once(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        KernelSkip.UnlessFeature(ring.Parameters.IsFeatureNoDrop, "IORING_FEAT_NODROP");
        int total = 8 * ring.CompletionQueue.Capacity;
        SubmissionQueue sq = ring.SubmissionQueue;

        // Submit in batches that fit the submission queue, never reaping.
        for (int i = 0; i < total; i++)
        {
            var clock = Stopwatch.StartNew();
            while (!sq.TryPush(Nops.Make((ulong)i)))
            {
                // Full: hand the batch over (under SQPOLL the thread frees the slots on its own).
                ring.Submit();
                System.Threading.Thread.Yield();
                clock.Elapsed.Should().BeLessThan(Progress.Stall);
            }
        }

        ring.Submit();
        WaitUntilConsumed(ring);
        sq.CqOverflow.Should().BeTrue("{0} completions cannot fit in a {1}-entry queue", total, ring.CompletionQueue.Capacity);

        bool[] seen = new bool[total];
        int received = 0;
        var reap = Stopwatch.StartNew();
        while (received < total)
        {
            while (ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
            {
                cqe.Result.Should().Be(0);
                cqe.UserData.Should().BeLessThan((ulong)total);
                seen[cqe.UserData].Should().BeFalse("completion {0} must arrive once", cqe.UserData);
                seen[cqe.UserData] = true;
                received++;
            }

            // The kept completions move to the queue when we enter with GETEVENTS, which SubmitAndWait does
            // while IORING_SQ_CQ_OVERFLOW is set.
            if (received < total)
            {
                ring.SubmitAndWait(0);
            }

            reap.Elapsed.Should().BeLessThan(Progress.Stall);
        }

        seen.Should().OnlyContain(x => x);
        ring.CompletionQueue.Overflow.Should().Be(0, "nothing was dropped");
        sq.CqOverflow.Should().BeFalse();
        ring.CompletionQueue.TryDequeue(out CompletionEntry _).Should().BeFalse();
    }

    private static void WaitUntilConsumed(Ring ring)
    {
        var clock = Stopwatch.StartNew();
        while (ring.SubmissionQueue.Count > 0)
        {
            clock.Elapsed.Should().BeLessThan(Progress.Stall);
            ring.Submit();
        }

        // SQPOLL posts the last completions asynchronously after consuming the entries.
        while (ring.Parameters.IsSetupSqPoll && !ring.SubmissionQueue.CqOverflow)
        {
            clock.Elapsed.Should().BeLessThan(Progress.Stall);
            System.Threading.Thread.Yield();
        }
    }
}
