using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Renames a file, like <c>renameat2(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.11.
/// <para><b>Safety:</b> the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/renameat2.2.html"/>
public unsafe struct RenameAt
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.RenameAt;

    /// <summary>Creates the builder.</summary>
    /// <param name="oldDirFd">Directory of the old path.</param>
    /// <param name="oldPath">NUL-terminated old path.</param>
    /// <param name="newDirFd">Directory of the new path.</param>
    /// <param name="newPath">NUL-terminated new path.</param>
    public RenameAt(int oldDirFd, byte* oldPath, int newDirFd, byte* newPath)
    {
        OldDirFd = oldDirFd;
        OldPath = oldPath;
        NewDirFd = newDirFd;
        NewPath = newPath;
    }

    /// <summary>Directory of the old path.</summary>
    public int OldDirFd { get; set; }

    /// <summary>NUL-terminated old path.</summary>
    public byte* OldPath { get; set; }

    /// <summary>Directory of the new path.</summary>
    public int NewDirFd { get; set; }

    /// <summary>NUL-terminated new path.</summary>
    public byte* NewPath { get; set; }

    /// <summary>RENAME_* flags.</summary>
    public uint Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.PathPair(Code, OldDirFd, OldPath, NewDirFd, NewPath);
        entry.Sqe.rename_flags = Flags;
        return entry;
    }
}
