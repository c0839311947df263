using System;
using System.IO;

namespace IoUring.Interop.Async;

/// <summary>What <see cref="RingEngine.StatAsync"/> learned about a file, in .NET's terms (length, <see cref="UnixFileMode"/>,
/// UTC times), with the kernel's whole <c>struct statx</c> in <see cref="Statx"/>.</summary>
/// <remarks>It lives next to the engine so an async program needs one namespace; it converts implicitly to
/// <see cref="StatxBuffer"/>, so code written when <c>StatAsync</c> returned that keeps compiling.
/// Available since Linux 5.6.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/statx.2.html"/>
public readonly struct FileStatus
{
    // stat.h: the file type bits of st_mode and the STATX_BTIME mask bit.
    private const int S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000, S_IFLNK = 0xA000;
    private const uint STATX_BTIME = 0x800;

    private readonly StatxBuffer _statx;

    /// <summary>Wraps a statx result.</summary>
    /// <param name="statx">The kernel's result.</param>
    public FileStatus(StatxBuffer statx) => _statx = statx;

    /// <summary>The kernel's whole result (mask, device numbers, alignments...).</summary>
    public StatxBuffer Statx => _statx;

    /// <summary>The size in bytes, as <see cref="FileInfo.Length"/>.</summary>
    public long Length => (long)_statx.Size;

    /// <summary>The permission bits, as <see cref="File.GetUnixFileMode(string)"/>.</summary>
    public UnixFileMode UnixFileMode => (UnixFileMode)(_statx.Mode & 0xFFF);

    /// <summary>True for a directory.</summary>
    public bool IsDirectory => (_statx.Mode & S_IFMT) == S_IFDIR;

    /// <summary>True for a regular file.</summary>
    public bool IsRegularFile => (_statx.Mode & S_IFMT) == S_IFREG;

    /// <summary>True for a symbolic link (never, when the path was followed, as <see cref="RingEngine.StatAsync"/> does).</summary>
    public bool IsSymbolicLink => (_statx.Mode & S_IFMT) == S_IFLNK;

    /// <summary>The last write, as <see cref="File.GetLastWriteTimeUtc(string)"/>.</summary>
    public DateTimeOffset LastWriteTimeUtc => ToTime(_statx.ModificationTime);

    /// <summary>The last access, as <see cref="File.GetLastAccessTimeUtc(string)"/>.</summary>
    public DateTimeOffset LastAccessTimeUtc => ToTime(_statx.AccessTime);

    /// <summary>The last status change (ctime).</summary>
    public DateTimeOffset LastStatusChangeTimeUtc => ToTime(_statx.ChangeTime);

    /// <summary>The creation (birth) time, or null when the file system does not record it.</summary>
    public DateTimeOffset? CreationTimeUtc => (_statx.Mask & STATX_BTIME) != 0 ? ToTime(_statx.BirthTime) : null;

    /// <summary>The inode number.</summary>
    public ulong Inode => _statx.Inode;

    /// <summary>The number of hard links.</summary>
    public uint LinkCount => _statx.LinkCount;

    /// <summary>The raw statx result, for code written when <see cref="RingEngine.StatAsync"/> returned it.</summary>
    /// <param name="status">The status.</param>
    public static implicit operator StatxBuffer(FileStatus status) => status._statx;

    /// <summary>The raw statx result (the named form of the implicit conversion).</summary>
    /// <returns><see cref="Statx"/>.</returns>
    public StatxBuffer ToStatxBuffer() => _statx;

    private static DateTimeOffset ToTime(StatxTimestamp time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.Seconds).AddTicks(time.Nanoseconds / 100);
}
