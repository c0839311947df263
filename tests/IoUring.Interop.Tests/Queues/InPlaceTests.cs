using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Entries prepared in their ring slot (<see cref="SubmissionQueue.TryGetNext(out SubmissionSlot)"/>, liburing's io_uring_get_sqe).</summary>
public class InPlaceTests
{
    private const int Batch = 32;

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void In_place_entries_complete_in_order_with_their_user_data(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        var seen = new List<ulong>();
        ulong next = 0;
        for (int lap = 0; lap < 5; lap++)
        {
            // Laps of 5 on 8 slots wrap the ring, and the pushed entry in the middle must keep its place.
            for (int i = 0; i < 5; i++)
            {
                if (i == 2)
                {
                    ring.SubmissionQueue.TryPush(Nops.Make(next++)).Should().BeTrue();
                    continue;
                }

                ring.SubmissionQueue.TryGetNext(out SubmissionSlot slot).Should().BeTrue();
                PrepareNop(ref slot.Entry, next++);
            }

            int submitted = ring.SubmitAndWait(5);
            if (shape != RingShapes.SqPoll)
            {
                // With SQPOLL the kernel's thread may take the entries published by the TryPush in the middle before
                // this call, which then reports only the rest (io_uring_enter(2) returns to_submit for SQPOLL rings).
                submitted.Should().Be(5, "entries filled in place are published by the submit");
            }
            seen.AddRange(CompletionTests.DrainUserData(ring));
        }

        seen.Should().Equal(Sequence(next));
    }

    [Theory]
    [InlineData(RingShapes.Default)]
    [InlineData(RingShapes.Sqe128Cqe32)]
    public void A_reserved_slot_comes_zeroed_though_it_held_an_entry(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 1);
        SubmissionQueue sq = ring.SubmissionQueue;
        SubmissionEntry dirty = Nops.Make(7).WithPersonality(0).WithUserData(ulong.MaxValue);
        dirty.Native.off = ulong.MaxValue;
        dirty.Native.addr3 = ulong.MaxValue;
        if (sq.IsSqe128)
        {
            SubmissionEntry128 wide = dirty;
            wide.Command.Fill(0xFF);
            wide.Native.opcode = (byte)Opcode.Nop;
            sq.TryPush(wide).Should().BeTrue();
        }
        else
        {
            sq.TryPush(dirty).Should().BeTrue();
        }

        ring.SubmitAndWait(1).Should().Be(1);
        _ = ring.CompletionQueue.TryDequeue(out CompletionEntry _);

        sq.TryGetNext(out SubmissionSlot slot).Should().BeTrue("the one slot is free again");
        AsBytes(ref slot.Entry, sq.IsSqe128 ? 128 : 64).ToArray().Should().OnlyContain(b => b == 0, "the kernel rejects stray non-zero fields");
        PrepareNop(ref slot.Entry, 3);
        ring.SubmitAndWait(1).Should().Be(1);
        CompletionTests.DrainUserData(ring).Should().Equal(3UL);
    }

    [Theory]
    [InlineData(RingShapes.Default)]
    [InlineData(RingShapes.Sqe128Cqe32)]
    [InlineData(RingShapes.DeferTaskrun)]
    public void Full_queue_refuses_a_reservation_and_stays_as_it_was(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 4);
        SubmissionQueue sq = ring.SubmissionQueue;
        for (ulong i = 0; i < 4; i++)
        {
            sq.TryGetNext(out SubmissionSlot slot).Should().BeTrue();
            PrepareNop(ref slot.Entry, i);
        }

        sq.TryGetNext(out SubmissionSlot _).Should().BeFalse();
        sq.TryPush(Nops.Make(99)).Should().BeFalse();
        sq.Count.Should().Be(4);

        ring.SubmitAndWait(4).Should().Be(4);
        CompletionTests.DrainUserData(ring).Should().Equal(0UL, 1UL, 2UL, 3UL);
    }

    [Fact]
    public void Wide_slots_need_a_128_byte_ring()
    {
        using Ring narrow = new(4);
        FluentActions.Invoking(() => narrow.SubmissionQueue.TryGetNext(out SubmissionSlot128 _))
            .Should().Throw<InvalidOperationException>().WithMessage("*SetupSqe128*");

        using Ring wide = RingShapes.Create(RingShapes.Sqe128Cqe32, 4);
        for (ulong i = 0; i < 3; i++)
        {
            wide.SubmissionQueue.TryGetNext(out SubmissionSlot128 slot).Should().BeTrue();
            AsBytes(ref slot.Entry.Native, 128).ToArray().Should().OnlyContain(b => b == 0);
            slot.Entry.Native.opcode = (byte)Opcode.Nop;
            slot.Entry.Native.fd = -1;
            slot.Entry.UserData = i;
        }

        wide.SubmitAndWait(3).Should().Be(3);
        CompletionTests.DrainUserData(wide).Should().Equal(0UL, 1UL, 2UL);
    }

    [Fact]
    public void Mixed_ring_big_in_place_entries_never_straddle_the_end()
    {
        using Ring ring = MixedSqeTests.BuildMixed(8);
        SubmissionQueue sq = ring.SubmissionQueue;
        var seen = new HashSet<ulong>();
        ulong next = 1;
        for (int lap = 0; lap < 16; lap++)
        {
            // 3 small + 1 big is 5 slots a lap on 8: big entries land on every slot, the last one included (padding).
            for (int i = 0; i < 3; i++)
            {
                sq.TryGetNext(out SubmissionSlot slot).Should().BeTrue();
                PrepareNop(ref slot.Entry, next++);
            }

            sq.TryGetNext(out SubmissionSlot128 big).Should().BeTrue();
            big.Entry.Native.opcode = (byte)Opcode.Nop128;
            big.Entry.Native.fd = -1;
            big.Entry.UserData = next++;
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
    public void Disposed_ring_refuses_a_reservation()
    {
        var ring = new Ring(4);
        SubmissionQueue sq = ring.SubmissionQueue;
        ring.Dispose();
        FluentActions.Invoking(() => sq.TryGetNext(out SubmissionSlot _)).Should().Throw<ObjectDisposedException>();
    }

    [Theory]
    [InlineData(RingShapes.Default)]
    [InlineData(RingShapes.DeferTaskrun)]
    [InlineData(RingShapes.Sqe128Cqe32)]
    public void A_million_in_place_nops_allocate_nothing(string shape)
    {
        using Ring ring = RingShapes.Create(shape, Batch);

        RunNops(ring, 10_000); // warm-up: JIT tiering and first-call paths
        long before = GC.GetAllocatedBytesForCurrentThread();
        long reaped = RunNops(ring, 1_000_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        reaped.Should().Be(1_000_000);
        allocated.Should().Be(0);
    }

    private static long RunNops(Ring ring, int count)
    {
        SubmissionQueue sq = ring.SubmissionQueue;
        long reaped = 0;
        ulong userData = 0;
        for (int done = 0; done < count; done += Batch)
        {
            for (int i = 0; i < Batch; i++)
            {
                if (!sq.TryGetNext(out SubmissionSlot slot))
                {
                    throw new InvalidOperationException("queue unexpectedly full");
                }

                PrepareNop(ref slot.Entry, userData++);
            }

            ring.SubmitAndWait(Batch);
            while (ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
            {
                reaped += cqe.Result == 0 ? 1 : 0;
            }
        }

        return reaped;
    }

    // What io_uring_prep_nop writes, on a slot that comes zeroed.
    private static void PrepareNop(ref SubmissionEntry entry, ulong userData)
    {
        entry.Native.opcode = (byte)Opcode.Nop;
        entry.Native.fd = -1;
        entry.UserData = userData;
    }

    private static Span<byte> AsBytes<T>(ref T value, int length)
        where T : struct => MemoryMarshal.CreateSpan(ref System.Runtime.CompilerServices.Unsafe.As<T, byte>(ref value), length);

    private static IEnumerable<ulong> Sequence(ulong count)
    {
        for (ulong i = 0; i < count; i++)
        {
            yield return i;
        }
    }
}
