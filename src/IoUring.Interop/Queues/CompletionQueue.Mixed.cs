using System;
using System.Runtime.CompilerServices;
using System.Threading;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

// The reads of a ring built with IORING_SETUP_CQE_MIXED. Its queue is an array of 16-byte slots: an entry with
// IORING_CQE_F_32 fills two neighbouring slots (big_cqe in the second), and an entry with IORING_CQE_F_SKIP is
// padding the kernel posts when a 32-byte entry would otherwise straddle the ring's end (io_uring.h, "IORING_CQE_F_SKIP";
// the kernel's io_fill_nop_cqe). Padding is consumed here and never shown to the caller, as liburing's
// __io_uring_peek_cqe does; a big entry is consumed whole (liburing's io_uring_cqe_nr).
//
// Linux 6.18 can overfill a full mixed queue: when a big entry meets the ring's last slot with no room, the kernel
// counts a padding slot, overflows the big entry, and writes the next small entry over that padding; its tail then
// runs one slot ahead of what it wrote, and that slot (head + entries, which aliases the entry at head) still holds a
// stale, already consumed entry. So the reader (1) marks every slot it consumes as padding before handing it back,
// which turns such a phantom slot into padding it skips; (2) compares head and tail as signed distances; (3) takes a
// 32-byte entry only once both its slots are published; and (4) never walks more than the queue's slots.
public sealed unsafe partial class CompletionQueue
{
    /// <summary>Whether entries may be 16 or 32 bytes (the ring was built with <see cref="RingBuilder.SetupCqeMixed"/>).</summary>
    /// <remarks>Available since Linux 6.18.</remarks>
    public bool IsCqeMixed
    {
        get
        {
            ThrowIfDisposed();
            return _mixed;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryDequeueMixed(out CompletionEntry entry)
    {
        uint head = _localHead;
        if (!NextMixed(ref head, out byte* slot, out uint slots))
        {
            ReleaseIfMoved(head);
            entry = default;
            return false;
        }

        entry = Unsafe.Read<CompletionEntry>(slot);
        MarkConsumed(slot);
        Release(head + slots);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryDequeueMixed(out CompletionEntry32 entry)
    {
        uint head = _localHead;
        if (!NextMixed(ref head, out byte* slot, out uint slots))
        {
            ReleaseIfMoved(head);
            entry = default;
            return false;
        }

        entry = ReadMixed(slot, slots);
        MarkConsumed(slot);
        Release(head + slots);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryPeekMixed(out CompletionEntry entry)
    {
        uint head = _localHead;
        bool found = NextMixed(ref head, out byte* slot, out _);

        // Padding before the entry is consumed even by a peek, so the next dequeue starts at the entry.
        ReleaseIfMoved(head);
        entry = found ? Unsafe.Read<CompletionEntry>(slot) : default;
        return found;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FillMixed(Span<CompletionEntry> destination)
    {
        uint head = _localHead;
        int count = 0;
        while (count < destination.Length && NextMixed(ref head, out byte* slot, out uint slots))
        {
            destination[count++] = Unsafe.Read<CompletionEntry>(slot);
            MarkConsumed(slot);
            head += slots;
        }

        // One release store for the whole batch, padding included.
        ReleaseIfMoved(head);
        return count;
    }

    // Entries (not slots) between our head and the tail _cachedTail was just loaded with: a walk, since only the
    // flags tell an entry's size.
    private int CountMixed()
    {
        uint head = _localHead;
        uint end = (int)(_cachedTail - head) > (int)_entries ? head + _entries : _cachedTail;
        int count = 0;
        while ((int)(end - head) > 0)
        {
            uint flags = ((io_uring_cqe*)Slot(head))->flags;
            if ((flags & IORING_CQE_F_SKIP) != 0)
            {
                head++;
                continue;
            }

            uint slots = (flags & IORING_CQE_F_32) != 0 ? 2u : 1u;
            if ((int)(end - head) < (int)slots)
            {
                break;
            }

            head += slots;
            count++;
        }

        return count;
    }

    // Moves head past padding to the next real entry; false when none is waiting (head then points past any padding
    // that was waiting). A 32-byte entry is taken only when both its slots are below the tail.
    private bool NextMixed(ref uint head, out byte* slot, out uint slots)
    {
        while (HasEntry(head))
        {
            slot = Slot(head);
            uint flags = ((io_uring_cqe*)slot)->flags;
            if ((flags & IORING_CQE_F_SKIP) != 0)
            {
                head++;
                continue;
            }

            slots = (flags & IORING_CQE_F_32) != 0 ? 2u : 1u;
            if (slots == 2 && (int)(_cachedTail - head) < 2)
            {
                // Acquire, as in HasEntry: the second slot's contents are visible once the tail covers it.
                _cachedTail = Volatile.Read(ref *_tail);
                if ((int)(_cachedTail - head) < 2)
                {
                    break;
                }
            }

            return true;
        }

        slot = null;
        slots = 0;
        return false;
    }

    // The phantom-slot guard (see the top of this file): a consumed slot reads as padding if the kernel ever publishes
    // it again. The kernel writes a slot only after it sees our head move past it, which the release store orders after
    // this write.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MarkConsumed(byte* slot) => ((io_uring_cqe*)slot)->flags = IORING_CQE_F_SKIP;

    private static CompletionEntry32 ReadMixed(byte* slot, uint slots) =>
        slots == 2 ? Unsafe.Read<CompletionEntry32>(slot) : new CompletionEntry32(*(io_uring_cqe*)slot);

    private void ReleaseIfMoved(uint head)
    {
        if (head != _localHead)
        {
            Release(head);
        }
    }
}
