using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>A file-specific command with 80 bytes of inline data, for rings set up with SQE128.</summary>
/// <remarks>
/// Available since Linux 5.19.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_uring_cmd.3.html"/>
public struct UringCmd80
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.UringCmd;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file (raw fd or registered index); the driver or socket decides what the command means.</param>
    /// <param name="commandOp">The driver's command code (sqe->cmd_op).</param>
    public UringCmd80(FileTarget fd, uint commandOp)
    {
        Fd = fd;
        CommandOp = commandOp;
    }

    /// <summary>Target file (raw fd or registered index); the driver or socket decides what the command means.</summary>
    public FileTarget Fd { get; set; }

    /// <summary>The driver's command code (sqe->cmd_op).</summary>
    public uint CommandOp { get; set; }

    /// <summary>The 80 command bytes.</summary>
    public UringCmdData80 Command { get; set; }

    /// <summary>Registered buffer the command uses (IORING_URING_CMD_FIXED).</summary>
    public ushort? BufferIndex { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry128 Build()
        => EntryStart.Command80(Code, Fd, CommandOp, Command, BufferIndex);
}
