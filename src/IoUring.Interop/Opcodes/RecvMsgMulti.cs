using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Multishot <c>recvmsg(2)</c>: one completion per message, each in a provided buffer laid out as RecvMsgOut parses it.</summary>
/// <remarks>
/// Available since Linux 6.0.
/// <para><b>Safety:</b> the template msghdr must stay valid until the request ends (a completion without CqeFlags.More).</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_recvmsg_multishot.3.html"/>
public unsafe struct RecvMsgMulti
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.RecvMsg;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="message">Template header: only its name and control lengths are read (they size the areas in each buffer).</param>
    /// <param name="bufferGroup">Provided-buffer group.</param>
    public RecvMsgMulti(FileTarget fd, MsgHdr* message, ushort bufferGroup)
    {
        Fd = fd;
        Message = message;
        BufferGroup = bufferGroup;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Template header: only its name and control lengths are read (they size the areas in each buffer).</summary>
    public MsgHdr* Message { get; set; }

    /// <summary>Provided-buffer group.</summary>
    public ushort BufferGroup { get; set; }

    /// <summary>Further io_uring recv flags.</summary>
    public ushort IoPrio { get; set; }

    /// <summary>MSG_* flags.</summary>
    public uint Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.Message(Code, Fd, Message, (ushort)(IoPrio | IORING_RECV_MULTISHOT), Flags);
        EntryStart.SelectBuffer(ref entry, BufferGroup);
        return entry;
    }
}
