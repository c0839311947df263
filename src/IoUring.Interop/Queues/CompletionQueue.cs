using System;
using System.Runtime.CompilerServices;
using System.Threading;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>The completion queue: a ring of results the kernel fills and the application consumes.</summary>
/// <remarks>Rust's <c>cqueue::CompletionQueue</c>. One consumer at a time. Each dequeue returns the slot to the
/// kernel at once; <see cref="Fill"/> returns a batch with one store. <c>foreach</c> drains the queue without
/// allocating. When the queue looks empty while the kernel holds overflowed completions (<c>IORING_SQ_CQ_OVERFLOW</c>,
/// kept under <c>IORING_FEAT_NODROP</c>), <see cref="TryDequeue(out CompletionEntry)"/>, <see cref="TryPeek"/>,
/// <see cref="Fill"/> and <c>foreach</c> flush them into the queue first (one io_uring_enter with GETEVENTS, as
/// liburing's peek does), so a consumer that only reaps never strands them. Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
public sealed unsafe partial class CompletionQueue
{
    private readonly Ring _ring;
    private ViewRetirement _retirement;
    private readonly uint* _head;
    private readonly uint* _tail;
    private readonly uint* _overflow;
    private readonly uint* _flags;

    // The SQ ring's flags word: IORING_SQ_CQ_OVERFLOW there says completions wait in the kernel (see HasEntry).
    private readonly uint* _sqFlags;
    private readonly byte* _cqes;
    private readonly uint _mask;
    private readonly uint _entries;
    private readonly int _cqeShift;
    private readonly bool _cqe32;

    // IORING_SETUP_CQE_MIXED: entries are 16 or 32 bytes and padding may appear; every read checks this once and
    // takes the paths in CompletionQueue.Mixed.cs, so default rings keep their one-slot-per-entry paths.
    private readonly bool _mixed;

    // Our head: only this queue writes the kernel's head, so the local copy is always current.
    private uint _localHead;

    // The kernel's tail as last loaded; refreshed only when the queue looks empty.
    private uint _cachedTail;

    internal CompletionQueue(Ring ring, in RingMemory memory)
    {
        _ring = ring;
        io_uring_params p = memory.Parameters;
        byte* cq = memory.CqRing;
        _head = (uint*)(cq + p.cq_off.head);
        _tail = (uint*)(cq + p.cq_off.tail);
        _overflow = (uint*)(cq + p.cq_off.overflow);

        // cq_off.flags is 0 on kernels before 5.8, which have no CQ ring flags.
        _flags = p.cq_off.flags != 0 ? (uint*)(cq + p.cq_off.flags) : null;
        _cqes = cq + p.cq_off.cqes;
        _sqFlags = (uint*)(memory.SqRing + p.sq_off.flags);
        _mask = *(uint*)(cq + p.cq_off.ring_mask);
        _entries = *(uint*)(cq + p.cq_off.ring_entries);
        _cqe32 = memory.Geometry.CqeSize == 32;
        _cqeShift = _cqe32 ? 5 : 4;
        _mixed = (p.flags & IORING_SETUP_CQE_MIXED) != 0;
        _localHead = Volatile.Read(ref *_head);
        _cachedTail = Volatile.Read(ref *_tail);
    }

    /// <summary>Publishes our head and reloads the kernel's tail, so <see cref="Count"/> is current.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public void Sync()
    {
        ThrowIfDisposed();

        // Release: our reads of consumed CQEs complete before the kernel may overwrite their slots.
        Volatile.Write(ref *_head, _localHead);

        // Acquire: CQE contents up to the tail are visible once we see the tail.
        _cachedTail = Volatile.Read(ref *_tail);
    }

    /// <summary>The number of completions the kernel dropped because the queue was full (only without <c>IORING_FEAT_NODROP</c>).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public uint Overflow
    {
        get
        {
            ThrowIfDisposed();
            return Volatile.Read(ref *_overflow);
        }
    }

