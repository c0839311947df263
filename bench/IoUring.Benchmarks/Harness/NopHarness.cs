using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using IoUring.Interop;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;

namespace IoUring.Benchmarks.Harness;

/// <summary>
/// NOP throughput: push a batch of N NOPs, one submit-and-wait(N), reap all; repeat for the given time.
/// The cost measured is the ring's own (SQE fill, enter, CQE reap), the same loop as the C twin's.
/// </summary>
internal static class NopHarness
{
    public static BenchResult Run(NopOptions options)
    {
        using Ring ring = options.Flavor.Build(options.Entries);
        SubmissionQueue sq = ring.SubmissionQueue;
        CompletionQueue cq = ring.CompletionQueue;
        int batch = options.Batch;
        long deadlineTicks = (long)(options.Seconds * Stopwatch.Frequency);

        long ops = 0;
        long iterations = 0;
        double cpuStart = ProcessCpu.Now();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        long now;
        while (true)
        {
            ops += options.InPlace ? RunBatch(ring, sq, cq, batch, inPlace: true) : RunBatch(ring, sq, cq, batch, inPlace: false);
            if (++iterations % Clock.Every == 0 && (now = Stopwatch.GetTimestamp()) - start >= deadlineTicks)
            {
                break;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double cpuSeconds = ProcessCpu.Now() - cpuStart;
        double seconds = (double)(now - start) / Stopwatch.Frequency;
        string prefix = string.Create(CultureInfo.InvariantCulture, $"nop N={batch} entries={options.Entries} flags={options.Flavor.Name()}");
        return new BenchResult(prefix, ops, seconds, allocated, cpuSeconds, string.Empty);
    }

    // Inlined into the timed loop, as the C twin's compiler inlines its loop body: one P/Invoke frame set-up per run
    // instead of one per batch (a method with an inlined P/Invoke links its frame in its prolog).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RunBatch(Ring ring, SubmissionQueue sq, CompletionQueue cq, int batch, bool inPlace)
    {
        for (int i = 0; i < batch; i++)
        {
            // Prepared per entry, as the twin's io_uring_get_sqe + io_uring_prep_nop fill each SQE: in its ring slot, or
            // (--prep copy) built on the stack and copied in.
            if (inPlace ? !TryPrepareInPlace(sq) : !sq.TryPush(new Nop().Build()))
            {
                throw new InvalidOperationException("submission queue full: --batch must not exceed the ring's SQ size");
            }
        }

        ring.SubmitAndWait(batch);
        int reaped = 0;
        while (reaped < batch)
        {
            while (cq.TryDequeue(out CompletionEntry cqe))
            {
                if (cqe.Result < 0)
                {
                    throw new InvalidOperationException($"NOP completed with {cqe.Result}");
                }

                reaped++;
            }

            if (reaped < batch)
            {
                ring.SubmitAndWait(batch - reaped);
            }
        }

        return reaped;
    }

    // A NOP written in place: the slot comes zeroed, so the opcode and the "no file" descriptor are all a NOP needs (the
    // fields io_uring_prep_nop sets). The builders' own in-place form is the opcode-table work's (Nop().Build() copies).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryPrepareInPlace(SubmissionQueue sq)
    {
        if (!sq.TryGetNext(out SubmissionSlot slot))
        {
            return false;
        }

        ref io_uring_sqe sqe = ref slot.Entry.Native;
        sqe.opcode = (byte)Nop.Code;
        sqe.fd = -1;
        return true;
    }
}
