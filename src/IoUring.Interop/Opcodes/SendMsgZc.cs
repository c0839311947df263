using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Zero-copy <c>sendmsg(2)</c>: completes once with the result (CqeFlags.More set), then posts a notification (CqeFlags.Notif) when the kernel no longer needs the buffers.</summary>
/// <remarks>
/// Available since Linux 6.1.
/// <para><b>Safety:</b> the data buffers must stay untouched until the notification completion, not only the first one; the kernel reads the msghdr, its iovecs, name and control buffers (and for receives writes them) after submission: all must stay valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_sendmsg_zc.3.html"/>
public unsafe struct SendMsgZc
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.SendMsgZc;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="message">The message header.</param>
    public SendMsgZc(FileTarget fd, MsgHdr* message)
    {
        Fd = fd;
        Message = message;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>The message header.</summary>
    public MsgHdr* Message { get; set; }

    /// <summary>io_uring send flags (IORING_RECVSEND_POLL_FIRST, IORING_SEND_ZC_REPORT_USAGE...).</summary>
    public ushort IoPrio { get; set; }

    /// <summary>MSG_* flags.</summary>
    public uint Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.Message(Code, Fd, Message, IoPrio, Flags);
}
