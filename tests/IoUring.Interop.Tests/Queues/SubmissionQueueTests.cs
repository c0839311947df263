using System;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>The submission queue (the Rust crate's squeue.rs).</summary>
public class SubmissionQueueTests
{
    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Full_queue_refuses_a_push(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 4);
        SubmissionQueue sq = ring.SubmissionQueue;

        if (shape == RingShapes.SqPoll)
        {
            // The polling thread consumes entries as they are published, so the queue never stays full; the
            // refusal is shown on the other shapes.
            return;
        }

        for (ulong i = 0; i < 4; i++)
        {
            sq.TryPush(Nops.Make(i)).Should().BeTrue();
        }

        sq.Count.Should().Be(4);
        sq.IsFull.Should().BeTrue();
        sq.TryPush(Nops.Make(99)).Should().BeFalse();
        sq.Count.Should().Be(4, "a refused push leaves the queue as it was");

        ring.SubmitAndWait(4).Should().Be(4);
        sq.Count.Should().Be(0);
        sq.TryPush(Nops.Make(5)).Should().BeTrue("the kernel's head moved, so slots are free again");
        ring.SubmitAndWait(5).Should().Be(1);
        CompletionTests.DrainUserData(ring).Should().Equal(0UL, 1UL, 2UL, 3UL, 5UL);
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Push_multiple_is_all_or_nothing(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        SubmissionQueue sq = ring.SubmissionQueue;
        Span<SubmissionEntry> batch = stackalloc SubmissionEntry[6];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = Nops.Make((ulong)i);
        }

        if (shape != RingShapes.SqPoll)
        {
            sq.TryPush(Nops.Make(100)).Should().BeTrue();
            sq.TryPush(Nops.Make(101)).Should().BeTrue();
            sq.TryPush(Nops.Make(102)).Should().BeTrue();
            sq.TryPushMultiple(batch).Should().BeFalse("6 entries do not fit in the 5 free slots");
            sq.Count.Should().Be(3, "nothing of a refused batch is pushed");
            ring.SubmitAndWait(3).Should().Be(3);
            CompletionTests.DrainUserData(ring).Should().Equal(100UL, 101UL, 102UL);
        }

        sq.TryPushMultiple(batch).Should().BeTrue();
        ring.SubmitAndWait(6);
        CompletionTests.WaitForCompletions(ring, 6);
        CompletionTests.DrainUserData(ring).Should().Equal(0UL, 1UL, 2UL, 3UL, 4UL, 5UL);
    }

    [Fact]
    public void Entry_128_carries_its_command_area()
    {
        using Ring ring = Ring.Builder().SetupSqe128().Build(4);
        SubmissionEntry128 entry = Nops.Make(77);
        entry.Command.Length.Should().Be(80);
        entry.Command.Fill(0xAB);
        entry.Native.opcode.Should().Be(0);

        ring.SubmissionQueue.IsSqe128.Should().BeTrue();
        ring.SubmissionQueue.TryPush(entry).Should().BeTrue();
        ring.SubmitAndWait(1).Should().Be(1);
        CompletionTests.DrainUserData(ring).Should().Equal(77UL);
    }

    [Fact]
    public void Push_multiple_128_is_all_or_nothing()
    {
        using Ring ring = Ring.Builder().SetupSqe128().Build(4);
        SubmissionEntry128[] batch = [Nops.Make(1), Nops.Make(2).WithFlags(SqeFlags.IoLink), Nops.Make(3)];
        SubmissionEntry128[] tooMany = [Nops.Make(4), Nops.Make(5)];

        ring.SubmissionQueue.TryPushMultiple(batch).Should().BeTrue();
        ring.SubmissionQueue.TryPushMultiple(tooMany).Should().BeFalse("2 entries do not fit in the 1 free slot");
        ring.SubmissionQueue.Count.Should().Be(3);
        ring.SubmitAndWait(3).Should().Be(3);
        CompletionTests.DrainUserData(ring).Should().Equal(1UL, 2UL, 3UL);

        using Ring small = new(4);
        FluentActions.Invoking(() => small.SubmissionQueue.TryPushMultiple(batch)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Entry_accessors_round_trip()
    {
        SubmissionEntry entry = Nops.Make(1).WithUserData(9).WithPersonality(3);
        entry.UserData.Should().Be(9);
        entry.Personality.Should().Be(3);
        entry.Native.user_data.Should().Be(9);
        entry.ToString().Should().Contain("IORING_OP_NOP").And.Contain("0x9");

        unsafe
        {
            sizeof(SubmissionEntry).Should().Be(64);
            sizeof(SubmissionEntry128).Should().Be(128);
            sizeof(CompletionEntry).Should().Be(16);
            sizeof(CompletionEntry32).Should().Be(32);
            sizeof(Timespec).Should().Be(16);
        }
    }

    [Fact]
    public void Dropped_and_flags_read_zero_on_a_quiet_ring()
    {
        using Ring ring = new(4);

        ring.SubmissionQueue.Dropped.Should().Be(0);
        ring.SubmissionQueue.CqOverflow.Should().BeFalse();
        ring.SubmissionQueue.TaskRun.Should().BeFalse();
        ring.SubmissionQueue.NeedWakeup.Should().BeFalse();
    }
}
