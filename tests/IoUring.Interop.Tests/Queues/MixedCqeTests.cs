using System;
using System.Collections.Generic;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests;

/// <summary>Rings built with <see cref="RingBuilder.SetupCqeMixed"/>: 16- and 32-byte completions in one queue of 16-byte slots.</summary>
public class MixedCqeTests
{
    [Fact]
    public void Builder_sets_the_flag_and_rejects_it_with_cqe32()
    {
        FluentActions.Invoking(() => Ring.Builder().SetupCqeMixed().SetupCqe32().Build(4))
            .Should().Throw<InvalidOperationException>().WithMessage("*SetupCqe32*");

        using Ring ring = BuildMixed(4);
        ring.Parameters.IsSetupCqeMixed.Should().BeTrue();
        ring.CompletionQueue.IsCqeMixed.Should().BeTrue();
        ring.CompletionQueue.IsCqe32.Should().BeFalse("the slots are 16 bytes");
    }

    [Fact]
    public void Default_ring_is_not_mixed_and_refuses_32_byte_dequeues()
    {
        using Ring ring = new(4);
        ring.CompletionQueue.IsCqeMixed.Should().BeFalse();
        FluentActions.Invoking(() => ring.CompletionQueue.TryDequeue32(out CompletionEntry32 _))
            .Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Big_completion_at_the_last_slot_is_moved_past_hidden_padding()
    {
        // SQ 4, CQ 8 slots. The big probe (two slots) and five small completions leave the tail on the last slot, so the kernel pads it with an
        // IORING_CQE_F_SKIP entry and posts the big one in slots 0 and 1.
        using Ring ring = BuildMixed(4);
        CompletionQueue cq = ring.CompletionQueue;
        RequireNopCqe32(ring);
        ulong next = 100;
        for (int i = 0; i < 5; i++)
        {
            Submit(ring, Small(next++));
            cq.TryDequeue(out CompletionEntry small).Should().BeTrue();
            small.UserData.Should().Be(next - 1);
        }

        // Tail at slot 7: the next big completion needs the padding.
        Submit(ring, Big(next, 0xAAAA, 0xBBBB));
        cq.Count.Should().Be(1, "the padding is not a completion");
        cq.TryPeek(out CompletionEntry peeked).Should().BeTrue();
        peeked.UserData.Should().Be(next);
        cq.TryDequeue32(out CompletionEntry32 big).Should().BeTrue();
        big.UserData.Should().Be(next);
        ((uint)big.Flags & IORING_CQE_F_32).Should().Be(IORING_CQE_F_32);
        big.BigCqe0.Should().Be(0xAAAA);
        big.BigCqe1.Should().Be(0xBBBB);
        cq.TryDequeue(out CompletionEntry _).Should().BeFalse();
        cq.Count.Should().Be(0);

        // If the head had not moved past the padding and both big slots, eight more completions would not fit.
        for (int i = 0; i < 8; i += 4)
        {
            for (int j = 0; j < 4; j++)
            {
                ring.SubmissionQueue.TryPush(Small((ulong)(200 + i + j))).Should().BeTrue();
            }

            ring.SubmitAndWait(4);
        }

        cq.IsFull.Should().BeTrue();
        cq.Count.Should().Be(8);
        ring.SubmissionQueue.CqOverflow.Should().BeFalse();
        var seen = new List<ulong>();
        foreach (CompletionEntry cqe in cq)
        {
            seen.Add(cqe.UserData);
        }

        seen.Should().Equal(200UL, 201UL, 202UL, 203UL, 204UL, 205UL, 206UL, 207UL);
    }

    [Fact]
    public void Interleaved_sizes_over_many_laps_arrive_once_each_with_their_size()
    {
        using Ring ring = BuildMixed(4);
        CompletionQueue cq = ring.CompletionQueue;
        RequireNopCqe32(ring);
        var random = new Random(1234);
        var expectedBig = new Dictionary<ulong, bool>();
        var seen = new HashSet<ulong>();
        ulong next = 1;
        Span<CompletionEntry> buffer = stackalloc CompletionEntry[3];
        for (int round = 0; round < 200; round++)
        {
            int count = random.Next(1, 4);
            for (int i = 0; i < count; i++, next++)
            {
                bool big = random.Next(2) == 0;
                expectedBig[next] = big;
                ring.SubmissionQueue.TryPush(big ? Big(next, next * 3, next * 5) : Small(next)).Should().BeTrue();
            }

            ring.SubmitAndWait(count);
            cq.Count.Should().Be(count);

            // Alternate the ways of reading, so each meets padding and big entries.
            switch (round % 3)
            {
                case 0:
                    while (cq.TryDequeue32(out CompletionEntry32 e))
                    {
                        Check(e.UserData, e.Flags, expectedBig, seen);
                        if (expectedBig[e.UserData])
                        {
                            e.BigCqe0.Should().Be(e.UserData * 3);
                            e.BigCqe1.Should().Be(e.UserData * 5);
                        }
                        else
                        {
                            e.BigCqe0.Should().Be(0);
                            e.BigCqe1.Should().Be(0);
                        }
                    }

                    break;
                case 1:
                    int filled = cq.Fill(buffer);
                    filled.Should().Be(count);
                    foreach (CompletionEntry e in buffer[..filled])
                    {
                        Check(e.UserData, e.Flags, expectedBig, seen);
                    }

                    break;
                default:
                    foreach (CompletionEntry e in cq)
                    {
                        Check(e.UserData, e.Flags, expectedBig, seen);
                    }

                    break;
            }

            cq.Count.Should().Be(0);
        }

        seen.Should().HaveCount(expectedBig.Count);
        expectedBig.Values.Should().Contain(true).And.Contain(false);
        ring.SubmissionQueue.CqOverflow.Should().BeFalse();
        cq.Overflow.Should().Be(0);
    }

    [Fact]
    public void Mixed_reads_allocate_nothing()
    {
        using Ring ring = BuildMixed(16);
        RequireNopCqe32(ring);
        RunMixedNops(ring, 10_000); // warm-up: JIT tiering and first-call paths
        long before = GC.GetAllocatedBytesForCurrentThread();
        long reaped = RunMixedNops(ring, 200_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        reaped.Should().Be(200_000);
        allocated.Should().Be(0);
    }

    // Batches of 16, half of them 32-byte (24 of the 32 slots), reaped in the four ways in turn.
    private static long RunMixedNops(Ring ring, int count)
    {
        const int batch = 16;
        SubmissionQueue sq = ring.SubmissionQueue;
        CompletionQueue cq = ring.CompletionQueue;
        Span<CompletionEntry> completions = stackalloc CompletionEntry[batch];
        long reaped = 0;
        ulong userData = 0;
        for (int done = 0; done < count; done += batch)
        {
            for (int i = 0; i < batch; i++, userData++)
            {
                if (!sq.TryPush(i % 2 == 0 ? Small(userData) : Big(userData, 1, 2)))
                {
                    throw new InvalidOperationException("queue unexpectedly full");
                }
            }

            ring.SubmitAndWait(batch);
            switch ((done / batch) % 4)
            {
                case 0:
                    reaped += cq.Fill(completions);
                    break;
                case 1:
                    foreach (CompletionEntry cqe in cq)
                    {
                        reaped += cqe.Result == 0 ? 1 : 0;
                    }

                    break;
                case 2:
                    while (cq.TryDequeue32(out CompletionEntry32 cqe))
                    {
                        reaped += cqe.Result == 0 ? 1 : 0;
                    }

                    break;
                default:
                    while (cq.TryPeek(out CompletionEntry _) && cq.TryDequeue(out CompletionEntry cqe))
                    {
                        reaped += cqe.Result == 0 ? 1 : 0;
                    }

                    break;
            }
        }

        return reaped;
    }

    private static void Check(ulong userData, CqeFlags flags, Dictionary<ulong, bool> expectedBig, HashSet<ulong> seen)
    {
        ((uint)flags & IORING_CQE_F_SKIP).Should().Be(0u, "padding is never shown");
        expectedBig.Should().ContainKey(userData);
        seen.Add(userData).Should().BeTrue($"completion {userData} arrives once");
        (((uint)flags & IORING_CQE_F_32) != 0).Should().Be(expectedBig[userData], $"completion {userData} has its size");
    }

    internal static Ring BuildMixed(int entries)
    {
        try
        {
            return Ring.Builder().SetupCqeMixed().Build(entries);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_SETUP_CQE_MIXED");
            throw;
        }
    }

    // One big NOP first: a kernel without IORING_NOP_CQE32 fails it with EINVAL.
    private static void RequireNopCqe32(Ring ring)
    {
        Submit(ring, Big(1_000_000, 1, 2));
        ring.CompletionQueue.TryDequeue32(out CompletionEntry32 probe).Should().BeTrue();
        KernelSkip.IfErrno(probe.Result, "IORING_NOP_CQE32");
        probe.Result.Should().Be(0);
        ((uint)probe.Flags & IORING_CQE_F_32).Should().Be(IORING_CQE_F_32);
    }

    private static void Submit(Ring ring, SubmissionEntry entry)
    {
        ring.SubmissionQueue.TryPush(entry).Should().BeTrue();
        ring.SubmitAndWait(1).Should().Be(1);
    }

    private static SubmissionEntry Small(ulong userData) => Nops.Make(userData);

    // IORING_NOP_CQE32 posts a 32-byte completion whose extra words are sqe->off and sqe->addr.
    private static SubmissionEntry Big(ulong userData, ulong extra0, ulong extra1)
    {
        SubmissionEntry entry = Nops.Make(userData);
        entry.Native.nop_flags = IORING_NOP_CQE32;
        entry.Native.off = extra0;
        entry.Native.addr = extra1;
        return entry;
    }
}
