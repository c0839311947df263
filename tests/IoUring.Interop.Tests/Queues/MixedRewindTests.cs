using System;
using FluentAssertions;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests;

/// <summary>Rings built with <see cref="RingBuilder.SetupSqRewind"/>: every batch is read from slot 0.</summary>
public class MixedRewindTests
{
    [Fact]
    public void Builder_sets_the_flag_and_checks_its_rules()
    {
        ((uint)Ring.Builder().SetupNoSqArray().SetupSqRewind().Flags & IORING_SETUP_SQ_REWIND).Should().Be(IORING_SETUP_SQ_REWIND);
        FluentActions.Invoking(() => Ring.Builder().SetupSqRewind().Build(4))
            .Should().Throw<InvalidOperationException>().WithMessage("*SetupNoSqArray*");
        FluentActions.Invoking(() => Ring.Builder().SetupNoSqArray().SetupSqRewind().SetupSqPoll(100).Build(4))
            .Should().Throw<InvalidOperationException>().WithMessage("*SetupSqPoll*");
    }

    [Fact]
    public void Batches_start_at_slot_zero_and_leave_head_and_tail_alone()
    {
        using Ring ring = BuildRewind(4);
        SubmissionQueue sq = ring.SubmissionQueue;
        sq.IsSqRewind.Should().BeTrue();

        // More entries in total than the queue holds: each batch starts again at slot 0.
        ulong next = 1;
        for (int round = 0; round < 6; round++)
        {
            for (int i = 0; i < 3; i++)
            {
                sq.TryPush(Nops.Make(next++)).Should().BeTrue();
            }

            ring.SubmitAndWait(3).Should().Be(3);
            sq.Count.Should().Be(0);
            CompletionTests.DrainUserData(ring).Should().Equal(next - 3, next - 2, next - 1);
        }

        for (int i = 0; i < 4; i++)
        {
            sq.TryPush(Nops.Make(next++)).Should().BeTrue();
        }

        sq.TryPush(Nops.Make(next)).Should().BeFalse("a batch holds at most the queue's size");
        ring.SubmitAndWait(4).Should().Be(4);
    }

    internal static Ring BuildRewind(int entries)
    {
        try
        {
            return Ring.Builder().SetupNoSqArray().SetupSqRewind().Build(entries);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_SETUP_SQ_REWIND (Linux 7.0)");
            throw;
        }
    }
}
