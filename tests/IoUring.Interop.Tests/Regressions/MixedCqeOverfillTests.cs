using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests;

/// <summary>Issue 9, defect 5: Linux 6.18 can overfill a full CQE_MIXED queue (tail − head = 17 on 16 slots); the reader
/// then took a 32-byte entry across the tail, returned stale entries for ever, and <see cref="CompletionQueue.Count"/>
/// never returned. Every completion must arrive once, with its size, and Count must always terminate.</summary>
public sealed class MixedCqeOverfillTests
{
    // Seeded random mixes of small and big NOPs on a 16-slot queue, reaped a few at a time, so the queue keeps running
    // full with completions kept in the kernel: the pattern that made Linux 6.18 publish a seventeenth slot.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_small_mixed_queue_run_full_delivers_each_completion_once_with_its_size(int seed)
    {
        using Ring ring = Build();
        KernelSkip.UnlessFeature(ring.Parameters.IsFeatureNoDrop, "IORING_FEAT_NODROP");
        CompletionQueue cq = ring.CompletionQueue;
        var random = new Random(seed);
        var big = new Dictionary<ulong, bool>();
        var seen = new HashSet<ulong>();
        ulong next = 1;
        for (int step = 0; step < 2000; step++)
        {
            switch (random.Next(3))
            {
                case 0:
                case 1:
                    int count = random.Next(1, ring.SubmissionQueue.Capacity + 1);
                    for (int i = 0; i < count; i++, next++)
                    {
                        bool isBig = random.Next(2) == 0;
                        big[next] = isBig;
                        ring.SubmissionQueue.TryPush(isBig ? Big(next) : Nops.Make(next)).Should().BeTrue();
                    }

                    ring.Submit();
                    break;
                default:
                    for (int take = random.Next(4); take > 0 && cq.TryDequeue32(out CompletionEntry32 cqe); take--)
                    {
                        Check(cqe, big, seen);
                    }

                    break;
            }

            CountWithin(cq, Progress.Stall).Should().BeInRange(0, cq.Capacity, "a queue of {0} slots never holds more entries", cq.Capacity);
        }

        // Drain, flushing what the kernel kept.
        var clock = Stopwatch.StartNew();
        while (seen.Count < big.Count)
        {
            while (cq.TryDequeue32(out CompletionEntry32 cqe))
            {
                Check(cqe, big, seen);
            }

            ring.SubmitAndWait(0);

            clock.Elapsed.Should().BeLessThan(Progress.Stall, $"{big.Count - seen.Count} completions are still missing");
        }

        CountWithin(cq, Progress.Stall).Should().Be(0);
        cq.TryDequeue(out CompletionEntry _).Should().BeFalse();
    }

    private static void Check(in CompletionEntry32 cqe, Dictionary<ulong, bool> big, HashSet<ulong> seen)
    {
        big.Should().ContainKey(cqe.UserData, "only submitted NOPs complete");
        seen.Add(cqe.UserData).Should().BeTrue($"completion {cqe.UserData} arrives once");
        cqe.Result.Should().Be(0);
        bool isBig = big[cqe.UserData];
        (((uint)cqe.Flags & IORING_CQE_F_32) != 0).Should().Be(isBig, $"completion {cqe.UserData} keeps its size");
        if (isBig)
        {
            cqe.BigCqe0.Should().Be(cqe.UserData);
            cqe.BigCqe1.Should().Be(~cqe.UserData);
        }
    }

    // Count on another task, so a reader that never returns fails the test instead of hanging it.
    private static int CountWithin(CompletionQueue cq, TimeSpan limit)
    {
        Task<int> count = Task.Run(() => cq.Count);
        count.Wait(limit).Should().BeTrue("CompletionQueue.Count must terminate");
        return count.Result;
    }

    private static Ring Build()
    {
        Ring ring;
        try
        {
            ring = Ring.Builder().SetupCqeMixed().SetupCqSize(16).Build(8);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_SETUP_CQE_MIXED");
            throw;
        }

        // A kernel without IORING_NOP_CQE32 fails a big NOP with EINVAL.
        ring.SubmissionQueue.TryPush(Big(1_000_000)).Should().BeTrue();
        ring.SubmitAndWait(1);
        ring.CompletionQueue.TryDequeue32(out CompletionEntry32 probe).Should().BeTrue();
        KernelSkip.IfErrno(probe.Result, "IORING_NOP_CQE32");
        return ring;
    }

    private static SubmissionEntry Big(ulong userData)
    {
        SubmissionEntry entry = Nops.Make(userData);
        entry.Native.nop_flags = IORING_NOP_CQE32;
        entry.Native.off = userData;
        entry.Native.addr = ~userData;
        return entry;
    }
}
