using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>A file-specific command with 16 bytes of inline data, akin to <c>ioctl(2)</c>, for 64-byte entries.</summary>
/// <remarks>
/// Available since Linux 5.19.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_uring_cmd.3.html"/>
public struct UringCmd16
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.UringCmd;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file (raw fd or registered index); the driver or socket decides what the command means.</param>
    /// <param name="commandOp">The driver's command code (sqe->cmd_op).</param>
    public UringCmd16(FileTarget fd, uint commandOp)
    {
        Fd = fd;
        CommandOp = commandOp;
    }

    /// <summary>Target file (raw fd or registered index); the driver or socket decides what the command means.</summary>
    public FileTarget Fd { get; set; }

    /// <summary>The driver's command code (sqe->cmd_op).</summary>
    public uint CommandOp { get; set; }

    /// <summary>The 16 command bytes.</summary>
    public UringCmdData16 Command { get; set; }

    /// <summary>Registered buffer the command uses (IORING_URING_CMD_FIXED).</summary>
    public ushort? BufferIndex { get; set; }

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
