using System;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Skips a test, with the reason, when the running kernel lacks what it needs.</summary>
public static unsafe class KernelSkip
{
    private const int ProbeOps = 256;

    /// <summary>Skips unless the kernel's probe (IORING_REGISTER_PROBE) lists <paramref name="opcode"/> as supported.</summary>
    public static void UnlessOpcode(Ring ring, Opcode opcode)
    {
        int bytes = sizeof(io_uring_probe) + ProbeOps * sizeof(io_uring_probe_op);
        byte* buffer = stackalloc byte[bytes];
        new Span<byte>(buffer, bytes).Clear();
        var probe = (io_uring_probe*)buffer;
        IfErrno(Syscalls.RegisterProbe(ring.FileDescriptor, probe, ProbeOps), "IORING_REGISTER_PROBE");
        int op = (int)opcode;
        bool supported = op < probe->ops_len && (probe->ops(probe->ops_len)[op].flags & Constants.IO_URING_OP_SUPPORTED) != 0;
        if (!supported)
        {
            Assert.Skip($"The kernel does not support {opcode} (probe).");
        }
    }

    /// <summary>Skips when <paramref name="result"/> is a negated errno meaning "not supported here" (EINVAL, EOPNOTSUPP, ENOSYS, EPERM).</summary>
    public static void IfErrno(int result, string what)
    {
        int errno = -result;
        if (result < 0 && errno is 1 or 22 or 38 or 95)
        {
            Assert.Skip($"{what} is not available on this kernel: {Name(errno)}.");
        }
    }

    /// <summary>Skips when <paramref name="exception"/> carries an errno meaning "not supported here".</summary>
    public static void IfUnsupported(IoUringException exception, string what) => IfErrno(-exception.Errno, what);

    /// <summary>Skips unless the ring reports <paramref name="present"/> for a feature.</summary>
    public static void UnlessFeature(bool present, string feature)
    {
        if (!present)
        {
            Assert.Skip($"The kernel lacks {feature}.");
        }
    }

    private static string Name(int errno) => errno switch
    {
        1 => "EPERM",
        22 => "EINVAL",
        38 => "ENOSYS",
        95 => "EOPNOTSUPP",
        _ => Marshal.GetPInvokeErrorMessage(errno),
    };
}
