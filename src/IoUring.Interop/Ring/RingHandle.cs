using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>Owns the ring's file descriptor (or registered ring index) and the memory its queues live in.</summary>
/// <remarks>Releasing unmaps the queue memory before closing the fd, the order liburing and the Rust crate keep
/// (the mappings hold their own reference on the ring file, so closing first would only delay the teardown).
/// Invalid only at -1: fd 0 is a valid ring.
/// The handle also owns the ring's slot in a thread's registered-ring table (<see cref="RegisteredRingTable"/>):
/// released on the owning thread it is unregistered at once; released on another thread, or by the finalizer, the
/// slot is left to the owner, which cannot be reached from here.</remarks>
internal sealed unsafe class RingHandle : SafeHandle
{
    private readonly Region[] _regions = new Region[3];
    private int _regionCount;

    // The registered-ring slot and the table (thread) it lives in; -1 and null when the ring is not registered.
    private int _slot = -1;
    private RegisteredRingTable? _table;

    public RingHandle()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    /// <summary>Whether the handle is an index into the registered ring table (IORING_SETUP_REGISTERED_FD_ONLY) rather than an fd.</summary>
    internal bool IsRegisteredIndex { get; private set; }

    public override bool IsInvalid => handle == -1;

    internal int Value => (int)handle;

    /// <summary>Whether the ring has a slot in some thread's registered-ring table.</summary>
    internal bool IsRegistered => _slot >= 0;

    /// <summary>The registered slot, or -1.</summary>
    internal int Slot => _slot;

    /// <summary>The managed id of the thread whose table holds the slot.</summary>
    internal int OwnerThreadId => _table?.ThreadId ?? -1;

    /// <summary>Whether the calling thread's table holds the ring's slot, so calls may name the ring by it.</summary>
    internal bool IsRegisteredHere => _slot >= 0 && _table!.IsCurrent;

    /// <summary>What to pass as the fd of io_uring_enter/io_uring_register on the calling thread: the slot on the owning
    /// thread, the fd elsewhere.</summary>
    /// <exception cref="InvalidOperationException">The ring has no fd (REGISTERED_FD_ONLY) and this is not its thread.</exception>
    internal int TargetFd
    {
        get
        {
            if (_slot >= 0 && _table!.IsCurrent)
            {
                return _slot;
            }

            if (IsRegisteredIndex)
            {
                ThrowForeignThread();
            }

            return (int)handle;
        }
    }

    internal void SetFd(int fd, bool isRegisteredIndex)
    {
        SetHandle(fd);
        IsRegisteredIndex = isRegisteredIndex;
        if (isRegisteredIndex)
        {
            // io_uring_setup registered the ring in the calling thread's table.
            Registered(fd);
        }
    }

    /// <summary>Records that the calling thread registered the ring at <paramref name="slot"/>.</summary>
    internal void Registered(int slot)
    {
        _table = RegisteredRingTable.Current;
        _slot = slot;
    }

    /// <summary>Records that the registration is gone (unregistered on its thread).</summary>
    internal void Unregistered()
    {
        _slot = -1;
        _table = null;
    }

    /// <summary>Records memory to release with the ring: <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    internal void AddRegion(void* address, nuint length) => _regions[_regionCount++] = new Region((nint)address, length);

    /// <summary>Unmaps the regions now (used when setup fails before an fd exists).</summary>
    internal void ReleaseRegions()
    {
        for (int i = _regionCount - 1; i >= 0; i--)
        {
            _ = Libc.munmap((void*)_regions[i].Address, _regions[i].Length);
        }

        _regionCount = 0;
    }

    /// <summary>Calls <paramref name="action"/> with each recorded region's address and length.</summary>
    internal void ForEachRegion(Action<nint, nuint> action)
    {
        for (int i = 0; i < _regionCount; i++)
        {
            action(_regions[i].Address, _regions[i].Length);
        }
    }

    // Runs once, from Dispose on any thread or from the finalizer thread. The NO_MMAP memory can go at once even while the
    // kernel ring lives on: the kernel pinned those pages at setup and holds them until the ring itself goes.
    protected override bool ReleaseHandle()
    {
        ReleaseRegions();
        if (_slot >= 0)
        {
            // A slot counts as a reference on the ring: the kernel ring lives until the owner releases it.
            _table!.Release(_slot);
            Unregistered();
        }

        // A REGISTERED_FD_ONLY ring has no fd: its slot was its only reference.
        return IsRegisteredIndex || Libc.close((int)handle) == 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowForeignThread() =>
        throw new InvalidOperationException($"The ring was created with IORING_SETUP_REGISTERED_FD_ONLY on thread {OwnerThreadId}: it has no file descriptor, and its registered index means another ring (or nothing) on thread {Environment.CurrentManagedThreadId}. Use it on the thread that created it.");

    private readonly record struct Region(nint Address, nuint Length);
}