    /// <summary>Whether completions are kept from signalling the registered eventfd (<c>IORING_CQ_EVENTFD_DISABLED</c>).</summary>
    /// <remarks>liburing's <c>io_uring_cq_eventfd_toggle</c>. Available since Linux 5.8.</remarks>
    /// <exception cref="IoUringException">EOPNOTSUPP: the kernel has no CQ ring flags.</exception>
    public bool EventfdDisabled
    {
        get
        {
            ThrowIfDisposed();
            return _flags != null && (Volatile.Read(ref *_flags) & IORING_CQ_EVENTFD_DISABLED) != 0;
        }

        set
        {
            ThrowIfDisposed();
            if (_flags == null)
            {
                IoUringException.Throw((int)Errno.EOPNOTSUPP, "io_uring_cq_eventfd_toggle");
            }

            // The application owns this word (the kernel only reads it), so a plain read-modify-write is enough.
            uint flags = Volatile.Read(ref *_flags);
            flags = value ? flags | IORING_CQ_EVENTFD_DISABLED : flags & ~IORING_CQ_EVENTFD_DISABLED;
            Volatile.Write(ref *_flags, flags);
        }
    }

    /// <summary>The number of entries the queue holds.</summary>
    /// <remarks>On a mixed ring, the number of 16-byte slots (a 32-byte entry takes two). Available since Linux 5.1.</remarks>
    public int Capacity
    {
        get
        {
            ThrowIfDisposed();
            return (int)_entries;
        }
    }

    /// <summary>The number of completions waiting to be dequeued.</summary>
    /// <remarks>On a mixed ring this counts entries, not slots (padding excluded), by walking the waiting slots.
    /// Available since Linux 5.1.</remarks>
    public int Count
    {
        get
        {
            ThrowIfDisposed();
            _cachedTail = Volatile.Read(ref *_tail);
            return _mixed ? CountMixed() : (int)(_cachedTail - _localHead);
        }
    }

    /// <summary>Whether no completion is waiting.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsEmpty => Count == 0;

    /// <summary>Whether the queue is full (further completions overflow).</summary>
    /// <remarks>On a mixed ring this counts 16-byte slots, not entries. Available since Linux 5.1.</remarks>
    public bool IsFull
    {
        get
        {
            ThrowIfDisposed();
            return Volatile.Read(ref *_tail) - _localHead == _entries;
        }
    }

    /// <summary>Takes up to <paramref name="destination"/>.Length completions into it and returns how many.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public int Fill(Span<CompletionEntry> destination)
    {
        ThrowIfDisposed();
        if (_mixed)
        {
            return FillMixed(destination);
        }

        uint head = _localHead;

        // Acquire: CQE contents up to the tail are visible once we see the tail.
        _cachedTail = Volatile.Read(ref *_tail);
        if (!HasEntry(head))
        {
            return 0;
        }

        int count = (int)Math.Min((uint)destination.Length, unchecked(_cachedTail - head));
        for (int i = 0; i < count; i++)
        {
            destination[i] = Unsafe.Read<CompletionEntry>(Slot(head + (uint)i));
        }

        if (count > 0)
        {
            Release(head + (uint)count);
        }

        return count;
    }

    /// <summary>Takes the next completion; false when none is waiting.</summary>
    /// <remarks>On a 32-byte-entry ring, and for a 32-byte entry of a mixed ring, this returns the first 16 bytes
    /// and consumes the rest.</remarks>
    public bool TryDequeue(out CompletionEntry entry)
    {
        ThrowIfDisposed();
        if (_mixed)
        {
            return TryDequeueMixed(out entry);
        }

        uint head = _localHead;
        if (!HasEntry(head))
        {
            entry = default;
            return false;
        }

        entry = Unsafe.Read<CompletionEntry>(Slot(head));
        Release(head + 1);
        return true;
    }

