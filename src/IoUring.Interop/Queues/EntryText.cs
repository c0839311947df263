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

    internal static string Describe(in io_uring_cqe cqe, string typeName)
    {
        string result = cqe.res < 0
            ? string.Create(CultureInfo.InvariantCulture, $"{cqe.res} ({ErrnoExtensions.FromResult(cqe.res).Name()})")
            : cqe.res.ToString(CultureInfo.InvariantCulture);
        // The upper 16 bits of the flags are the selected buffer's id (IORING_CQE_BUFFER_SHIFT), not flags.
        string buffer = CompletionFlags.BufferId(cqe.flags) is ushort id ? string.Create(CultureInfo.InvariantCulture, $", BufferId = {id}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{typeName} {{ Result = {result}, UserData = 0x{cqe.user_data:x}, Flags = {(CqeFlags)(cqe.flags & 0xFFFF)}{buffer} }}");
    }
}
