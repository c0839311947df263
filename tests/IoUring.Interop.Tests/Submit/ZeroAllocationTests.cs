using System;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>The hot path (push, submit, reap) allocates nothing.</summary>
public class ZeroAllocationTests
{
    private const int Batch = 32;

    [Theory]
    [InlineData(RingShapes.Default)]
    [InlineData(RingShapes.DeferTaskrun)]
    [InlineData(RingShapes.Sqe128Cqe32)]
    public void A_million_nops_allocate_nothing(string shape)
    {
        using Ring ring = RingShapes.Create(shape, Batch);

        RunNops(ring, 10_000); // warm-up: JIT tiering and first-call paths
        long before = GC.GetAllocatedBytesForCurrentThread();
        long reaped = RunNops(ring, 1_000_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1_000_000, reaped);
        Assert.Equal(0, allocated);
    }

    private static long RunNops(Ring ring, int count)
    {
        SubmissionQueue sq = ring.SubmissionQueue;
        CompletionQueue cq = ring.CompletionQueue;
        Submitter submitter = ring.Submitter;
        Span<CompletionEntry> completions = stackalloc CompletionEntry[Batch];
        SubmitArgs args = new SubmitArgs().WithTimeout(TimeSpan.FromSeconds(5));
        long reaped = 0;
        ulong userData = 0;
        for (int done = 0; done < count; done += Batch)
        {
            for (int i = 0; i < Batch; i++)
            {
                if (!sq.TryPush(Nops.Make(userData++)))
                {
                    throw new InvalidOperationException("queue unexpectedly full");
                }
            }

            // Alternate the three submit forms and the three reap forms.
            switch ((done / Batch) % 3)
            {
                case 0:
                    submitter.SubmitAndWait(Batch);
                    reaped += cq.Fill(completions);
                    break;
                case 1:
                    if (submitter.TrySubmitAndWait(Batch, out _) != SubmitStatus.Success)
                    {
                        throw new InvalidOperationException("submit failed");
                    }

                    foreach (CompletionEntry cqe in cq)
                    {
                        reaped += cqe.Result == 0 ? 1 : 0;
                    }

                    break;
                default:
                    submitter.SubmitWithArgs(Batch, args);
                    while (cq.TryDequeue(out CompletionEntry cqe))
                    {
                        reaped += cqe.Result == 0 ? 1 : 0;
                    }

                    break;
            }
        }

        return reaped;
    }
}
