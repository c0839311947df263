using System;
using System.Linq;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Xunit;
using static IoUring.Interop.Tests.Errno;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>Entry flags on built entries (links, drain, async, skip-success, personality) and NOP/MSG_RING, as in io-uring-test's queue.rs.</summary>
public class QueueTests
{
    [Fact]
    public void Nop_completes_with_zero_and_keeps_user_data()
    {
        using var ring = new Ring(8);
        CompletionEntry cqe = ring.Run(new Nop().Build().WithUserData(0x42));

        cqe.Result.Should().Be(0);
        cqe.UserData.Should().Be(0x42UL);
    }

    [Fact]
    public void Nop_injects_a_result()
    {
        using var ring = new Ring(8);

        // A kernel without IORING_NOP_INJECT_RESULT rejects the unknown nop flag with EINVAL, so probe with a
        // positive value first: only then is an injected -EINVAL distinguishable from a refusal.
        CompletionEntry positive = ring.Run(new Nop { InjectResult = 1234 }.Build().WithUserData(8));
        OpcodeRing.SkipOnErrno(positive.Result, "IORING_NOP_INJECT_RESULT", EINVAL);
        CompletionEntry negative = ring.Run(new Nop { InjectResult = -EBADF }.Build().WithUserData(7));

        positive.Result.Should().Be(1234);
        negative.Result.Should().Be(-EBADF);
        negative.UserData.Should().Be(7UL);
    }

    [Fact]
    public void Nop128_runs_on_an_sqe128_ring()
    {
        using var ring = Ring.Builder().SetupSqe128().Build(8);
        OpcodeRing.RequireOpcode(ring, Nop128.Code);
        CompletionEntry cqe = ring.Run(new Nop128().Build().WithUserData(3));
        OpcodeRing.SkipOnErrno(cqe.Result, "NOP128 on an SQE128 ring", EINVAL);

        cqe.Result.Should().Be(0);
        cqe.UserData.Should().Be(3UL);
    }

    [Fact]
    public void A_failing_link_cancels_the_rest_of_the_chain()
    {
        using var ring = new Ring(8);
        var completions = ring.RunAll(
        [
            new Nop { InjectResult = -EINVAL }.Build().WithUserData(1).WithFlags(SqeFlags.IoLink),
            new Nop().Build().WithUserData(2).WithFlags(SqeFlags.IoLink),
            new Nop().Build().WithUserData(3),
        ]);

        var byUserData = completions.ToDictionary(c => c.UserData, c => c.Result);
        if (byUserData[1] == -EINVAL && byUserData[2] == 0)
        {
            Assert.Skip("IORING_NOP_INJECT_RESULT is not supported (EINVAL without failing the link)");
        }

        byUserData[1].Should().Be(-EINVAL);
        byUserData[2].Should().Be(-ECANCELED);
        byUserData[3].Should().Be(-ECANCELED);
    }

    [Fact]
    public void A_failing_hardlink_does_not_cancel_the_next_entry()
    {
        using var ring = new Ring(8);
        var completions = ring.RunAll(
        [
            new Nop { InjectResult = -EINVAL }.Build().WithUserData(1).WithFlags(SqeFlags.IoHardLink),
            new Nop().Build().WithUserData(2),
        ]);

        var byUserData = completions.ToDictionary(c => c.UserData, c => c.Result);
        byUserData[1].Should().Be(-EINVAL);
        byUserData[2].Should().Be(0);
    }

    [Fact]
    public void Linked_entries_complete_in_order()
    {
        using var ring = new Ring(8);
        var completions = ring.RunAll(
        [
            new Nop().Build().WithUserData(1).WithFlags(SqeFlags.IoLink),
            new Nop().Build().WithUserData(2).WithFlags(SqeFlags.IoLink),
            new Nop().Build().WithUserData(3),
        ]);

        completions.Select(c => c.UserData).Should().Equal(1UL, 2UL, 3UL);
        completions.Should().OnlyContain(c => c.Result == 0);
    }

    [Fact]
    public void Drain_waits_for_everything_before_it()
    {
        using var ring = new Ring(8);
        var completions = ring.RunAll(
        [
            new Nop().Build().WithUserData(1).WithFlags(SqeFlags.Async),
            new Nop().Build().WithUserData(2).WithFlags(SqeFlags.Async),
            new Nop().Build().WithUserData(3).WithFlags(SqeFlags.IoDrain),
            new Nop().Build().WithUserData(4),
        ]);

        completions.Should().HaveCount(4).And.OnlyContain(c => c.Result == 0);
        int drained = completions.FindIndex(c => c.UserData == 3);
        completions.Take(drained).Select(c => c.UserData).Should().Contain([1UL, 2UL]);
        completions.Skip(drained + 1).Select(c => c.UserData).Should().Equal(4UL);
    }

