using System;
using System.Diagnostics;
using System.Threading;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>The submitter's enter/submit/wait logic (the Rust crate's submit.rs).</summary>
public class SubmitterTests
{
    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Submit_returns_the_number_submitted(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        CompletionTests.Push(ring, 10, 3);

        ring.Submit().Should().BeInRange(shape == RingShapes.SqPoll ? 0 : 3, 3);
        CompletionTests.WaitForCompletionsEntering(ring, 3);
        CompletionTests.DrainUserData(ring).Should().Equal(10UL, 11UL, 12UL);
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Try_submit_and_wait_reports_success(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        CompletionTests.Push(ring, 1, 2);

        ring.Submitter.TrySubmitAndWait(2, out int submitted).Should().Be(SubmitStatus.Success);
        submitted.Should().BeInRange(0, 2);
        ring.CompletionQueue.Count.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Submit_with_args_times_out_with_ETIME(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        KernelSkip.UnlessFeature(ring.Parameters.IsFeatureExtArg, "IORING_FEAT_EXT_ARG");
        SubmitArgs args = new SubmitArgs().WithTimeout(TimeSpan.FromMilliseconds(50));

        var clock = Stopwatch.StartNew();
        ring.Submitter.TrySubmitWithArgs(1, args, out int submitted).Should().Be(SubmitStatus.TimedOut);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(45)).And.BeLessThan(Progress.Stall, "the wait ended by its own 50 ms timeout (a loaded machine may take seconds, never a minute)");
        submitted.Should().Be(0);

        clock.Restart();
        IoUringException e = FluentActions.Invoking(() => ring.Submitter.SubmitWithArgs(1, args.WithSignalMask(0))).Should().Throw<IoUringException>().Which;
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(45)).And.BeLessThan(Progress.Stall, "the wait ended by its own 50 ms timeout (a loaded machine may take seconds, never a minute)");
        e.Errno.Should().Be(62);
        e.ErrnoName.Should().Be("ETIME");
        e.Operation.Should().Be("io_uring_enter");
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Submit_with_args_returns_when_completions_arrive(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        CompletionTests.Push(ring, 40, 2);
        SubmitArgs args = new SubmitArgs().WithTimeout(Timespec.From(120, 0));

        var clock = Stopwatch.StartNew();
        ring.Submitter.SubmitWithArgs(2, args).Should().BeInRange(0, 2);
        clock.Elapsed.Should().BeLessThan(Progress.Stall, "the completions, not the 120 s timeout, ended the wait");
        CompletionTests.DrainUserData(ring).Should().Equal(40UL, 41UL);
    }

    [Fact]
    public void Min_wait_is_accepted()
    {
        using Ring ring = new(8);
        KernelSkip.UnlessFeature(ring.Parameters.IsFeatureMinTimeout, "IORING_FEAT_MIN_TIMEOUT");
        CompletionTests.Push(ring, 1, 1);
        SubmitArgs args = new SubmitArgs().WithTimeout(TimeSpan.FromSeconds(1)).WithMinWaitUsec(1000);

        ring.Submitter.SubmitWithArgs(1, args).Should().Be(1);
        CompletionTests.DrainUserData(ring).Should().Equal(1UL);
    }

    [Fact]
    public void Enter_with_nothing_to_do_returns_zero()
    {
        using Ring ring = new(4);

        ring.Submitter.Enter(0, 0, default).Should().Be(0);
    }

    [Fact]
    public void Sqpoll_submits_without_a_system_call_sleeps_when_idle_and_wakes()
    {
        Ring ring;
        try
        {
            ring = Ring.Builder().SetupSqPoll(20).Build(8);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_SETUP_SQPOLL");
            throw;
        }

        using (ring)
        {
            // While the thread is awake, publishing the tail is the whole submission: no Submit call at all.
            ring.SubmissionQueue.TryPush(Nops.Make(1)).Should().BeTrue();
            if (!ring.SubmissionQueue.NeedWakeup)
            {
                CompletionTests.WaitForCompletions(ring, 1);
                CompletionTests.DrainUserData(ring).Should().Equal(1UL);
            }
            else
            {
                ring.Submit();
                CompletionTests.WaitForCompletions(ring, 1);
                CompletionTests.DrainUserData(ring).Should().Equal(1UL);
            }

            // After the idle time the thread sleeps and says so.
            var clock = Stopwatch.StartNew();
            while (!ring.SubmissionQueue.NeedWakeup)
            {
                clock.Elapsed.Should().BeLessThan(Progress.Stall, "the thread should sleep after 20 ms idle");
                Thread.Sleep(10);
            }

            // A pushed entry now waits: the sleeping thread does not see it...
            ring.SubmissionQueue.TryPush(Nops.Make(2)).Should().BeTrue();
            Thread.Sleep(50);
            ring.CompletionQueue.Count.Should().Be(0, "a sleeping SQPOLL thread does not consume entries");

            // ...until Submit wakes it (IORING_ENTER_SQ_WAKEUP).
            ring.Submit().Should().Be(1);
            CompletionTests.WaitForCompletions(ring, 1);
            CompletionTests.DrainUserData(ring).Should().Equal(2UL);
        }
    }

    [Fact]
    public void Squeue_wait_returns_when_the_sqpoll_thread_frees_a_slot()
    {
        using Ring ring = RingShapes.Create(RingShapes.SqPoll, 4);

        for (ulong i = 0; i < 4; i++)
        {
            ring.SubmissionQueue.TryPush(Nops.Make(i)).Should().BeTrue();
        }

        ring.Submit();
        ring.Submitter.SqueueWait().Should().Be(0);

        // The kernel's test (io_sqpoll_wait_sq → io_sqring_full) reads its private cached head, which the SQPOLL thread
        // advances entry by entry; the head we see is stored once the batch ends (io_commit_sqring). So SQ_WAIT may
        // return a moment before the freed slot shows here: wait for it, bounded.
        Progress.SpinUntil(
            () => !ring.SubmissionQueue.IsFull,
            () => ring.CompletionQueue.Count,
            "the SQPOLL thread should publish the head it consumed after SQ_WAIT returned");
        CompletionTests.WaitForCompletions(ring, 4);
        CompletionTests.DrainUserData(ring).Should().Equal(0UL, 1UL, 2UL, 3UL);
    }

    [Fact]
    public void Squeue_wait_on_a_plain_ring_returns_at_once()
    {
        using Ring ring = new(4);

        ring.Submitter.SqueueWait().Should().Be(0);
    }
}
