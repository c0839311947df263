using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Socket command getsockopt: like <c>getsockopt(2)</c>, the result is the option length.</summary>
/// <remarks>
/// Available since Linux 6.7.
/// Only SOL_SOCKET options (the kernel answers EOPNOTSUPP for other levels).
/// <para><b>Safety:</b> the kernel reads (or writes) the option value after submission.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_cmd_sock.3.html"/>
public unsafe struct GetSockOpt
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.UringCmd;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="level">SOL_SOCKET (1).</param>
    /// <param name="optionName">SO_* option.</param>
    /// <param name="value">Receives the value.</param>
    /// <param name="length">Size of the value buffer.</param>
    public GetSockOpt(FileTarget fd, int level, int optionName, void* value, int length)
    {
        Fd = fd;
        Level = level;
        OptionName = optionName;
        Value = value;
        Length = length;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>SOL_SOCKET (1).</summary>
    public int Level { get; set; }

    /// <summary>SO_* option.</summary>
    public int OptionName { get; set; }

    /// <summary>Receives the value.</summary>
    public void* Value { get; set; }

    /// <summary>Size of the value buffer.</summary>
    public int Length { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.SocketOption(Code, Fd, io_uring_socket_op.SOCKET_URING_OP_GETSOCKOPT, Level, OptionName, Value, Length);
}
