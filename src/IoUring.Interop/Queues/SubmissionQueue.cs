using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>The submission queue: a ring of entries the application fills and the kernel consumes.</summary>
/// <remarks>Rust's <c>squeue::SubmissionQueue</c>. One producer at a time. Each push publishes the new tail at
/// once (so <see cref="Submitter.Submit"/> always sees it); <see cref="TryPushMultiple(ReadOnlySpan{SubmissionEntry})"/> publishes a batch with
/// one store, which is how to hand a linked chain to an SQPOLL thread in one piece. <see cref="TryGetNext(out SubmissionSlot)"/>
/// reserves a slot to fill in place instead (liburing's <c>io_uring_get_sqe</c>); such entries are published at the next
/// submit. Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
public sealed unsafe partial class SubmissionQueue
{
    private ViewRetirement _retirement;
    private readonly uint* _head;
    private readonly uint* _tail;
    private readonly uint* _flags;
    private readonly uint* _dropped;
    private readonly byte* _sqes;
    private readonly uint _mask;
    private readonly uint _entries;
    private readonly int _sqeShift;
    private readonly bool _sqe128;

    // IORING_SETUP_SQE_MIXED: 128-byte entries take two 64-byte slots; only the 128-byte push paths check it.
    private readonly bool _mixed;

    // IORING_SETUP_SQ_REWIND: the kernel reads every batch from slot 0 and its head and tail must stay 0, so _tail
    // points at this pinned word instead of the shared tail (the hot path stays the same code).
    private readonly bool _rewind;
    private readonly uint[]? _rewindTail;

    // Our tail: only this queue writes the kernel's tail, so the local copy is always current.
    private uint _localTail;

    // The kernel's head as last loaded; refreshed only when the queue looks full.
    private uint _cachedHead;

    internal SubmissionQueue(in RingMemory memory)
    {
        io_uring_params p = memory.Parameters;
        byte* sq = memory.SqRing;
        _head = (uint*)(sq + p.sq_off.head);
        _tail = (uint*)(sq + p.sq_off.tail);
        _flags = (uint*)(sq + p.sq_off.flags);
        _dropped = (uint*)(sq + p.sq_off.dropped);
        _mask = *(uint*)(sq + p.sq_off.ring_mask);
        _entries = *(uint*)(sq + p.sq_off.ring_entries);
        _sqes = memory.Sqes;
        _sqe128 = memory.Geometry.SqeSize == 128;
        _sqeShift = _sqe128 ? 7 : 6;
        _mixed = (p.flags & IORING_SETUP_SQE_MIXED) != 0;
        _rewind = (p.flags & IORING_SETUP_SQ_REWIND) != 0;
        if (_rewind)
        {
            _rewindTail = GC.AllocateArray<uint>(1, pinned: true);
            _tail = (uint*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_rewindTail));
        }

        _localTail = Volatile.Read(ref *_tail);
        _cachedHead = Volatile.Read(ref *_head);

