using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Control.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct UringCmd16
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.cmd_op = CommandOp;
        UringCmdData16 command = Command;
        ((System.ReadOnlySpan<byte>)command).CopyTo(sqe.cmd(16));
        EntryStart.CommandBuffer(ref sqe, BufferIndex);
        return entry;
    }
}
