using System;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests.Native;

/// <summary>The generated fixed-buffer register methods against the running kernel.</summary>
public sealed unsafe class RegisterBuffersTests
{
    private static iovec Vec(PageMemory memory, int offset, int length)
        => new() { iov_base = memory.Pointer + offset, iov_len = (nuint)length };

    [Fact]
    public void RegisterBuffers_then_unregister()
    {
        using NativeRing ring = NativeRing.Create();
        using var memory = new PageMemory(2);

        Syscalls.RegisterBuffers(ring.Fd, [Vec(memory, 0, 4096), Vec(memory, 4096, 4096)]).Should().Be(0);
        Syscalls.RegisterBuffers(ring.Fd, [Vec(memory, 0, 4096)]).Should().Be(-Errno.EBUSY);
        Syscalls.UnregisterBuffers(ring.Fd).Should().Be(0);
        Syscalls.UnregisterBuffers(ring.Fd).Should().Be(-Errno.ENXIO);
    }

    [Fact]
    public void RegisterBuffers2_with_tags_then_update()
    {
        using NativeRing ring = NativeRing.Create();
        using var memory = new PageMemory(2);
        iovec* vecs = stackalloc iovec[] { Vec(memory, 0, 4096), Vec(memory, 4096, 4096) };
        ulong* tags = stackalloc ulong[] { 1, 2 };

        io_uring_rsrc_register register = default;
        register.nr = 2;
        register.data = (ulong)vecs;
        register.tags = (ulong)tags;
        Syscalls.RegisterBuffers2(ring.Fd, register).Should().Be(0);

        io_uring_rsrc_update2 update = default;
        update.offset = 1;
        update.data = (ulong)vecs;
        update.tags = (ulong)(tags + 1);
        update.nr = 1;
        Syscalls.RegisterBuffersUpdate(ring.Fd, update).Should().Be(1);
    }

    [Fact]
    public void RegisterCloneBuffers_copies_the_table_of_another_ring()
    {
        using NativeRing source = NativeRing.Create();
        using NativeRing target = NativeRing.Create();
        using var memory = new PageMemory(1);
        Syscalls.RegisterBuffers(source.Fd, [Vec(memory, 0, 4096)]).Should().Be(0);

        io_uring_clone_buffers clone = default;
        clone.src_fd = (uint)source.Fd;
        int result = Syscalls.RegisterCloneBuffers(target.Fd, clone);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_CLONE_BUFFERS", "6.12");

        result.Should().Be(0);
        Syscalls.RegisterCloneBuffers(target.Fd, clone).Should().Be(-Errno.EBUSY, "the target already has buffers");
        Syscalls.UnregisterBuffers(target.Fd).Should().Be(0);
    }
}
