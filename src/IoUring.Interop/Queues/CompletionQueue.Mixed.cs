using System;
using System.Runtime.CompilerServices;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

// The reads of a ring built with IORING_SETUP_CQE_MIXED. Its queue is an array of 16-byte slots: an entry with
// IORING_CQE_F_32 fills two neighbouring slots (big_cqe in the second), and an entry with IORING_CQE_F_SKIP is
// padding the kernel posts when a 32-byte entry would otherwise straddle the ring's end (io_uring.h, "IORING_CQE_F_SKIP";
// the kernel's io_fill_nop_cqe). Padding is consumed here and never shown to the caller, as liburing's
// __io_uring_peek_cqe does; a big entry is consumed whole (liburing's io_uring_cqe_nr).
public sealed unsafe partial class CompletionQueue
{
    /// <summary>Whether entries may be 16 or 32 bytes (the ring was built with <see cref="RingBuilder.SetupCqeMixed"/>).</summary>
    /// <remarks>Available since Linux 6.18.</remarks>
    public bool IsCqeMixed => _mixed;

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
        uint tail = _cachedTail;
        int count = 0;
        while (head != tail)
        {
            uint flags = ((io_uring_cqe*)Slot(head))->flags;
            head += (flags & IORING_CQE_F_32) != 0 ? 2u : 1u;
            if ((flags & IORING_CQE_F_SKIP) == 0)
            {
                count++;
            }
        }

        return count;
    }

    // Moves head past padding to the next real entry; false when none is waiting (head then points past any padding
    // that was waiting). The kernel publishes a 32-byte entry's two slots with one tail store, so a visible F_32
    // entry is always whole.
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
            return true;
        }

        slot = null;
        slots = 0;
        return false;
    }

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