    /// <summary>Takes the next 32-byte completion; false when none is waiting.</summary>
    /// <remarks>On a mixed ring (<see cref="RingBuilder.SetupCqeMixed"/>) a 16-byte entry comes back with zero extra
    /// words. Named apart from <see cref="TryDequeue"/> so that <c>TryDequeue(out var c)</c> and <c>TryDequeue(out _)</c>
    /// compile. Available since Linux 5.19.</remarks>
    /// <exception cref="InvalidOperationException">The ring's entries are 16 bytes (neither <see cref="RingBuilder.SetupCqe32"/> nor <see cref="RingBuilder.SetupCqeMixed"/>).</exception>
    public bool TryDequeue32(out CompletionEntry32 entry)
    {
        ThrowIfDisposed();
        if (_mixed)
        {
            return TryDequeueMixed(out entry);
        }

        if (!_cqe32)
        {
            throw new InvalidOperationException("32-byte entries need a ring built with SetupCqe32() or SetupCqeMixed().");
        }

        uint head = _localHead;
        if (!HasEntry(head))
        {
            entry = default;
            return false;
        }

        entry = Unsafe.Read<CompletionEntry32>(Slot(head));
        Release(head + 1);
        return true;
    }

    /// <summary>Reads the next completion without taking it; false when none is waiting.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool TryPeek(out CompletionEntry entry)
    {
        ThrowIfDisposed();
        if (_mixed)
        {
            return TryPeekMixed(out entry);
        }

        uint head = _localHead;
        if (!HasEntry(head))
        {
            entry = default;
            return false;
        }

        entry = Unsafe.Read<CompletionEntry>(Slot(head));
        return true;
    }

    /// <summary>An enumerator that dequeues completions until the queue is empty (a struct: <c>foreach</c> does not allocate).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public Enumerator GetEnumerator()
    {
        ThrowIfDisposed();
        return new Enumerator(this);
    }

    /// <summary>Dequeues completions one by one; each <see cref="MoveNext"/> takes the next entry.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public struct Enumerator
    {
        private readonly CompletionQueue _queue;
        private CompletionEntry _current;

        internal Enumerator(CompletionQueue queue)
        {
            _queue = queue;
            _current = default;
        }

        /// <summary>The completion taken by the last <see cref="MoveNext"/>.</summary>
        /// <remarks>Available since Linux 5.1.</remarks>
        public readonly CompletionEntry Current => _current;

        /// <summary>Takes the next completion; false when the queue is empty.</summary>
        /// <remarks>Available since Linux 5.1.</remarks>
        public bool MoveNext() => _queue.TryDequeue(out _current);
    }

    /// <summary>Whether entries are 32 bytes (the ring was built with <see cref="RingBuilder.SetupCqe32"/>).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsCqe32
    {
        get
        {
            ThrowIfDisposed();
            return _cqe32;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Slot(uint index) => _cqes + ((nuint)(index & _mask) << _cqeShift);

    // Signed distances throughout: a head that ever got past the tail must read as "nothing waiting", never as four
    // billion entries.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool HasEntry(uint head)
    {
        if ((int)(_cachedTail - head) > 0)
        {
            return true;
        }

        // Acquire: CQE contents up to the tail are visible once we see the tail (io_uring(7): read barrier
        // after loading the tail).
        _cachedTail = Volatile.Read(ref *_tail);
        return (int)(_cachedTail - head) > 0
            || ((Volatile.Read(ref *_sqFlags) & IORING_SQ_CQ_OVERFLOW) != 0 && FlushedOverflow(head));
    }

    // The queue is empty but the kernel kept completions that did not fit (IORING_SQ_CQ_OVERFLOW): only io_uring_enter
    // with GETEVENTS moves them in. liburing's peek does the same (cq_ring_needs_flush), so a consumer that never
    // submits still gets them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool FlushedOverflow(uint head)
    {
        _ring.Submitter.FlushOverflowedCompletions();
        _cachedTail = Volatile.Read(ref *_tail);
        return (int)(_cachedTail - head) > 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Release(uint newHead)
    {
        _localHead = newHead;

        // Release: our reads of the consumed CQEs complete before the kernel may reuse their slots.
        Volatile.Write(ref *_head, newHead);
    }

    /// <summary>Stops the view from touching the ring's memory: every member throws <see cref="ObjectDisposedException"/> with <paramref name="reason"/>.</summary>
    internal void Retire(string reason) => _retirement.Retire(reason);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ThrowIfDisposed() => _retirement.ThrowIfRetired(nameof(CompletionQueue));
}
