using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Audit;

/// <summary>
/// The SQPOLL case that Queues/SubmissionQueueTests.Full_queue_refuses_a_push returns early on: once the polling
/// thread sleeps it consumes nothing, so the queue does fill up and refuses a push until Submit wakes the thread.
/// </summary>
public class SqPollFullQueueAuditTests
{
    [Fact]
    public void A_full_queue_of_a_sleeping_sqpoll_thread_refuses_a_push_until_woken()
    {
        using Ring ring = Ring.Builder().SetupSqPoll(idleMilliseconds: 10).Build(4);
        SubmissionQueue sq = ring.SubmissionQueue;

        var clock = Stopwatch.StartNew();
        while (!sq.NeedWakeup)
        {
            clock.Elapsed.Should().BeLessThan(Progress.Stall, "the SQPOLL thread sleeps after 10 ms idle");
            Thread.Sleep(5);
        }

        for (ulong i = 0; i < 4; i++)
        {
            sq.TryPush(new Nop().Build().WithUserData(i)).Should().BeTrue();
        }

        sq.IsFull.Should().BeTrue("the sleeping thread has not consumed anything");
        sq.TryPush(new Nop().Build().WithUserData(99)).Should().BeFalse();

        ring.Submit().Should().Be(4, "Submit wakes the thread (IORING_ENTER_SQ_WAKEUP) and reports the pending entries");
        var seen = new List<ulong>();
        clock.Restart();
        while (seen.Count < 4)
        {
            clock.Elapsed.Should().BeLessThan(Progress.Stall);
            if (ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
                seen.Add(cqe.UserData);
            else
                Thread.Yield();
        }

        seen.Should().Equal(0UL, 1UL, 2UL, 3UL);
    }
}
