using System;
using System.Diagnostics;
using System.Threading;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Issue 9, defect 7: completions the kernel kept after an overflow (NODROP) reached the queue only when someone
/// entered the kernel, so a consumer that only reaps stranded them. Reaping now flushes them, as liburing's peek does.</summary>
public sealed class ReapOnlyOverflowTests
{
    public enum Reader
    {
        TryDequeue,
        TryDequeue32,
        Fill,
        Foreach,
        TryPeek,
    }

    [Theory]
    [InlineData(RingShapes.Default, Reader.TryDequeue)]
    [InlineData(RingShapes.Default, Reader.Fill)]
    [InlineData(RingShapes.Default, Reader.Foreach)]
    [InlineData(RingShapes.Default, Reader.TryPeek)]
    [InlineData(RingShapes.Sqe128Cqe32, Reader.TryDequeue32)]
    [InlineData(RingShapes.DeferTaskrun, Reader.TryDequeue)]
    [InlineData(RingShapes.SqPoll, Reader.Fill)]
    public void A_reap_only_consumer_receives_every_overflowed_completion(string shape, Reader reader)
    {
        using Ring ring = RingShapes.Create(shape, 4);
        KernelSkip.UnlessFeature(ring.Parameters.IsFeatureNoDrop, "IORING_FEAT_NODROP");
        CompletionQueue cq = ring.CompletionQueue;
        int total = 4 * cq.Capacity;
        SubmitWithoutReaping(ring, total);
        ring.SubmissionQueue.CqOverflow.Should().BeTrue("{0} completions cannot fit {1} slots", total, cq.Capacity);

        // From here on only the completion queue is used: no Submit, no Enter.
        bool[] seen = new bool[total];
        int received = 0;
        var clock = Stopwatch.StartNew();
        Span<CompletionEntry> batch = stackalloc CompletionEntry[3];
        while (received < total)
        {
            int before = received;
            switch (reader)
            {
                case Reader.TryDequeue:
                    while (cq.TryDequeue(out CompletionEntry cqe))
                    {
                        Account(cqe.UserData, seen, ref received);
                    }

                    break;
                case Reader.TryDequeue32:
                    while (cq.TryDequeue32(out CompletionEntry32 cqe))
                    {
                        Account(cqe.UserData, seen, ref received);
                    }

                    break;
                case Reader.Fill:
                    for (int n; (n = cq.Fill(batch)) > 0;)
                    {
                        foreach (CompletionEntry cqe in batch[..n])
                        {
                            Account(cqe.UserData, seen, ref received);
                        }
                    }

                    break;
                case Reader.Foreach:
                    foreach (CompletionEntry cqe in cq)
                    {
                        Account(cqe.UserData, seen, ref received);
                    }

                    break;
                default:
                    while (cq.TryPeek(out CompletionEntry peeked))
                    {
                        cq.TryDequeue(out CompletionEntry cqe).Should().BeTrue();
                        cqe.UserData.Should().Be(peeked.UserData);
                        Account(cqe.UserData, seen, ref received);
                    }

                    break;
            }

            if (received == before)
            {
                clock.Elapsed.Should().BeLessThan(Progress.Stall, $"{total - received} of {total} completions are stranded in the kernel");
                Thread.Sleep(1);
            }
        }

        seen.Should().OnlyContain(x => x);
        ring.SubmissionQueue.CqOverflow.Should().BeFalse();
        cq.Overflow.Should().Be(0, "nothing was dropped");
    }

    // Pushes and submits in SQ-sized batches, then makes sure the kernel has consumed (and completed) them all.
    private static void SubmitWithoutReaping(Ring ring, int total)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < total; i++)
        {
            while (!ring.SubmissionQueue.TryPush(Nops.Make((ulong)i)))
            {
                ring.Submit();
                Thread.Yield();
                clock.Elapsed.Should().BeLessThan(Progress.Stall);
            }
        }

        ring.Submit();
        while (ring.SubmissionQueue.Count > 0 || (ring.Parameters.IsSetupSqPoll && !ring.SubmissionQueue.CqOverflow))
        {
            clock.Elapsed.Should().BeLessThan(Progress.Stall);
            ring.Submit();
            Thread.Yield();
        }
    }

    private static void Account(ulong userData, bool[] seen, ref int received)
    {
        userData.Should().BeLessThan((ulong)seen.Length);
        seen[userData].Should().BeFalse($"completion {userData} arrives once");
        seen[userData] = true;
        received++;
    }
}
