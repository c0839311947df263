using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Reads from a file into a buffer, like <c>pread(2)</c> (or <c>read(2)</c> at the file position when <see cref="Offset"/> is -1).</summary>
/// <remarks>
/// Available since Linux 5.6.
/// <para><b>Safety:</b> the kernel writes into <c>buffer</c> after submission: the memory must stay valid and unmoved until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/pread.2.html"/>
public unsafe struct Read
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Read;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">File to read.</param>
    /// <param name="buffer">Destination; ignored (may be null) when <see cref="BufferGroup"/> selects a provided buffer.</param>
    /// <param name="length">Bytes to read.</param>
    public Read(FileTarget fd, byte* buffer, uint length)
    {
        Fd = fd;
        Buffer = buffer;
        Length = length;
    }

    /// <summary>File to read.</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Destination buffer.</summary>
    public byte* Buffer { get; set; }

    /// <summary>Bytes to read.</summary>
    public uint Length { get; set; }

    /// <summary>File offset; -1 uses and advances the file position. Must be 0 or -1 for non-seekable files.</summary>
    public long Offset { get; set; }

    /// <summary>I/O priority (<c>ioprio_set(2)</c> encoding).</summary>
    public ushort IoPrio { get; set; }

    /// <summary>Per-I/O <c>RWF_*</c> flags as in <c>preadv2(2)</c>.</summary>
    public int RwFlags { get; set; }

    /// <summary>When set, the kernel picks a buffer from this provided-buffer group (IOSQE_BUFFER_SELECT) instead of <see cref="Buffer"/>.</summary>
    public ushort? BufferGroup { get; set; }

    /// <summary>Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).</summary>
    /// <remarks><b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.</remarks>
    public io_uring_attr_pi* ProtectionInfo { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.ReadSelect(Code, Fd, (ulong)Buffer, Length, BufferGroup, Offset, IoPrio, RwFlags, ProtectionInfo);
}
