using System;
using System.Globalization;
using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary>Text for <see cref="Errno"/> values: the C library's message and the name used in exception messages.</summary>
/// <remarks>Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/strerror.3.html"/>
public static class ErrnoExtensions
{
    /// <summary>The C library's description of <paramref name="errno"/> (strerror), e.g. "Resource temporarily unavailable" for <see cref="Errno.EAGAIN"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public static string GetMessage(this Errno errno) => Marshal.GetPInvokeErrorMessage((int)errno);

    /// <summary>The symbolic name ("EAGAIN"), or "errno 200" for a value this enum does not name.</summary>
    internal static string Name(this Errno errno) =>
        Enum.IsDefined(errno) ? errno.ToString() : "errno " + ((int)errno).ToString(CultureInfo.InvariantCulture);

    /// <summary>The errno of a kernel result: <c>-result</c> for a negative one, <see cref="Errno.None"/> otherwise.</summary>
    internal static Errno FromResult(int result) => result < 0 ? (Errno)(-result) : Errno.None;
}
