using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Multishot recv: one completion per chunk received, each in a buffer from the group, while CqeFlags.More is set.</summary>
/// <remarks>
/// Available since Linux 6.0.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_recv_multishot.3.html"/>
public struct RecvMulti
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Recv;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="bufferGroup">Provided-buffer group.</param>
    public RecvMulti(FileTarget fd, ushort bufferGroup)
    {
        Fd = fd;
        BufferGroup = bufferGroup;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Provided-buffer group.</summary>
    public ushort BufferGroup { get; set; }

    /// <summary>MSG_* flags.</summary>
    public int Flags { get; set; }

    /// <summary>Most bytes per completion; 0 means the whole buffer(s).</summary>
    public uint Length { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.SelectedTransfer(Code, Fd, Length, Flags, IORING_RECV_MULTISHOT, BufferGroup);
}
