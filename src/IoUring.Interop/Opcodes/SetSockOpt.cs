using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Socket command setsockopt, like <c>setsockopt(2)</c>.</summary>
/// <remarks>
/// Available since Linux 6.7.
/// <para><b>Safety:</b> the kernel reads (or writes) the option value after submission.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_cmd_sock.3.html"/>
public unsafe struct SetSockOpt
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.UringCmd;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="level">Option level (SOL_SOCKET...).</param>
    /// <param name="optionName">Option name.</param>
    /// <param name="value">The value.</param>
    /// <param name="length">Its length.</param>
    public SetSockOpt(FileTarget fd, int level, int optionName, void* value, int length)
    {
        Fd = fd;
        Level = level;
        OptionName = optionName;
        Value = value;
        Length = length;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Option level (SOL_SOCKET...).</summary>
    public int Level { get; set; }

    /// <summary>Option name.</summary>
    public int OptionName { get; set; }

    /// <summary>The value.</summary>
    public void* Value { get; set; }

    /// <summary>Its length.</summary>
    public int Length { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.SocketOption(Code, Fd, io_uring_socket_op.SOCKET_URING_OP_SETSOCKOPT, Level, OptionName, Value, Length);
}
