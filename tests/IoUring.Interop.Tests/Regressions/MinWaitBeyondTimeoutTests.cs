using System;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Issue 9, defect 6: with <see cref="SubmitArgs.MinWaitUsec"/> above the timeout the kernel applies only the
/// minimum wait (a 3 s minimum with a 1 ms timeout failed with ETIME after 3 s). Such arguments are refused up front.</summary>
public sealed class MinWaitBeyondTimeoutTests
{
    [Fact]
    public void A_min_wait_longer_than_the_timeout_is_refused_naming_both()
    {
        using Ring ring = new(4);
        SubmitArgs args = default(SubmitArgs).WithTimeout(TimeSpan.FromMilliseconds(1)).WithMinWaitUsec(3_000_000);

        FluentActions.Invoking(() => ring.Submitter.SubmitWithArgs(1, args)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "args")
            .WithMessage("*MinWaitUsec*3000000*Timeout*0.001000000s*");
        FluentActions.Invoking(() => ring.Submitter.TrySubmitWithArgs(1, args, out _)).Should().Throw<ArgumentException>();

        // Nothing reached the kernel: the ring still works.
        Nops.RoundTrip(ring, 3).Should().Be(3UL);
    }

    [Fact]
    public void A_min_wait_within_the_timeout_reaches_the_kernel_and_times_out()
    {
        using Ring ring = new(4);
        KernelSkip.UnlessFeature(ring.Parameters.IsFeatureMinTimeout, "IORING_FEAT_MIN_TIMEOUT");
        SubmitArgs args = default(SubmitArgs).WithTimeout(TimeSpan.FromMilliseconds(20)).WithMinWaitUsec(20_000);

        ring.Submitter.TrySubmitWithArgs(1, args, out int submitted).Should().Be(SubmitStatus.TimedOut, "no completion can arrive");
        submitted.Should().Be(0);
    }
}
