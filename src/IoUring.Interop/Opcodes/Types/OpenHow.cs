using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary>The <c>struct open_how</c> argument of <c>openat2(2)</c> (24 bytes), passed to the OpenAt2 builder.</summary>
/// <remarks>Available since Linux 5.6 (as an io_uring argument).</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/openat2.2.html"/>
[StructLayout(LayoutKind.Sequential)]
public struct OpenHow
{
    /// <summary>O_* open flags; openat2 rejects unknown bits with EINVAL.</summary>
    public ulong Flags;

    /// <summary>Permission bits for O_CREAT/O_TMPFILE; must be 0 otherwise.</summary>
    public ulong Mode;

    /// <summary>RESOLVE_* path-resolution restrictions.</summary>
    public ulong Resolve;
}
