using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using IoUring.Interop;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Samples.Copy;

/// <summary>
/// The copy loop. Each slot owns one registered buffer; a chunk is a READ_FIXED linked (IOSQE_IO_LINK) to a
/// WRITE_FIXED of the same buffer and range, so the kernel starts the write only after the read succeeded and
/// the application touches neither the data nor the ring between the two.
/// </summary>
public static unsafe class FileCopier
{
    private const int ECANCELED = 125;

    /// <summary>Copies <see cref="CopyOptions.Source"/> to <see cref="CopyOptions.Destination"/>.</summary>
    /// <exception cref="SameFileException">Both name the same file; nothing was written.</exception>
    /// <exception cref="IOException">A file cannot be opened, read or written (or <see cref="UnauthorizedAccessException"/>).</exception>
    public static CopyResult Copy(CopyOptions options, ProgressLine progress)
    {
        using SafeFileHandle source = File.OpenHandle(options.Source, FileMode.Open, FileAccess.Read);
        FileIdentity sourceFile = FileIdentity.Of(source);

        // Before the destination is opened for writing (a read-only source would only say "access denied"), and
        // again once it is open (the path may have changed in between): the destination is truncated only when it
        // is not the source.
        SameFileException.ThrowIfSame(options, sourceFile, FileIdentity.Of(options.Destination));
        using SafeFileHandle destination = File.OpenHandle(options.Destination, FileMode.OpenOrCreate, FileAccess.Write);
        SameFileException.ThrowIfSame(options, sourceFile, FileIdentity.Of(destination));
        long size = RandomAccess.GetLength(source);
        // Sized up front so the writes land in an extent of the right length and a short copy is visible.
        RandomAccess.SetLength(destination, size);

        var stopwatch = Stopwatch.StartNew();
        if (size == 0)
        {
            progress.Report(0, 0, final: true);
            return new CopyResult(0, stopwatch.Elapsed, 0, 0);
        }

        int depth = (int)Math.Min(options.Depth, (size + options.Block - 1) / options.Block);
        byte* pool = (byte*)NativeMemory.AlignedAlloc((nuint)depth * (nuint)options.Block, 4096);
        var ring = new Ring(2 * depth);
        try
        {
            RegisterBuffers(ring, pool, depth, options.Block);
            var copy = new CopyLoop(ring, (int)source.DangerousGetHandle(), (int)destination.DangerousGetHandle(), pool, options.Block, depth, size);
            copy.Run(progress);
            return new CopyResult(size, stopwatch.Elapsed, copy.Pairs, copy.Retries);
        }
        finally
        {
            // Closing the ring first cancels anything still in flight after a failure, before the buffers go.
            ring.Dispose();
            NativeMemory.AlignedFree(pool);
        }
    }

    private static void RegisterBuffers(Ring ring, byte* pool, int count, int size)
    {
        IoVector* vectors = stackalloc IoVector[count];
        for (int i = 0; i < count; i++)
        {
            vectors[i] = new IoVector(pool + (nint)i * size, (nuint)size);
        }

        ring.Submitter.RegisterBuffers(new ReadOnlySpan<IoVector>(vectors, count));
    }

    /// <summary>The state of one copy: which range each slot carries, what is done, what comes next.</summary>
    private sealed class CopyLoop(Ring ring, int sourceFd, int destinationFd, byte* pool, int block, int depth, long size)
    {
        private readonly long[] _offset = new long[depth];
        private readonly int[] _length = new int[depth];
        private readonly int[] _readResult = new int[depth];
        private long _next;
        private long _done;
        private int _inFlight;

        public long Pairs { get; private set; }

        public long Retries { get; private set; }

        public void Run(ProgressLine progress)
        {
            for (int slot = 0; slot < depth && _next < size; slot++)
            {
                ArmNextChunk(slot);
            }

            CompletionQueue cq = ring.CompletionQueue;
            while (_inFlight > 0)
            {
                ring.SubmitAndWait(1);
                while (cq.TryDequeue(out CompletionEntry cqe))
                {
                    Complete(cqe);
                }

                progress.Report(_done, size);
            }

            progress.Report(_done, size, final: true);
        }

        private void Complete(in CompletionEntry cqe)
        {
            int slot = (int)(cqe.UserData >> 1);
            bool isWrite = (cqe.UserData & 1) != 0;
            if (!isWrite)
            {
                // A failed or short read breaks the link: its write completes with -ECANCELED and is handled there.
                if (cqe.Result < 0)
                {
                    throw new IoUringException(-cqe.Result, "read");
                }

                if (cqe.Result == 0)
                {
                    throw new IOException($"source ended at {_offset[slot]} before its size {size} was copied");
                }

                _readResult[slot] = cqe.Result;
                return;
            }

            _inFlight--;
            if (cqe.Result == -ECANCELED)
            {
                // The read came back short, which cuts the link: write what it got on its own, then go on from there.
                Retries++;
                int got = _readResult[slot];
                if (got > 0)
                {
                    ArmWrite(slot, got);
                }
                else
                {
                    ArmPair(slot);
                }

                return;
            }

            if (cqe.Result < 0)
            {
                throw new IoUringException(-cqe.Result, "write");
            }

            Resume(slot, cqe.Result);
        }

        /// <summary>Moves the slot past <paramref name="written"/> bytes: finishes the chunk, or re-arms the rest of it.</summary>
        private void Resume(int slot, int written)
        {
            _done += written;
            _offset[slot] += written;
            _length[slot] -= written;
            if (_length[slot] > 0)
            {
                // A short write: read and write the rest of the range again (the slot's buffer start maps to its offset).
                ArmPair(slot);
            }
            else if (_next < size)
            {
                ArmNextChunk(slot);
            }
        }

        private void ArmWrite(int slot, int length)
        {
            byte* buffer = pool + (nint)slot * block;
            SubmissionEntry write = new WriteFixed(new Fd(destinationFd), buffer, (uint)length, (ushort)slot) { Offset = _offset[slot] }.Build()
                .WithUserData(((ulong)slot << 1) | 1);
            if (!ring.SubmissionQueue.TryPush(write))
            {
                throw new InvalidOperationException("submission queue full: the ring holds two entries per slot");
            }

            _inFlight++;
        }

        private void ArmNextChunk(int slot)
        {
            _offset[slot] = _next;
            _length[slot] = (int)Math.Min(block, size - _next);
            _next += _length[slot];
            ArmPair(slot);
        }

        private void ArmPair(int slot)
        {
            byte* buffer = pool + (nint)slot * block;
            uint length = (uint)_length[slot];
            ushort index = (ushort)slot;
            SubmissionEntry read = new ReadFixed(new Fd(sourceFd), buffer, length, index) { Offset = _offset[slot] }.Build()
                .WithFlags(SqeFlags.IoLink)
                .WithUserData((ulong)slot << 1);
            SubmissionEntry write = new WriteFixed(new Fd(destinationFd), buffer, length, index) { Offset = _offset[slot] }.Build()
                .WithUserData(((ulong)slot << 1) | 1);
            SubmissionQueue sq = ring.SubmissionQueue;
            if (!sq.TryPush(read) || !sq.TryPush(write))
            {
                throw new InvalidOperationException("submission queue full: the ring holds two entries per slot");
            }

            _readResult[slot] = 0;
            _inFlight++;
            Pairs++;
        }
    }
}
