using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Creates a hard link, like <c>linkat(2)</c> (the Rust crate calls it LinkAt).</summary>
/// <remarks>
/// Available since Linux 5.15.
/// <para><b>Safety:</b> the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/linkat.2.html"/>
public unsafe struct HardLinkAt
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.LinkAt;

    /// <summary>Creates the builder.</summary>
    /// <param name="oldDirFd">Directory of the existing path.</param>
    /// <param name="oldPath">NUL-terminated existing path.</param>
    /// <param name="newDirFd">Directory of the new path.</param>
    /// <param name="newPath">NUL-terminated new path.</param>
    public HardLinkAt(int oldDirFd, byte* oldPath, int newDirFd, byte* newPath)
    {
        OldDirFd = oldDirFd;
        OldPath = oldPath;
        NewDirFd = newDirFd;
        NewPath = newPath;
    }

    /// <summary>Directory of the existing path.</summary>
    public int OldDirFd { get; set; }

    /// <summary>NUL-terminated existing path.</summary>
    public byte* OldPath { get; set; }

    /// <summary>Directory of the new path.</summary>
    public int NewDirFd { get; set; }

    /// <summary>NUL-terminated new path.</summary>
    public byte* NewPath { get; set; }

    /// <summary>AT_SYMLINK_FOLLOW or AT_EMPTY_PATH.</summary>
    public int Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.PathPair(Code, OldDirFd, OldPath, NewDirFd, NewPath);
        entry.Sqe.hardlink_flags = (uint)Flags;
        return entry;
    }
}
