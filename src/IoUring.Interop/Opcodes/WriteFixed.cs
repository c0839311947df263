using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Writes through a buffer registered with Submitter.RegisterBuffers, like <c>pwrite(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.1.
/// <para><b>Safety:</b> <c>buffer</c> .. <c>buffer + length</c> must lie inside registered buffer <c>bufferIndex</c>, which the kernel reads after submission.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/pwrite.2.html"/>
public unsafe struct WriteFixed
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.WriteFixed;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file.</param>
    /// <param name="buffer">Start address inside the registered buffer.</param>
    /// <param name="length">Bytes to transfer.</param>
    /// <param name="bufferIndex">Index of the registered buffer.</param>
    public WriteFixed(FileTarget fd, byte* buffer, uint length, ushort bufferIndex)
    {
        Fd = fd;
        Buffer = buffer;
        Length = length;
        BufferIndex = bufferIndex;
    }

    /// <summary>Target file.</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Start address inside the registered buffer.</summary>
    public byte* Buffer { get; set; }

    /// <summary>Bytes to transfer.</summary>
    public uint Length { get; set; }

    /// <summary>Index of the registered buffer.</summary>
    public ushort BufferIndex { get; set; }

    /// <summary>File offset; -1 uses and advances the file position.</summary>
    public long Offset { get; set; }

    /// <summary>I/O priority (<c>ioprio_set(2)</c> encoding).</summary>
    public ushort IoPrio { get; set; }

    /// <summary>Per-I/O <c>RWF_*</c> flags.</summary>
    public int RwFlags { get; set; }

    /// <summary>Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).</summary>
    /// <remarks><b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.</remarks>
    public io_uring_attr_pi* ProtectionInfo { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.ReadWriteFixed(Code, Fd, (ulong)Buffer, Length, BufferIndex, Offset, IoPrio, RwFlags, ProtectionInfo);
}
