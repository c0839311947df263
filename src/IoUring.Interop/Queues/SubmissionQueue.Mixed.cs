using System;
using System.Runtime.CompilerServices;
using System.Threading;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

// Pushes on a ring built with IORING_SETUP_SQE_MIXED, and the batch hand-over of IORING_SETUP_SQ_REWIND.
// A mixed queue is an array of 64-byte slots; the kernel takes an entry whose opcode is a 128-byte one as two
// neighbouring slots and fails it with EINVAL when it starts in the array's last slot (io_uring.c, io_init_req). So a
// big entry that would start there is preceded by a NOP with IOSQE_CQE_SKIP_SUCCESS, which completes silently and
// moves the entry to slot 0 — liburing's io_uring_get_sqe128 does the same.
public sealed unsafe partial class SubmissionQueue
{
    /// <summary>Whether entries may be 64 or 128 bytes (the ring was built with <see cref="RingBuilder.SetupSqeMixed"/>).</summary>
    /// <remarks>Available since Linux 6.19.</remarks>
    public bool IsSqeMixed
    {
        get
        {
            ThrowIfDisposed();
            return _mixed;
        }
    }

    /// <summary>Whether the kernel reads every batch from slot 0 (the ring was built with <see cref="RingBuilder.SetupSqRewind"/>).</summary>
    /// <remarks>Available since Linux 7.0.</remarks>
    public bool IsSqRewind
    {
        get
        {
            ThrowIfDisposed();
            return _rewind;
        }
    }

    private bool TryPushMixed(in SubmissionEntry128 entry)
    {
        RequireMixed();
        Require128ByteOpcode(entry);
        uint tail = _localTail;
        if (!HasRoom(tail, SlotsFor(tail)))
        {
            return false;
        }

        Publish(WriteMixed(tail, entry));
        return true;
    }

    private bool TryPushMultipleMixed(ReadOnlySpan<SubmissionEntry128> entries)
    {
        RequireMixed();
        uint end = _localTail;
        for (int i = 0; i < entries.Length; i++)
        {
            Require128ByteOpcode(entries[i]);
            end += SlotsFor(end);
        }

        uint tail = _localTail;
        if (!HasRoom(tail, end - tail))
        {
            return false;
        }

        for (int i = 0; i < entries.Length; i++)
        {
            tail = WriteMixed(tail, entries[i]);
        }

        Publish(tail);
        return true;
    }

    // Two slots, or three when the entry would start in the last slot and needs the padding NOP first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint SlotsFor(uint tail) => (tail & _mask) == _mask ? 3u : 2u;

    // Writes the entry (after padding if needed) and returns the tail past it; the caller publishes.
    private uint WriteMixed(uint tail, in SubmissionEntry128 entry)
    {
        if ((tail & _mask) == _mask)
        {
            Write(tail, Padding(tail));
            tail++;
        }

        Unsafe.Write(_sqes + ((nuint)(tail & _mask) << _sqeShift), entry);
        return tail + 2;
    }

    // The padding NOP keeps the previous entry's link flags, so a chain that runs across it stays one chain.
    private SubmissionEntry Padding(uint tail)
    {
        byte linkFlags = 0;
        if (tail != _cachedHead)
        {
            io_uring_sqe* previous = (io_uring_sqe*)(_sqes + ((nuint)((tail - 1) & _mask) << _sqeShift));
            linkFlags = (byte)(previous->flags & (IOSQE_IO_LINK | IOSQE_IO_HARDLINK));
        }

        SubmissionEntry padding = default;
        padding.Sqe.opcode = (byte)io_uring_op.IORING_OP_NOP;
        padding.Sqe.fd = -1;
        padding.Sqe.flags = (byte)(IOSQE_CQE_SKIP_SUCCESS | linkFlags);
        return padding;
    }

    // Only the opcode tells the kernel an entry is two slots long; any other opcode would make it run the second
    // half as an entry of its own.
    private static void Require128ByteOpcode(in SubmissionEntry128 entry)
    {
        byte opcode = entry.Entry.Sqe.opcode;
        if (opcode != (byte)io_uring_op.IORING_OP_NOP128 && opcode != (byte)io_uring_op.IORING_OP_URING_CMD128)
        {
            throw new ArgumentException($"On a ring built with SetupSqeMixed() a 128-byte entry needs a 128-byte opcode (NOP128, URING_CMD128), not {opcode}.", nameof(entry));
        }
    }

    private void RequireMixed()
    {
        if (!_mixed)
        {
            throw new InvalidOperationException("128-byte entries need a ring built with SetupSqe128() or SetupSqeMixed().");
        }
    }

    // SQ_REWIND: io_uring_enter takes to_submit entries from slot 0 (no SQPOLL thread is allowed), and returns how
    // many it took. Those slots are free again; entries it did not take (a partial submit, or a failed call) move to
    // the front, so the next batch still starts at slot 0 and nothing pushed is lost.
    internal void CompleteRewindBatch(int submitted)
    {
        if (submitted <= 0)
        {
            return;
        }

        uint taken = Math.Min((uint)submitted, _localTail);
        uint left = _localTail - taken;
        if (left != 0)
        {
            nuint bytes = (nuint)left << _sqeShift;
            Buffer.MemoryCopy(_sqes + ((nuint)taken << _sqeShift), _sqes, bytes, bytes);
        }

        _localTail = left;
        Volatile.Write(ref *_tail, left);
    }
}
