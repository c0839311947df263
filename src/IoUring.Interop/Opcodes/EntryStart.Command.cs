using System;
using System.Runtime.CompilerServices;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

internal static unsafe partial class EntryStart
{
    /// <summary>The one encoding of the 80-byte URING_CMD forms (URING_CMD on an SQE128 ring, URING_CMD128 on an SQE_MIXED ring): command op, 80 bytes of command data in the big entry, optional registered buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry128 Command80(Opcode op, FileTarget fd, uint commandOp, UringCmdData80 command, ushort? bufferIndex)
    {
        SubmissionEntry128 entry = New(op, fd);
        entry.Native.cmd_op = commandOp;
        ((ReadOnlySpan<byte>)command).CopyTo(entry.Command);
        CommandBuffer(ref entry.Native, bufferIndex);
        return entry;
    }

    /// <summary>Makes a URING_CMD use registered buffer <paramref name="bufferIndex"/> when one is given (IORING_URING_CMD_FIXED).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CommandBuffer(ref io_uring_sqe sqe, ushort? bufferIndex)
    {
        if (bufferIndex is ushort index)
        {
            sqe.uring_cmd_flags |= IORING_URING_CMD_FIXED;
            sqe.buf_index = index;
        }
    }

    /// <summary>The one encoding of FUTEX_WAIT and FUTEX_WAKE: the futex2 flags travel in sqe->fd, the futex address in addr, the value (wait) or count (wake) in addr2, the bitset in addr3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry Futex(Opcode op, uint* futex, ulong valueOrCount, ulong mask, uint futexFlags, uint flags)
    {
        SubmissionEntry entry = New(op, (int)futexFlags);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)futex;
        sqe.addr2 = valueOrCount;
        sqe.addr3 = mask;
        sqe.futex_flags = flags;
        return entry;
    }
}
