using System;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>Owns the ring's file descriptor (or registered ring index) and the memory its queues live in.</summary>
/// <remarks>Releasing unmaps the queue memory before closing the fd, the order liburing and the Rust crate keep
/// (the mappings hold their own reference on the ring file, so closing first would only delay the teardown).
/// Invalid only at -1: fd 0 is a valid ring.</remarks>
internal sealed unsafe class RingHandle : SafeHandle
{
    private readonly Region[] _regions = new Region[3];
    private int _regionCount;

    public RingHandle()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    /// <summary>Whether the handle is an index into the registered ring table (IORING_SETUP_REGISTERED_FD_ONLY) rather than an fd.</summary>
    internal bool IsRegisteredIndex { get; private set; }

    public override bool IsInvalid => handle == -1;

    internal int Value => (int)handle;

    internal void SetFd(int fd, bool isRegisteredIndex)
    {
        SetHandle(fd);
        IsRegisteredIndex = isRegisteredIndex;
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

    protected override bool ReleaseHandle()
    {
        ReleaseRegions();
        if (IsRegisteredIndex)
        {
            // A ring created with REGISTERED_FD_ONLY has no fd: it lives until its registered index is
            // unregistered (io_uring_register(2), IORING_UNREGISTER_RING_FDS). The table is per thread, so this
            // only succeeds on the thread that created the ring.
            io_uring_rsrc_update update = default;
            update.offset = (uint)handle;
            uint opcode = (uint)io_uring_register_op.IORING_UNREGISTER_RING_FDS | (uint)io_uring_register_op.IORING_REGISTER_USE_REGISTERED_RING;
            return Syscalls.io_uring_register((int)handle, opcode, &update, 1) >= 0;
        }

        return Libc.close((int)handle) == 0;
    }

    private readonly record struct Region(nint Address, nuint Length);
}
