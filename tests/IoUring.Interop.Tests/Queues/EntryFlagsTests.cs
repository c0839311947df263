using System;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Entry and completion flags through the generated enums, and the eventfd toggle, on the real kernel.</summary>
public class EntryFlagsTests
{
    [Fact]
    public void With_flags_ors_and_the_typed_flags_round_trip()
    {
        SubmissionEntry entry = Nops.Make(1).WithFlags(SqeFlags.IoLink).WithFlags(SqeFlags.Async);

        entry.Flags.Should().Be(SqeFlags.IoLink | SqeFlags.Async);
        entry.Native.flags.Should().Be((byte)(Constants.IOSQE_IO_LINK | Constants.IOSQE_ASYNC));
        entry.Flags = SqeFlags.IoDrain;
        entry.Flags.Should().Be(SqeFlags.IoDrain);
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void A_linked_chain_pushed_at_once_completes_in_order(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        ReadOnlySpan<SubmissionEntry> chain =
        [
            Nops.Make(1).WithFlags(SqeFlags.IoLink),
            Nops.Make(2).WithFlags(SqeFlags.IoLink),
            Nops.Make(3),
        ];

        ring.SubmissionQueue.TryPushMultiple(chain).Should().BeTrue();
        ring.SubmitAndWait(3);
        CompletionTests.WaitForCompletions(ring, 3);
        CompletionTests.DrainUserData(ring).Should().Equal(1UL, 2UL, 3UL);
    }

    [Fact]
    public void Skip_success_posts_no_completion()
    {
        using Ring ring = new(8);
        KernelSkip.UnlessFeature(ring.Parameters.IsFeatureCqeSkip, "IORING_FEAT_CQE_SKIP");

        ring.SubmissionQueue.TryPush(Nops.Make(1).WithFlags(SqeFlags.CqeSkipSuccess)).Should().BeTrue();
        ring.SubmissionQueue.TryPush(Nops.Make(2)).Should().BeTrue();
        ring.SubmitAndWait(1).Should().Be(2);

        CompletionTests.DrainUserData(ring).Should().Equal(2UL);
    }

    [Fact]
    public void Eventfd_disabled_stops_the_notification()
    {
        using Ring ring = new(8);
        using var efd = new EventFdHandle();
        KernelSkip.IfErrno(Syscalls.RegisterEventfd(ring.FileDescriptor, [efd.Fd]), "IORING_REGISTER_EVENTFD");

        RingTests.RoundTrip(ring, 1);
        efd.Take().Should().BeGreaterThan(0, "a completion signals the registered eventfd");

        ring.CompletionQueue.EventfdDisabled = true;
        RingTests.RoundTrip(ring, 2);
        efd.Take().Should().Be(0, "IORING_CQ_EVENTFD_DISABLED suppresses the signal");

        ring.CompletionQueue.EventfdDisabled = false;
        RingTests.RoundTrip(ring, 3);
        efd.Take().Should().BeGreaterThan(0);
    }

    [Fact]
    public void Completion_flags_are_typed()
    {
        using Ring ring = new(4);
        ring.SubmissionQueue.TryPush(Nops.Make(9)).Should().BeTrue();
        ring.SubmitAndWait(1);

        ring.CompletionQueue.TryDequeue(out CompletionEntry cqe).Should().BeTrue();
        cqe.Flags.Should().Be((CqeFlags)0);
        cqe.HasMore.Should().BeFalse();
    }
}
