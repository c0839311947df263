using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary><c>struct statx_timestamp</c> (16 bytes).</summary>
/// <remarks>Available since Linux 5.6 (as an io_uring argument).</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/statx.2.html"/>
[StructLayout(LayoutKind.Sequential)]
public struct StatxTimestamp
{
    /// <summary>Seconds since the epoch.</summary>
    public long Seconds;

    /// <summary>Nanoseconds within the second.</summary>
    public uint Nanoseconds;

    private readonly int reserved;
}
