using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Issue 18, defect 2: <see cref="Submitter.SqueueWait"/> on an SQPOLL ring whose polling thread sleeps.</summary>
/// <remarks>The kernel's IORING_ENTER_SQ_WAIT (io_sqpoll_wait_sq) only sleeps until the polling thread consumes
/// entries; a thread that sleeps itself consumes nothing until IORING_ENTER_SQ_WAKEUP, so without it the wait never ends.</remarks>
public sealed class SqueueWaitTests
{
    [Fact]
    public async Task SqueueWait_wakes_a_sleeping_polling_thread_and_returns_once_there_is_room()
    {
        using Ring ring = Ring.Builder().SetupSqPoll(idleMilliseconds: 10).Build(4);
        SubmissionQueue sq = ring.SubmissionQueue;
        var clock = Stopwatch.StartNew();
        while (!sq.NeedWakeup)
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the SQPOLL thread sleeps after 10 ms idle");
            Thread.Sleep(5);
        }

        for (ulong i = 0; i < 4; i++)
        {
            sq.TryPush(Nops.Make(i)).Should().BeTrue();
        }

        sq.IsFull.Should().BeTrue("the sleeping thread consumed nothing");
        Task<int> wait = Task.Factory.StartNew(() => ring.Submitter.SqueueWait(), TaskCreationOptions.LongRunning);
        try
        {
            Func<Task> bounded = () => wait.WaitAsync(TimeSpan.FromSeconds(30));
            await bounded.Should().NotThrowAsync("SqueueWait must wake the sleeping polling thread");
            (await wait).Should().Be(0);
        }
        finally
        {
            // Before the fix the wait hangs: Submit wakes the thread, which lets the stuck call return.
            if (!wait.IsCompleted)
            {
                ring.Submit();
                await wait.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        CompletionTests.WaitForCompletions(ring, 4);
        CompletionTests.DrainUserData(ring).Should().Equal(0UL, 1UL, 2UL, 3UL);
    }
}
