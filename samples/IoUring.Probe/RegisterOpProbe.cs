using System;
using System.Collections.Generic;
using System.Linq;
using IoUring.Interop.Native;

namespace IoUring.Samples.Probe;

/// <summary>Which io_uring_register(2) opcodes the kernel knows (there is no probe for them).</summary>
/// <remarks>
/// The syscall rejects an opcode at or past the kernel's IORING_REGISTER_LAST with EINVAL before it looks at
/// the fd (io_uring/register.c), so calling each opcode on a descriptor that is not open tells them apart: a
/// known opcode fails with EBADF, an unknown one with EINVAL. Nothing is registered.
/// (Linux 6.18's IORING_REGISTER_QUERY reports the same count, but only on kernels that have it.)
/// </remarks>
internal static unsafe class RegisterOpProbe
{
    private const int NotAnFd = int.MaxValue;
    private const int EBADF = 9;

    /// <summary>Every opcode of the header's enum, without the LAST marker and the USE_REGISTERED_RING modifier bit.</summary>
    public static IEnumerable<io_uring_register_op> HeaderOps() =>
        Enum.GetValues<io_uring_register_op>()
            .Where(op => (uint)op < (uint)io_uring_register_op.IORING_REGISTER_LAST)
            .Distinct();

    public static bool IsKnownToKernel(io_uring_register_op op) =>
        Syscalls.io_uring_register(NotAnFd, (uint)op, null, 0) == -EBADF;
}
