using System;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Arguments the kernel would refuse are refused before io_uring_setup(2), naming the argument.</summary>
public class RingArgumentTests
{
    [Fact]
    public void Zero_entries_is_refused()
    {
        FluentActions.Invoking(() => new Ring(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("entries");
        FluentActions.Invoking(() => Ring.Builder().Build(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("entries");
    }

    [Fact]
    public void Negative_counts_are_refused_before_they_could_wrap()
    {
        FluentActions.Invoking(() => new Ring(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("entries");
        FluentActions.Invoking(() => Ring.Builder().Build(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("entries");
        FluentActions.Invoking(() => Ring.Builder().SetupCqSize(-8)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("cqEntries");
        FluentActions.Invoking(() => Ring.Builder().SetupSqPoll(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("idleMilliseconds");
        FluentActions.Invoking(() => Ring.Builder().SetupSqPollCpu(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("cpu");
    }

    [Fact]
    public void More_than_IORING_MAX_ENTRIES_is_refused_without_clamp()
    {
        FluentActions.Invoking(() => new Ring(32769)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("entries");
    }

    [Fact]
    public void Completion_queue_size_rules_are_checked()
    {
        FluentActions.Invoking(() => Ring.Builder().SetupCqSize(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("cqEntries");
        FluentActions.Invoking(() => Ring.Builder().SetupCqSize(4).Build(8)).Should().Throw<ArgumentException>().WithParameterName("cqEntries");
        FluentActions.Invoking(() => Ring.Builder().SetupCqSize(65537).Build(8)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("cqEntries");
        using Ring clamped = Ring.Builder().SetupClamp().SetupCqSize(1_000_000).Build(8);
        clamped.Parameters.CqEntries.Should().Be(65536);
    }

    [Fact]
    public void Attach_wq_needs_a_valid_fd()
    {
        FluentActions.Invoking(() => Ring.Builder().SetupAttachWq(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("ringFd");
    }

    [Fact]
    public void Flag_combinations_the_kernel_refuses_are_refused()
    {
        FluentActions.Invoking(() => Ring.Builder().SetupSqPollCpu(0).Build(4)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => Ring.Builder().SetupDeferTaskRun().Build(4)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => Ring.Builder().SetupTaskRunFlag().Build(4)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => Ring.Builder().SetupHybridIoPoll().Build(4)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => Ring.Builder().SetupRegisteredFdOnly().Build(4)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => Ring.Builder().SetupSqPoll(10).SetupSingleIssuer().SetupDeferTaskRun().Build(4)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Kernel_errors_surface_as_IoUringException_with_the_errno()
    {
        // An fd that is not open: the kernel answers ATTACH_WQ with ENXIO (6.x), or EBADF/EINVAL (older).
        IoUringException e = FluentActions.Invoking(() => Ring.Builder().SetupAttachWq(int.MaxValue).Build(4)).Should().Throw<IoUringException>().Which;
        e.Errno.Should().BeOneOf(6, 9, 22);
        e.ErrnoName.Should().BeOneOf("ENXIO", "EBADF", "EINVAL");
        e.Operation.Should().Be("io_uring_setup");
        e.Message.Should().StartWith("io_uring_setup failed: " + e.ErrnoName + " (" + e.Errno + "): ");
    }

    [Fact]
    public void Ring_stays_usable_after_a_refused_call()
    {
        using Ring ring = new(4);

        FluentActions.Invoking(() => ring.SubmissionQueue.TryPush(new SubmissionEntry128())).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => ring.CompletionQueue.TryDequeue32(out CompletionEntry32 _)).Should().Throw<InvalidOperationException>();
        SubmitArgs bad = new SubmitArgs().WithTimeout(Timespec.From(0, 1_000_000_000));
        FluentActions.Invoking(() => ring.Submitter.SubmitWithArgs(1, bad)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("args");

        RingTests.RoundTrip(ring, 7);
    }
}
