using System;
using System.Collections.Generic;
using System.Threading;
using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>The calling thread's registered-ring table as the library sees it: one object per thread, so a registration
/// remembers its owner by reference, plus the slots other threads had to leave to the owner.</summary>
/// <remarks>The kernel keeps registered ring fds per task (io_uring/tctx.c, <c>registered_rings</c>): the same slot
/// number names a different ring, or nothing, on every thread, and only the owning thread can unregister its slots.
/// So a ring disposed on another thread, or finalized, cannot release its slot; it queues the slot here and the owner
/// releases it on its next ring creation, <see cref="Submitter.RegisterRingFd"/> or <see cref="Ring.Dispose"/>. Until
/// then (or until the owner thread exits, when the kernel drops the whole table) the slot keeps the kernel ring alive.
/// The object, unlike a thread id, is never reused by a later thread.</remarks>
internal sealed unsafe class RegisteredRingTable
{
    [ThreadStatic]
    private static RegisteredRingTable? t_current;

    private readonly List<int> _left = [];
    private volatile int _leftCount;

    private RegisteredRingTable(int threadId) => ThreadId = threadId;

    /// <summary>The calling thread's table, created on first use.</summary>
    internal static RegisteredRingTable Current => t_current ??= new RegisteredRingTable(Environment.CurrentManagedThreadId);

    /// <summary>The managed id of the owning thread (for messages only: ids are reused after a thread exits).</summary>
    internal int ThreadId { get; }

    /// <summary>Whether the calling thread owns this table.</summary>
    internal bool IsCurrent => ReferenceEquals(t_current, this);

    /// <summary>Releases <paramref name="slot"/> now when called on the owning thread; otherwise leaves it for the owner.</summary>
    /// <remarks>Safe on any thread, the finalizer thread included.</remarks>
    internal void Release(int slot)
    {
        if (IsCurrent)
        {
            _ = Unregister(slot);
            return;
        }

        lock (_left)
        {
            _left.Add(slot);
            _leftCount = _left.Count;
        }
    }

    /// <summary>On the calling thread, releases the slots other threads left to it (nothing to do on most calls).</summary>
    internal static void ReleaseLeftSlots()
    {
        RegisteredRingTable? table = t_current;
        if (table is null || table._leftCount == 0)
        {
            return;
        }

        lock (table._left)
        {
            foreach (int slot in table._left)
            {
                _ = Unregister(slot);
            }

            table._left.Clear();
            table._leftCount = 0;
        }
    }

    // IORING_UNREGISTER_RING_FDS through the slot itself (IORING_REGISTER_USE_REGISTERED_RING), so it works for rings
    // that have no fd (REGISTERED_FD_ONLY) or whose fd is already closed.
    private static int Unregister(int slot)
    {
        io_uring_rsrc_update update = default;
        update.offset = (uint)slot;
        const uint opcode = (uint)io_uring_register_op.IORING_UNREGISTER_RING_FDS | (uint)io_uring_register_op.IORING_REGISTER_USE_REGISTERED_RING;
        return Syscalls.io_uring_register(slot, opcode, &update, 1);
    }
}
