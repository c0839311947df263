using System;
using System.Diagnostics;
using System.IO;
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
    public static (long Ops, double Seconds, long Allocated, double CpuSeconds) Run(SafeFileHandle file, long blocks, ReadOptions options)
    {
        int qd = options.QueueDepth;
        int block = options.Block;
        int fd = (int)file.DangerousGetHandle();
        if (qd > Clock.ReadRingEntries)
        {
            throw new ArgumentException($"--qd must not exceed the ring size ({Clock.ReadRingEntries})");
        }

        // Page-aligned, as the C twin's posix_memalign gives.
        byte* pool = (byte*)NativeMemory.AlignedAlloc((nuint)qd * (nuint)block, 4096);
        var ring = new Ring((int)Clock.ReadRingEntries);
        try
        {
            SubmissionQueue sq = ring.SubmissionQueue;
            CompletionQueue cq = ring.CompletionQueue;
            if (options.Fixed)
            {
                FixedBuffers.Register(ring, pool, qd, block);
            }

            var offsets = new XorShift64(XorShift64.Seed);
            long deadlineTicks = (long)(options.Seconds * Stopwatch.Frequency);
            long ops = 0;
            long iterations = 0;
            double cpuStart = ProcessCpu.Now();
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            long end;
            for (int slot = 0; slot < qd; slot++)
            {
                Arm(sq, fd, pool, block, slot, offsets.NextOffset(blocks, block), options.Fixed);
            }

            while (true)
            {
                ring.SubmitAndWait(1);
                while (cq.TryDequeue(out CompletionEntry cqe))
                {
                    if (cqe.Result != block)
                    {
                        throw cqe.Result < 0
                            ? new IoUringException(-cqe.Result, "read completion")
                            : new IOException($"short read: {cqe.Result} of {block} bytes");
                    }

                    ops++;
                    Arm(sq, fd, pool, block, (int)cqe.UserData, offsets.NextOffset(blocks, block), options.Fixed);
                }

                if (++iterations % Clock.Every == 0 && (end = Stopwatch.GetTimestamp()) - start >= deadlineTicks)
                {
                    break;
                }
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            double cpuSeconds = ProcessCpu.Now() - cpuStart;
            Drain(ring, cq, qd);
            return (ops, (double)(end - start) / Stopwatch.Frequency, allocated, cpuSeconds);
        }
        finally
        {
            // The ring goes first: after a normal run every read was drained; after a failure, closing the
            // ring cancels what is left before the pool is freed.
            ring.Dispose();
            NativeMemory.AlignedFree(pool);
        }
    }

    /// <summary>The Q reads still queued or in flight (not counted) complete before the buffers go away.</summary>
    private static void Drain(Ring ring, CompletionQueue cq, int qd)
    {
        int drained = 0;
        ring.Submit();
        while (drained < qd)
        {
            ring.SubmitAndWait(1);
            while (cq.TryDequeue(out CompletionEntry _))
            {
                drained++;
            }
        }
    }

    private static void Arm(SubmissionQueue sq, int fd, byte* pool, int block, int slot, long offset, bool isFixed)
    {
        byte* buffer = pool + (nint)slot * block;
        SubmissionEntry entry = isFixed
            ? new ReadFixed(new Fd(fd), buffer, (uint)block, (ushort)slot) { Offset = offset }.Build()
            : new Read(new Fd(fd), buffer, (uint)block) { Offset = offset }.Build();
        if (!sq.TryPush(entry.WithUserData((ulong)slot)))
        {
            throw new InvalidOperationException("submission queue full");
        }
    }
}
