using System;
using System.Globalization;
using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>Debugger and log text for entries (never on the hot path).</summary>
internal static class EntryText
{
    internal static string Describe(in io_uring_sqe sqe)
    {
        string opcode = Enum.IsDefined((io_uring_op)sqe.opcode) ? ((io_uring_op)sqe.opcode).ToString() : sqe.opcode.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"SubmissionEntry {{ Opcode = {opcode}, Fd = {sqe.fd}, Flags = 0x{sqe.flags:x}, UserData = 0x{sqe.user_data:x} }}");
    }

    internal static string Describe(in io_uring_cqe cqe, string typeName) =>
        string.Create(CultureInfo.InvariantCulture, $"{typeName} {{ Result = {cqe.res}, UserData = 0x{cqe.user_data:x}, Flags = 0x{cqe.flags:x} }}");
}
