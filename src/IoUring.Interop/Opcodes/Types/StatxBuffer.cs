using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary><c>struct statx</c> (256 bytes), filled by the Statx builder's request.</summary>
/// <remarks>Fields past <see cref="DioOffsetAlign"/> are valid only when the kernel sets their STATX_* bit in <see cref="Mask"/>.
/// Available since Linux 5.6 (as an io_uring argument).</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/statx.2.html"/>
[StructLayout(LayoutKind.Explicit, Size = 256)]
public struct StatxBuffer
{
    /// <summary>STATX_* bits saying which fields are filled.</summary>
    [FieldOffset(0)] public uint Mask;

    /// <summary>Preferred I/O block size.</summary>
    [FieldOffset(4)] public uint BlockSize;

    /// <summary>STATX_ATTR_* attributes.</summary>
    [FieldOffset(8)] public ulong Attributes;

    /// <summary>Number of hard links.</summary>
    [FieldOffset(16)] public uint LinkCount;

    /// <summary>Owner user id.</summary>
    [FieldOffset(20)] public uint Uid;

    /// <summary>Owner group id.</summary>
    [FieldOffset(24)] public uint Gid;

    /// <summary>File type and mode bits.</summary>
    [FieldOffset(28)] public ushort Mode;

    /// <summary>Inode number.</summary>
    [FieldOffset(32)] public ulong Inode;

    /// <summary>Size in bytes.</summary>
    [FieldOffset(40)] public ulong Size;

    /// <summary>Allocated 512-byte blocks.</summary>
    [FieldOffset(48)] public ulong Blocks;

    /// <summary>Which <see cref="Attributes"/> bits the file system supports.</summary>
    [FieldOffset(56)] public ulong AttributesMask;

    /// <summary>Last access.</summary>
    [FieldOffset(64)] public StatxTimestamp AccessTime;

    /// <summary>Creation (birth).</summary>
    [FieldOffset(80)] public StatxTimestamp BirthTime;

    /// <summary>Last status change.</summary>
    [FieldOffset(96)] public StatxTimestamp ChangeTime;

    /// <summary>Last modification.</summary>
    [FieldOffset(112)] public StatxTimestamp ModificationTime;

    /// <summary>Device major number, for device files.</summary>
    [FieldOffset(128)] public uint RdevMajor;

    /// <summary>Device minor number, for device files.</summary>
    [FieldOffset(132)] public uint RdevMinor;

    /// <summary>Major number of the containing device.</summary>
    [FieldOffset(136)] public uint DevMajor;

    /// <summary>Minor number of the containing device.</summary>
    [FieldOffset(140)] public uint DevMinor;

    /// <summary>Mount id (STATX_MNT_ID).</summary>
    [FieldOffset(144)] public ulong MountId;

    /// <summary>O_DIRECT memory alignment (STATX_DIOALIGN).</summary>
    [FieldOffset(152)] public uint DioMemAlign;

    /// <summary>O_DIRECT file offset alignment (STATX_DIOALIGN).</summary>
    [FieldOffset(156)] public uint DioOffsetAlign;

    /// <summary>Subvolume id (STATX_SUBVOL).</summary>
    [FieldOffset(160)] public ulong SubvolumeId;

    /// <summary>Minimum atomic write unit (STATX_WRITE_ATOMIC).</summary>
    [FieldOffset(168)] public uint AtomicWriteUnitMin;

    /// <summary>Maximum atomic write unit (STATX_WRITE_ATOMIC).</summary>
    [FieldOffset(172)] public uint AtomicWriteUnitMax;

    /// <summary>Maximum atomic write segments (STATX_WRITE_ATOMIC).</summary>
    [FieldOffset(176)] public uint AtomicWriteSegmentsMax;

    /// <summary>O_DIRECT read offset alignment (STATX_DIO_READ_ALIGN).</summary>
    [FieldOffset(180)] public uint DioReadOffsetAlign;

    /// <summary>Optimised maximum atomic write unit (STATX_WRITE_ATOMIC).</summary>
    [FieldOffset(184)] public uint AtomicWriteUnitMaxOpt;
}
