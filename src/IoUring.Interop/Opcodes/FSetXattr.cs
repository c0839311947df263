using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Sets an extended attribute of an open file, like <c>fsetxattr(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.19.
/// <para><b>Safety:</b> name, value and path must stay valid until the completion arrives; for the get forms the kernel writes the value buffer.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/fsetxattr.2.html"/>
public unsafe struct FSetXattr
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.FSetXattr;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file (raw fd or registered index).</param>
    /// <param name="name">NUL-terminated attribute name.</param>
    /// <param name="value">The value.</param>
    /// <param name="length">Length of the value.</param>
    public FSetXattr(FileTarget fd, byte* name, byte* value, uint length)
    {
        Fd = fd;
        Name = name;
        Value = value;
        Length = length;
    }

    /// <summary>Target file (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>NUL-terminated attribute name.</summary>
    public byte* Name { get; set; }

    /// <summary>The value.</summary>
    public byte* Value { get; set; }

    /// <summary>Length of the value.</summary>
    public uint Length { get; set; }

    /// <summary>XATTR_CREATE or XATTR_REPLACE.</summary>
    public int Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        EntryStart.Xattr(ref entry, Name, Value, Length, Flags);
        return entry;
    }
}
