using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using IoUring.Interop;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Benchmarks.Harness;

/// <summary>
/// Q reads in flight on one ring: each loop is one submit-and-wait(1), then every completion is reaped and its
/// slot re-armed with the next offset, the C twin's loop. With --fixed the Q buffers are registered and read
/// with READ_FIXED (buffer index = slot).
/// </summary>
internal static unsafe class IoUringReadEngine
{
    public static (long Ops, double Seconds, long Allocated) Run(SafeFileHandle file, long blocks, ReadOptions options)
    {
        int qd = options.QueueDepth;
        int block = options.Block;
        int fd = (int)file.DangerousGetHandle();
        using Ring ring = new((uint)Math.Max(qd, 2));
        SubmissionQueue sq = ring.SubmissionQueue;
        CompletionQueue cq = ring.CompletionQueue;

        // Page-aligned so READ_FIXED and plain READ see the same memory the C twin's posix_memalign gives.
        byte* pool = (byte*)NativeMemory.AlignedAlloc((nuint)qd * (nuint)block, 4096);
        try
        {
            if (options.Fixed)
            {
                FixedBuffers.Register(ring, pool, qd, block);
            }

            var offsets = new XorShift64(XorShift64.Seed);
            for (int slot = 0; slot < qd; slot++)
            {
                Arm(sq, fd, pool, block, slot, offsets.NextOffset(blocks, block), options.Fixed);
            }

            long deadlineTicks = (long)(options.Seconds * Stopwatch.Frequency);
            long ops = 0;
            int inFlight = qd;
            bool stopping = false;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            while (inFlight > 0)
            {
                ring.SubmitAndWait(1);
                while (cq.TryDequeue(out CompletionEntry cqe))
                {
                    if (cqe.Result < 0)
                    {
                        throw new IoUringException(-cqe.Result, "read");
                    }

                    ops++;
                    int slot = (int)cqe.UserData;
                    if (stopping)
                    {
                        inFlight--;
                    }
                    else
                    {
                        Arm(sq, fd, pool, block, slot, offsets.NextOffset(blocks, block), options.Fixed);
                    }
                }

                stopping = stopping || Stopwatch.GetTimestamp() - start >= deadlineTicks;
            }

            long end = Stopwatch.GetTimestamp();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            return (ops, (double)(end - start) / Stopwatch.Frequency, allocated);
        }
        finally
        {
            // Every read has completed here (the loop drains to zero in flight), so the kernel no longer
            // writes into the pool; the registration goes with the ring.
            NativeMemory.AlignedFree(pool);
        }
    }

    private static void Arm(SubmissionQueue sq, int fd, byte* pool, int block, int slot, long offset, bool isFixed)
    {
        byte* buffer = pool + (nint)slot * block;
        SubmissionEntry entry = isFixed
            ? new ReadFixed(new Fd(fd), buffer, (uint)block, (ushort)slot) { Offset = (ulong)offset }.Build()
            : new Read(new Fd(fd), buffer, (uint)block) { Offset = (ulong)offset }.Build();
        if (!sq.TryPush(entry.WithUserData((ulong)slot)))
        {
            throw new InvalidOperationException("submission queue full");
        }
    }
}
