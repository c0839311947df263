using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Vectored write, like <c>pwritev2(2)</c> using a registered buffer.</summary>
/// <remarks>
/// Available since Linux 6.15.
/// <para><b>Safety:</b> the kernel reads the iovec array and the memory it describes after submission: both must stay valid and unmoved until the completion arrives. The iovecs must point inside the registered buffer <c>bufferIndex</c>.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/pwritev2.2.html"/>
public unsafe struct WritevFixed
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.WritevFixed;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file.</param>
    /// <param name="iovecs">First element of the iovec array.</param>
    /// <param name="count">Number of iovecs.</param>
    /// <param name="bufferIndex">Index of the registered buffer the iovecs point into.</param>
    public WritevFixed(FileTarget fd, IoVector* iovecs, uint count, ushort bufferIndex)
    {
        Fd = fd;
        IoVecs = iovecs;
        Count = count;
        BufferIndex = bufferIndex;
    }

    /// <summary>Target file.</summary>
    public FileTarget Fd { get; set; }

    /// <summary>First element of the iovec array.</summary>
    public IoVector* IoVecs { get; set; }

    /// <summary>Number of iovecs.</summary>
    public uint Count { get; set; }

    /// <summary>Index of the registered buffer (Submitter.RegisterBuffers) that every iovec points into.</summary>
    public ushort BufferIndex { get; set; }

    /// <summary>File offset; -1 uses and advances the file position.</summary>
    public long Offset { get; set; }

    /// <summary>I/O priority (<c>ioprio_set(2)</c> encoding).</summary>
    public ushort IoPrio { get; set; }

    /// <summary>Per-I/O <c>RWF_*</c> flags as in <c>pwritev2(2)</c>.</summary>
    public int RwFlags { get; set; }

    /// <summary>Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).</summary>
    /// <remarks><b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.</remarks>
    public io_uring_attr_pi* ProtectionInfo { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.ReadWriteFixed(Code, Fd, (ulong)IoVecs, Count, BufferIndex, Offset, IoPrio, RwFlags, ProtectionInfo);
}
