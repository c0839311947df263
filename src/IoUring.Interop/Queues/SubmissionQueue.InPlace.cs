using System;
using System.Runtime.CompilerServices;

namespace IoUring.Interop;

// In-place preparation, liburing's io_uring_get_sqe + io_uring_prep_*: the caller writes the entry straight into its ring
// slot instead of building 64 bytes on the stack and copying them. A reserved slot is counted in our local tail only; the
// shared tail moves at the next submit (PendingForKernel), Sync or push, after the caller has written the entry — the
// release store that hands entries to the kernel must follow their bytes (io_uring(7), "write barrier ... before updating
// the tail"), and one store per batch is what liburing's __io_uring_flush_sq does too.
public sealed unsafe partial class SubmissionQueue
{
    /// <summary>Reserves the next free slot, zeroed, for the caller to fill in place; false when the queue is full.</summary>
    /// <remarks>The entry reaches the kernel at the next submit (or <see cref="Sync"/>, or push): fill it before then and
    /// before reserving the next slot. On a 128-byte-entry ring the whole slot is zeroed; on a mixed ring the entry takes
    /// one 64-byte slot. The kernel's head is reloaded only when the queue looks full, so this costs no shared-memory
    /// traffic. Available since Linux 5.1.
    /// <b>Safety:</b> buffers and addresses the entry points to must stay valid until its completion arrives, and the slot
    /// must not be used after the submit that hands it over.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_get_sqe.3.html"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetNext(out SubmissionSlot slot)
    {
        ThrowIfDisposed();
        uint tail = _localTail;
        if (!HasRoom(tail, 1))
        {
            slot = default;
            return false;
        }

        byte* address = _sqes + ((nuint)(tail & _mask) << _sqeShift);
        ZeroSlot(address, IsSqe128);
        _localTail = tail + 1;
        slot = new SubmissionSlot(ref Unsafe.AsRef<SubmissionEntry>(address));
        return true;
    }

    /// <summary>Reserves room for a 128-byte entry, zeroed, for the caller to fill in place; false when the queue is full.</summary>
    /// <remarks>On a mixed ring (<see cref="RingBuilder.SetupSqeMixed"/>) the entry takes two slots, after a silent padding
    /// NOP when only the ring's last slot is left before the end (liburing's <c>io_uring_get_sqe128</c>); set a 128-byte
    /// opcode there. Published as <see cref="TryGetNext(out SubmissionSlot)"/> is. Available since Linux 5.19.
    /// <b>Safety:</b> as for <see cref="TryGetNext(out SubmissionSlot)"/>.</remarks>
    /// <exception cref="InvalidOperationException">The ring's entries are 64 bytes (neither <see cref="RingBuilder.SetupSqe128"/> nor <see cref="RingBuilder.SetupSqeMixed"/>).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_get_sqe.3.html"/>
    public bool TryGetNext(out SubmissionSlot128 slot)
    {
        ThrowIfDisposed();
        uint tail = _localTail;
        uint slots = 1;
        if (!IsSqe128)
        {
            RequireMixed();
            slots = SlotsFor(tail);
        }

        if (!HasRoom(tail, slots))
        {
            slot = default;
            return false;
        }

        if (slots == 3)
        {
            Write(tail, Padding(tail));
            tail++;
        }

        byte* address = _sqes + ((nuint)(tail & _mask) << _sqeShift);
        ZeroSlot(address, wide: true);
        _localTail = tail + (IsSqe128 ? 1u : 2u);
        slot = new SubmissionSlot128(ref Unsafe.AsRef<SubmissionEntry128>(address));
        return true;
    }

    // Constant sizes, so the JIT unrolls each into a few vector stores.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ZeroSlot(byte* address, bool wide)
    {
        if (wide)
        {
            Unsafe.InitBlockUnaligned(address, 0, 128);
        }
        else
        {
            Unsafe.InitBlockUnaligned(address, 0, 64);
        }
    }
}