        if (memory.Geometry.HasSqArray)
        {
            // The index array maps ring slots to SQE slots; an identity map lets entries be written in place
            // at tail & mask, as liburing does (io_uring_setup(2), "sq_off.array").
            uint* array = (uint*)(sq + p.sq_off.array);
            for (uint i = 0; i < _entries; i++)
            {
                array[i] = i;
            }
        }
    }

    /// <summary>Publishes our tail and reloads the kernel's head, so <see cref="Count"/> and free space are current.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public void Sync()
    {
        ThrowIfDisposed();

        // Release: the kernel must see every SQE written before it sees the tail that covers it.
        Volatile.Write(ref *_tail, _localTail);

        // Acquire: the kernel has finished reading the SQEs up to its head before we reuse their slots.
        _cachedHead = Volatile.Read(ref *_head);
    }

    /// <summary>Whether the kernel's submission polling thread sleeps and needs <c>IORING_ENTER_SQ_WAKEUP</c> (SQPOLL rings).</summary>
    /// <remarks><see cref="Submitter.SubmitAndWait"/> checks this itself. Available since Linux 5.1.</remarks>
    public bool NeedWakeup
    {
        get
        {
            ThrowIfDisposed();

            // Full fence: our tail store must be visible to the kernel before we read its NEED_WAKEUP flag.
            // The polling thread sets the flag, issues a full barrier, then rechecks the tail before it
            // sleeps; with the same fence on our side one of us sees the other's write, so an entry is
            // never left behind while the thread sleeps (io_uring(7); liburing's io_uring_submit).
            Interlocked.MemoryBarrier();
            return (Volatile.Read(ref *_flags) & IORING_SQ_NEED_WAKEUP) != 0;
        }
    }

    /// <summary>The effect of <see cref="NeedWakeup"/> without its fence, for callers that issued a full fence after their last tail store.</summary>
    /// <remarks><b>Safety:</b> without that fence the thread may fall asleep unnoticed and submissions stall.
    /// Available since Linux 5.1.</remarks>
    public bool NeedWakeupAfterIntermittentSeqCst
    {
        get
        {
            ThrowIfDisposed();
            return (RawFlags & IORING_SQ_NEED_WAKEUP) != 0;
        }
    }

    /// <summary>The number of invalid entries the kernel dropped without completing them.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public uint Dropped
    {
        get
        {
            ThrowIfDisposed();
            return Volatile.Read(ref *_dropped);
        }
    }

    /// <summary>Whether the completion queue has overflowed and completions wait in the kernel (<c>IORING_SQ_CQ_OVERFLOW</c>).</summary>
    /// <remarks>The next submit with <c>IORING_ENTER_GETEVENTS</c> flushes them. Available since Linux 5.5.</remarks>
    public bool CqOverflow
    {
        get
        {
            ThrowIfDisposed();
            return (RawFlags & IORING_SQ_CQ_OVERFLOW) != 0;
        }
    }

    /// <summary>Whether completion work is pending and the task should enter the kernel to run it (<c>IORING_SQ_TASKRUN</c>).</summary>
    /// <remarks>Set only on rings built with <see cref="RingBuilder.SetupTaskRunFlag"/>. Available since Linux 5.19.</remarks>
    public bool TaskRun
    {
        get
        {
            ThrowIfDisposed();
            return (RawFlags & IORING_SQ_TASKRUN) != 0;
        }
    }

    /// <summary>The number of entries the queue holds.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public int Capacity
    {
        get
        {
            ThrowIfDisposed();
            return (int)_entries;
        }
    }

    /// <summary>The number of pushed entries the kernel has not consumed yet.</summary>
    /// <remarks>On a mixed ring this counts 64-byte slots (a 128-byte entry is two, padding one). Available since Linux 5.1.</remarks>
    public int Count
    {
        get
        {
            ThrowIfDisposed();
            _cachedHead = Volatile.Read(ref *_head);
            return (int)(_localTail - _cachedHead);
        }
    }

    /// <summary>Whether the kernel has consumed every pushed entry.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsEmpty => Count == 0;

    /// <summary>Whether the queue has no free slot.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsFull => Count == Capacity;

    /// <summary>Copies <paramref name="entry"/> into the next free slot; false when the queue is full.</summary>
    /// <remarks>On a 128-byte-entry ring the second half is zeroed.
    /// <b>Safety:</b> buffers and addresses the entry points to must stay valid until its completion arrives.</remarks>
    public bool TryPush(in SubmissionEntry entry)
    {
        ThrowIfDisposed();
        uint tail = _localTail;
        if (!HasRoom(tail, 1))
        {
            return false;
        }

        Write(tail, entry);
        Publish(tail + 1);
        return true;
    }

    /// <summary>Copies a 128-byte <paramref name="entry"/> into the next free slot; false when the queue is full.</summary>
    /// <remarks>On a mixed ring (<see cref="RingBuilder.SetupSqeMixed"/>) the entry takes two slots, plus a silent
    /// padding NOP when only the ring's last slot is left before the end.
    /// <b>Safety:</b> buffers and addresses the entry points to must stay valid until its completion arrives.</remarks>
    /// <exception cref="InvalidOperationException">The ring's entries are 64 bytes (neither <see cref="RingBuilder.SetupSqe128"/> nor <see cref="RingBuilder.SetupSqeMixed"/>).</exception>
    /// <exception cref="ArgumentException">On a mixed ring, the opcode is not a 128-byte one (<c>NOP128</c>, <c>URING_CMD128</c>).</exception>
    public bool TryPush(in SubmissionEntry128 entry)
    {
        ThrowIfDisposed();
        if (!_sqe128)
        {
            return TryPushMixed(entry);
        }

        uint tail = _localTail;
        if (!HasRoom(tail, 1))
        {
            return false;
        }

        Unsafe.Write(_sqes + ((nuint)(tail & _mask) << _sqeShift), entry);
        Publish(tail + 1);
        return true;
    }

    /// <summary>Copies all <paramref name="entries"/> or none: false, with nothing pushed, when they do not all fit.</summary>
    /// <remarks>The batch becomes visible to the kernel at once, so a linked chain is never seen half written.
    /// <b>Safety:</b> buffers and addresses the entries point to must stay valid until their completions arrive.</remarks>
    public bool TryPushMultiple(ReadOnlySpan<SubmissionEntry> entries)
    {
        ThrowIfDisposed();
        uint tail = _localTail;
        if (!HasRoom(tail, (uint)entries.Length))
        {
            return false;
        }

        for (int i = 0; i < entries.Length; i++)
        {
            Write(tail + (uint)i, entries[i]);
        }

        Publish(tail + (uint)entries.Length);
        return true;
    }

    /// <summary>Copies all 128-byte <paramref name="entries"/> or none: false, with nothing pushed, when they do not all fit.</summary>
    /// <remarks>The batch becomes visible to the kernel at once. Available since Linux 5.19.
    /// <b>Safety:</b> buffers and addresses the entries point to must stay valid until their completions arrive.</remarks>
    /// <exception cref="InvalidOperationException">The ring's entries are 64 bytes (neither <see cref="RingBuilder.SetupSqe128"/> nor <see cref="RingBuilder.SetupSqeMixed"/>).</exception>
    /// <exception cref="ArgumentException">On a mixed ring, an opcode is not a 128-byte one.</exception>
    public bool TryPushMultiple(ReadOnlySpan<SubmissionEntry128> entries)
    {
        ThrowIfDisposed();
        if (!_sqe128)
        {
            return TryPushMultipleMixed(entries);
        }

        uint tail = _localTail;
        if (!HasRoom(tail, (uint)entries.Length))
        {
            return false;
        }

        for (int i = 0; i < entries.Length; i++)
        {
            Unsafe.Write(_sqes + ((nuint)((tail + (uint)i) & _mask) << _sqeShift), entries[i]);
        }

        Publish(tail + (uint)entries.Length);
        return true;
    }

    /// <summary>Whether entries are 128 bytes (the ring was built with <see cref="RingBuilder.SetupSqe128"/>).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsSqe128
    {
        get
        {
            ThrowIfDisposed();
            return _sqe128;
        }
    }

    /// <summary>The sq_flags word, loaded without ordering (callers that need ordering fence first).</summary>
    internal uint RawFlags => Volatile.Read(ref *_flags);

    /// <summary>Entries published but not yet consumed by the kernel (Rust's <c>Submitter::sq_len</c>); on an SQ_REWIND ring, the batch waiting in slots 0 and up.</summary>
    internal uint PendingForKernel()
    {
        if (_rewind)
        {
            // The whole batch from slot 0; CompleteRewindBatch settles it after io_uring_enter returns.
            return _localTail;
        }

        // Entries filled in place (TryGetNext) are counted in our local tail only: publish them now, before the system
        // call, as liburing's __io_uring_flush_sq does. Release: their bytes are visible before the tail that covers them.
        uint tail = _localTail;
        Volatile.Write(ref *_tail, tail);

        // Acquire: the count must not be older than the entries it describes.
        uint head = Volatile.Read(ref *_head);
        return unchecked(tail - head);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool HasRoom(uint tail, uint wanted)
    {
        if (unchecked(tail - _cachedHead) + wanted <= _entries)
        {
            return true;
        }

        // Acquire: once the kernel's head says a slot is free, the kernel has finished reading it.
        _cachedHead = Volatile.Read(ref *_head);
        return unchecked(tail - _cachedHead) + wanted <= _entries;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(uint tail, in SubmissionEntry entry)
    {
        byte* slot = _sqes + ((nuint)(tail & _mask) << _sqeShift);
        Unsafe.Write(slot, entry);
        if (_sqe128)
        {
            Unsafe.InitBlockUnaligned(slot + sizeof(SubmissionEntry), 0, (uint)sizeof(SubmissionEntry));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Publish(uint newTail)
    {
        _localTail = newTail;

        // Release: the SQE bytes must be visible before the tail that hands them to the kernel
        // (io_uring(7): "write barrier ... before updating the tail").
        Volatile.Write(ref *_tail, newTail);
    }

    /// <summary>Stops the view from touching the ring's memory: every member throws <see cref="ObjectDisposedException"/> with <paramref name="reason"/>.</summary>
    internal void Retire(string reason) => _retirement.Retire(reason);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ThrowIfDisposed() => _retirement.ThrowIfRetired(nameof(SubmissionQueue));
}
