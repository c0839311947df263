using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary>The T10 protection-information attribute of a read or write (<c>struct io_uring_attr_pi</c>, 32 bytes): where the integrity metadata for the transfer lives.</summary>
/// <remarks>Available since Linux 6.15 (<c>IORING_RW_ATTR_FLAG_PI</c>, <see cref="Features"/> <c>RwAttr</c>).
/// <para><b>Safety:</b> the kernel reads this attribute and the metadata buffer at <see cref="Address"/> after submission: keep both valid until the completion.</para></remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_read.3.html"/>
[StructLayout(LayoutKind.Sequential, Size = 32)]
public struct ProtectionInformation
{
    /// <summary>IO_INTEGRITY_CHK_* flags: which checks the device performs (guard, reference tag, application tag).</summary>
    public ushort Flags;

    /// <summary>The application tag to check, with the app-tag check flag.</summary>
    public ushort ApplicationTag;

    /// <summary>Length of the metadata buffer in bytes.</summary>
    public uint Length;

    /// <summary>Address of the metadata buffer.</summary>
    public ulong Address;

    /// <summary>The seed of the reference tag.</summary>
    public ulong Seed;
}