    [Fact]
    public void Skip_success_posts_no_completion_for_a_successful_entry_but_does_for_a_failure()
    {
        using var ring = new Ring(8);
        var completions = ring.RunAll(
        [
            new Nop().Build().WithUserData(1).WithFlags(SqeFlags.CqeSkipSuccess),
            new Nop { InjectResult = -EINVAL }.Build().WithUserData(2).WithFlags(SqeFlags.CqeSkipSuccess),
            new Nop().Build().WithUserData(3),
        ], expected: 2);

        completions.Select(c => c.UserData).Should().BeEquivalentTo([2UL, 3UL]);
        ring.Drain().Should().BeEmpty();
    }

    [Fact]
    public void Personality_registered_on_the_ring_is_accepted_and_an_unknown_one_is_refused()
    {
        using var ring = new Ring(8);
        ushort personality = ring.Submitter.RegisterPersonality();

        CompletionEntry ok = ring.Run(new Nop().Build().WithPersonality(personality).WithUserData(1));
        CompletionEntry bad = ring.Run(new Nop().Build().WithPersonality((ushort)(personality + 100)).WithUserData(2));

        ok.Result.Should().Be(0);
        bad.Result.Should().Be(-EINVAL);
    }

    [Fact]
    public unsafe void Buffer_select_without_a_registered_group_fails_with_enobufs()
    {
        using var ring = new Ring(8);
        (int readEnd, int writeEnd) = Libc.Pipe();
        try
        {
            byte b = 1;
            Libc.write(writeEnd, &b, 1);

            CompletionEntry cqe = ring.Run(new Read(new Fd(readEnd), null, 16) { BufferGroup = 77 }.Build());
            cqe.Result.Should().Be(-ENOBUFS);
        }
        finally
        {
            Libc.close(readEnd);
            Libc.close(writeEnd);
        }
    }

    [Fact]
    public void MsgRingData_posts_a_completion_on_the_target_ring()
    {
        using var source = new Ring(8);
        using var target = new Ring(8);
        OpcodeRing.RequireOpcode(source, MsgRingData.Code);

        CompletionEntry sent = source.Run(new MsgRingData(target.FileDescriptor, 77, 0xBEEF).Build().WithUserData(1));
        CompletionEntry received = target.WaitFor(1)[0];

        sent.Result.Should().Be(0);
        received.Result.Should().Be(77);
        received.UserData.Should().Be(0xBEEFUL);
    }

    [Fact]
    public void MsgRingData_passes_user_flags()
    {
        using var source = new Ring(8);
        using var target = new Ring(8);
        OpcodeRing.RequireOpcode(source, MsgRingData.Code);

        CompletionEntry sent = source.Run(new MsgRingData(target.FileDescriptor, 5, 9) { UserFlags = 0x40 }.Build());
        OpcodeRing.SkipOnErrno(sent.Result, "IORING_MSG_RING_FLAGS_PASS", EINVAL);
        CompletionEntry received = target.WaitFor(1)[0];

        sent.Result.Should().Be(0);
        ((uint)received.Flags).Should().Be(0x40u);
    }

    [Fact]
    public unsafe void MsgRingSendFd_moves_a_direct_descriptor_into_the_target_ring()
    {
        using var source = new Ring(8);
        using var target = new Ring(8);
        OpcodeRing.RequireOpcode(source, MsgRingSendFd.Code);
        (int readEnd, int writeEnd) = Libc.Pipe();
        try
        {
            source.Submitter.RegisterFiles([writeEnd]);
            target.Submitter.RegisterFilesSparse(4);

            CompletionEntry sent = source.Run(new MsgRingSendFd(target.FileDescriptor, new Fixed(0), DestinationSlot.At(2), 0x5EED).Build().WithUserData(1));
            CompletionEntry received = target.WaitFor(1)[0];

            sent.Result.Should().Be(0);
            received.UserData.Should().Be(0x5EEDUL);
            received.Result.Should().Be(0);

            // The target ring can now write through slot 2 into the pipe.
            byte* data = stackalloc byte[] { 9, 8, 7 };
            CompletionEntry wrote = target.Run(new Write(new Fixed(2), data, 3).Build());
            wrote.Result.Should().Be(3);
            byte* back = stackalloc byte[3];
            Libc.read(readEnd, back, 3).Should().Be(3);
            back[2].Should().Be(7);
        }
        finally
        {
            Libc.close(readEnd);
            Libc.close(writeEnd);
        }
    }
}
