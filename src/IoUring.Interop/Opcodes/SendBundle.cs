using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Bundled send: sends as many consecutive buffers of a provided-buffer group as are ready, in one request.</summary>
/// <remarks>
/// Available since Linux 6.10.
/// Check Features for IORING_FEAT_RECVSEND_BUNDLE; the completion names the first buffer id and its result is the byte count.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_send_bundle.3.html"/>
public struct SendBundle
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Send;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="bufferGroup">Provided-buffer group holding the data to send.</param>
    public SendBundle(FileTarget fd, ushort bufferGroup)
    {
        Fd = fd;
        BufferGroup = bufferGroup;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Provided-buffer group holding the data to send.</summary>
    public ushort BufferGroup { get; set; }

    /// <summary>MSG_* flags.</summary>
    public int Flags { get; set; }

    /// <summary>Most bytes to send; 0 means all queued buffers.</summary>
    public uint Length { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.SelectedTransfer(Code, Fd, Length, Flags, IORING_RECVSEND_BUNDLE, BufferGroup);
}
