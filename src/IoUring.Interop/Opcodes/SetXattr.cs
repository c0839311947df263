using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Sets an extended attribute of a path, like <c>setxattr(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.19.
/// <para><b>Safety:</b> name, value and path must stay valid until the completion arrives; for the get forms the kernel writes the value buffer.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/setxattr.2.html"/>
public unsafe struct SetXattr
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.SetXattr;

    /// <summary>Creates the builder.</summary>
    /// <param name="name">NUL-terminated attribute name.</param>
    /// <param name="value">The value.</param>
    /// <param name="path">NUL-terminated path.</param>
    /// <param name="length">Length of the value.</param>
    public SetXattr(byte* name, byte* value, byte* path, uint length)
    {
        Name = name;
        Value = value;
        Path = path;
        Length = length;
    }

    /// <summary>NUL-terminated attribute name.</summary>
    public byte* Name { get; set; }

    /// <summary>The value.</summary>
    public byte* Value { get; set; }

    /// <summary>NUL-terminated path.</summary>
    public byte* Path { get; set; }

    /// <summary>Length of the value.</summary>
    public uint Length { get; set; }

    /// <summary>XATTR_CREATE or XATTR_REPLACE.</summary>
    public int Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        EntryStart.Xattr(ref entry, Name, Value, Length, Flags);
        entry.Sqe.addr3 = (ulong)Path;
        return entry;
    }
}
