using System;
using IoUring.Interop.Native;

namespace IoUring.Interop.Tests.Opcodes.Support;

/// <summary>
/// The registrations opcode tests need (files, sparse file table, buffers, personality), made with the raw
/// io_uring_register(2) call so these tests depend only on the opcode builders and the ring.
/// </summary>
internal static unsafe class OpcodeRegister
{
    public static void Files(Ring ring, params int[] fds)
    {
        fixed (int* p = fds)
        {
            Check(Syscalls.io_uring_register(ring.Fd, (uint)io_uring_register_op.IORING_REGISTER_FILES, p, (uint)fds.Length), "IORING_REGISTER_FILES");
        }
    }

    public static void SparseFiles(Ring ring, uint count)
    {
        io_uring_rsrc_register reg = default;
        reg.nr = count;
        reg.flags = Constants.IORING_RSRC_REGISTER_SPARSE;
        Check(Syscalls.io_uring_register(ring.Fd, (uint)io_uring_register_op.IORING_REGISTER_FILES2, &reg, (uint)sizeof(io_uring_rsrc_register)), "IORING_REGISTER_FILES2");
    }

    public static void Buffers(Ring ring, ReadOnlySpan<iovec> buffers)
    {
        fixed (iovec* p = buffers)
        {
            Check(Syscalls.io_uring_register(ring.Fd, (uint)io_uring_register_op.IORING_REGISTER_BUFFERS, p, (uint)buffers.Length), "IORING_REGISTER_BUFFERS");
        }
    }

    public static ushort Personality(Ring ring)
        => (ushort)Check(Syscalls.io_uring_register(ring.Fd, (uint)io_uring_register_op.IORING_REGISTER_PERSONALITY, null, 0), "IORING_REGISTER_PERSONALITY");

    private static int Check(int result, string what)
        => result >= 0 ? result : throw new InvalidOperationException($"{what} failed: {LinuxErrno.Name(-result)}");
}
