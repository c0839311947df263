using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Receives a message from a socket, like <c>recvmsg(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.3.
/// <para><b>Safety:</b> the kernel reads the msghdr, its iovecs, name and control buffers (and for receives writes them) after submission: all must stay valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/recvmsg.2.html"/>
public unsafe struct RecvMsg
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.RecvMsg;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="message">The message header.</param>
    public RecvMsg(FileTarget fd, MsgHdr* message)
    {
        Fd = fd;
        Message = message;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>The message header.</summary>
    public MsgHdr* Message { get; set; }

    /// <summary>io_uring recv flags (IORING_RECVSEND_POLL_FIRST...).</summary>
    public ushort IoPrio { get; set; }

    /// <summary>MSG_* flags.</summary>
    public uint Flags { get; set; }

    /// <summary>When set, the payload goes to a buffer from this provided-buffer group.</summary>
    public ushort? BufferGroup { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.Message(Code, Fd, Message, IoPrio, Flags);
        EntryStart.SelectBuffer(ref entry, BufferGroup);
        return entry;
    }
}
