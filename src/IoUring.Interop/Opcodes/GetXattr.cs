using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Reads an extended attribute of a path, like <c>getxattr(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.19.
/// <para><b>Safety:</b> name, value and path must stay valid until the completion arrives; for the get forms the kernel writes the value buffer.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/getxattr.2.html"/>
public unsafe struct GetXattr
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.GetXattr;

    /// <summary>Creates the builder.</summary>
    /// <param name="name">NUL-terminated attribute name.</param>
    /// <param name="value">Receives the value.</param>
    /// <param name="length">Size of the value buffer.</param>
    /// <param name="path">NUL-terminated path.</param>
    public GetXattr(byte* name, byte* value, uint length, byte* path)
    {
        Name = name;
        Value = value;
        Length = length;
        Path = path;
    }

    /// <summary>NUL-terminated attribute name.</summary>
    public byte* Name { get; set; }

    /// <summary>Receives the value.</summary>
    public byte* Value { get; set; }

    /// <summary>Size of the value buffer.</summary>
    public uint Length { get; set; }

    /// <summary>NUL-terminated path.</summary>
    public byte* Path { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        EntryStart.Xattr(ref entry, Name, Value, Length, 0);
        entry.Sqe.addr3 = (ulong)Path;
        return entry;
    }
}
