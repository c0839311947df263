using System;
using System.IO;
using FluentAssertions;
using IoUring.Interop.Native;
using Microsoft.Win32.SafeHandles;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests.Native;

/// <summary>The generated fixed-file register methods against the running kernel.</summary>
public sealed unsafe class RegisterFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("iouring-files-").FullName;
    private readonly SafeFileHandle _a;
    private readonly SafeFileHandle _b;

    public RegisterFilesTests()
    {
        _a = File.OpenHandle(Path.Combine(_dir, "a"), FileMode.Create, FileAccess.ReadWrite);
        _b = File.OpenHandle(Path.Combine(_dir, "b"), FileMode.Create, FileAccess.ReadWrite);
    }

    private int A => (int)_a.DangerousGetHandle();

    private int B => (int)_b.DangerousGetHandle();

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void RegisterFiles_then_update_with_skip_then_unregister()
    {
        using NativeRing ring = NativeRing.Create();

        Syscalls.RegisterFiles(ring.Fd, [A, -1, B]).Should().Be(0);
        Syscalls.RegisterFiles(ring.Fd, [A]).Should().Be(-Errno.EBUSY, "a table is already registered");

        // Slot 0 keeps A (IORING_REGISTER_FILES_SKIP), slot 1 becomes B: both entries count as processed.
        int* fds = stackalloc int[] { IORING_REGISTER_FILES_SKIP, B };
        io_uring_rsrc_update update = default;
        update.offset = 0;
        update.data = (ulong)fds;
        Syscalls.RegisterFilesUpdate(ring.Fd, update, 2).Should().Be(2);

        update.offset = 3; // past the table
        Syscalls.RegisterFilesUpdate(ring.Fd, update, 1).Should().Be(-Errno.EINVAL);

        Syscalls.UnregisterFiles(ring.Fd).Should().Be(0);
        Syscalls.UnregisterFiles(ring.Fd).Should().Be(-Errno.ENXIO, "nothing is registered any more");
    }

    [Fact]
    public void RegisterFiles2_sparse_then_update2_with_tags_then_alloc_range()
    {
        using NativeRing ring = NativeRing.Create();

        io_uring_rsrc_register sparse = default;
        sparse.nr = 8;
        sparse.flags = (uint)RsrcRegisterFlags.Sparse;
        Syscalls.RegisterFiles2(ring.Fd, sparse).Should().Be(0);

        int* fds = stackalloc int[] { A, B };
        ulong* tags = stackalloc ulong[] { 11, 12 };
        io_uring_rsrc_update2 update = default;
        update.offset = 4;
        update.data = (ulong)fds;
        update.tags = (ulong)tags;
        update.nr = 2;
        Syscalls.RegisterFilesUpdate2(ring.Fd, update).Should().Be(2);

        io_uring_file_index_range range = default;
        range.off = 0;
        range.len = 4;
        Syscalls.RegisterFileAllocRange(ring.Fd, range).Should().Be(0);
        range.len = 9; // beyond the 8 slots
        Syscalls.RegisterFileAllocRange(ring.Fd, range).Should().Be(-Errno.EINVAL);
    }

    [Fact]
    public void RegisterFiles_through_a_registered_ring_index()
    {
        using NativeRing ring = NativeRing.Create();
        Span<io_uring_rsrc_update> ringFds = stackalloc io_uring_rsrc_update[1];
        ringFds[0].offset = uint.MaxValue; // -1: any free slot
        ringFds[0].data = (ulong)ring.Fd;
        Syscalls.RegisterRingFds(ring.Fd, ringFds).Should().Be(1);
        int index = (int)ringFds[0].offset;
        index.Should().BeInRange(0, 15, "the kernel writes the chosen index back");

        Syscalls.RegisterFiles(index, [A], registeredRing: true).Should().Be(0);
        Syscalls.UnregisterFiles(index, registeredRing: true).Should().Be(0);

        ringFds[0].data = 0; // unregistering names the index only; the kernel refuses a non-zero data
        Syscalls.UnregisterRingFds(ring.Fd, ringFds).Should().Be(1);
        Syscalls.UnregisterFiles(index, registeredRing: true).Should().Be(-Errno.EBADF, "the index is free again");
    }
}
