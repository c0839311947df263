using System;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Asks the kernel what its io_uring supports (opcode counts and the valid feature, setup, enter and SQE flags); needs no ring.</summary>
    /// <remarks>Available since Linux 6.18.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_register.2.html"/>
    public static unsafe QueryOpcodes Query()
    {
        io_uring_query_opcode opcodes = default;
        QueryRaw((uint)IO_URING_QUERY_OPCODES, new Span<byte>(&opcodes, sizeof(io_uring_query_opcode)));
        return new QueryOpcodes(opcodes);
    }

    /// <summary>Runs one IORING_REGISTER_QUERY request of kind <paramref name="queryOp"/> (IO_URING_QUERY_*) into <paramref name="data"/> and returns how many bytes the kernel filled.</summary>
    /// <remarks>
    /// <para>The system call names no ring (fd -1). A query the kernel does not know fails with EOPNOTSUPP.</para>
    /// <para>Available since Linux 6.18.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_register.2.html"/>
    public static unsafe int QueryRaw(uint queryOp, Span<byte> data)
    {
        if (data.IsEmpty)
            throw new ArgumentException("The query needs room for its answer.", nameof(data));
        fixed (byte* buffer = data)
        {
            var header = new io_uring_query_hdr { query_data = (ulong)buffer, query_op = queryOp, size = (uint)data.Length };
            int result;
            do result = Syscalls.RegisterQuery(-1, ref header); while (result == Interrupted);
            Checked(result, nameof(io_uring_register_op.IORING_REGISTER_QUERY));
            // The system call reports how many headers it walked; each header carries its own result.
            Checked(header.result, $"{nameof(io_uring_register_op.IORING_REGISTER_QUERY)}({queryOp})");
            return (int)header.size;
        }
    }
}
