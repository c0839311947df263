using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Writes a buffer to a file, like <c>pwrite(2)</c> (or <c>write(2)</c> at the file position when <see cref="Offset"/> is -1).</summary>
/// <remarks>
/// Available since Linux 5.6.
/// <para><b>Safety:</b> the kernel reads <c>buffer</c> after submission: the memory must stay valid and unmoved until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/pwrite.2.html"/>
public unsafe struct Write
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Write;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">File to write.</param>
    /// <param name="buffer">Source bytes.</param>
    /// <param name="length">Bytes to write.</param>
    public Write(FileTarget fd, byte* buffer, uint length)
    {
        Fd = fd;
        Buffer = buffer;
        Length = length;
    }

    /// <summary>File to write.</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Source bytes.</summary>
    public byte* Buffer { get; set; }

    /// <summary>Bytes to write.</summary>
    public uint Length { get; set; }

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
        => EntryStart.ReadWrite(Code, Fd, (ulong)Buffer, Length, Offset, IoPrio, RwFlags, ProtectionInfo);
}
