using System;
using System.Collections.Generic;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests;

/// <summary>Rings built with <see cref="RingBuilder.SetupSqeMixed"/>: 64- and 128-byte entries in one queue of 64-byte slots.</summary>
public class MixedSqeTests
{
    [Fact]
    public void Builder_sets_the_flag_and_checks_its_rules()
    {
        ((uint)Ring.Builder().SetupSqeMixed().Flags & IORING_SETUP_SQE_MIXED).Should().Be(IORING_SETUP_SQE_MIXED);
        FluentActions.Invoking(() => Ring.Builder().SetupSqeMixed().SetupSqe128().Build(4))
            .Should().Throw<InvalidOperationException>().WithMessage("*SetupSqe128*");
        FluentActions.Invoking(() => Ring.Builder().SetupSqeMixed().Build(1))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Default_ring_refuses_128_byte_entries()
    {
        using Ring ring = new(4);
        ring.SubmissionQueue.IsSqeMixed.Should().BeFalse();
        FluentActions.Invoking(() => ring.SubmissionQueue.TryPush(new Nop128().Build()))
            .Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Big_entries_take_two_slots_and_never_straddle_the_end()
    {
        using Ring ring = BuildMixed(8);
        SubmissionQueue sq = ring.SubmissionQueue;
        sq.IsSqeMixed.Should().BeTrue();
        sq.IsSqe128.Should().BeFalse();

        SubmissionEntry128 notBig = Nops.Make(1);
        FluentActions.Invoking(() => sq.TryPush(notBig)).Should().Throw<ArgumentException>("a 64-byte opcode would make the kernel run the second half");

        // Laps of 3 small + 1 big (5 slots) on an 8-slot queue put big entries on every slot, the last one included.
        var seen = new HashSet<ulong>();
        ulong next = 1;
        for (int lap = 0; lap < 16; lap++)
        {
            for (int i = 0; i < 3; i++)
            {
                sq.TryPush(Nops.Make(next++)).Should().BeTrue();
            }

            sq.TryPush(new Nop128().Build().WithUserData(next++)).Should().BeTrue();
            ring.SubmitAndWait(4);
            foreach (CompletionEntry cqe in ring.CompletionQueue)
            {
                cqe.Result.Should().Be(0, $"entry {cqe.UserData} is well formed");
                seen.Add(cqe.UserData).Should().BeTrue("the padding NOP completes silently, every entry once");
            }
        }

        seen.Should().HaveCount((int)next - 1);
    }

    [Fact]
    public void Full_queue_refuses_a_big_entry_without_pushing_half()
    {
        using Ring ring = BuildMixed(2);
        SubmissionQueue sq = ring.SubmissionQueue;
        sq.TryPush(Nops.Make(1)).Should().BeTrue();
        sq.TryPush(new Nop128().Build()).Should().BeFalse("one slot is left and a big entry needs two");
        sq.Count.Should().Be(1);
    }

    internal static Ring BuildMixed(int entries)
    {
        try
        {
            return Ring.Builder().SetupSqeMixed().Build(entries);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_SETUP_SQE_MIXED (Linux 6.19)");
            throw;
        }
    }
}
