using System.Collections.Generic;
using IoUring.Interop;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Samples.Probe;

/// <summary>io_uring_register(2) IORING_REGISTER_PROBE: which opcodes this kernel implements.</summary>
internal static unsafe class OpcodeProbe
{
    // ops_len is a __u8 in struct io_uring_probe, so 256 entries cover every opcode the kernel can report.
    private const int MaxOps = 256;

    public static IReadOnlySet<io_uring_op> Supported(Ring ring)
    {
        int size = sizeof(io_uring_probe) + MaxOps * sizeof(io_uring_probe_op);
        byte* buffer = stackalloc byte[size];
        new System.Span<byte>(buffer, size).Clear();
        var probe = (io_uring_probe*)buffer;
        int result = Syscalls.io_uring_register(ring.Fd, (uint)io_uring_register_op.IORING_REGISTER_PROBE, probe, MaxOps);
        if (result < 0)
        {
            throw new IoUringException(-result, "io_uring_register(IORING_REGISTER_PROBE)");
        }

        var supported = new HashSet<io_uring_op>();
        var ops = (io_uring_probe_op*)(buffer + sizeof(io_uring_probe));
        for (int i = 0; i < probe->ops_len && i <= probe->last_op; i++)
        {
            if ((ops[i].flags & IO_URING_OP_SUPPORTED) != 0)
            {
                supported.Add((io_uring_op)ops[i].op);
            }
        }

        return supported;
    }
}
