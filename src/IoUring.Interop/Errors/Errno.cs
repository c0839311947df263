using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary>The Linux x86-64 errno values the library meets, with their symbolic names.</summary>
/// <remarks>Values from asm-generic/errno-base.h and asm-generic/errno.h (the kernel's numbering on x86-64).</remarks>
internal static class Errno
{
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int ENXIO = 6;
    internal const int E2BIG = 7;
    internal const int EBADF = 9;
    internal const int EAGAIN = 11;
    internal const int ENOMEM = 12;
    internal const int EACCES = 13;
    internal const int EFAULT = 14;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int EXDEV = 18;
    internal const int ENODEV = 19;
    internal const int ENOTDIR = 20;
    internal const int EISDIR = 21;
    internal const int EINVAL = 22;
    internal const int ENFILE = 23;
    internal const int EMFILE = 24;
    internal const int ENOSPC = 28;
    internal const int ESPIPE = 29;
    internal const int EPIPE = 32;
    internal const int ERANGE = 34;
    internal const int ENOSYS = 38;
    internal const int ENODATA = 61;
    internal const int ETIME = 62;
    internal const int EOVERFLOW = 75;
    internal const int EBADFD = 77;
    internal const int ENOTSOCK = 88;
    internal const int EOPNOTSUPP = 95;
    internal const int EADDRINUSE = 98;
    internal const int ECONNRESET = 104;
    internal const int ENOBUFS = 105;
    internal const int ENOTCONN = 107;
    internal const int ETIMEDOUT = 110;
    internal const int ECONNREFUSED = 111;
    internal const int EALREADY = 114;
    internal const int EINPROGRESS = 115;
    internal const int ECANCELED = 125;
    internal const int EOWNERDEAD = 130;

    /// <summary>The symbolic name of <paramref name="errno"/> ("EINVAL"), or "E?(n)" when unknown.</summary>
    internal static string Name(int errno) => errno switch
    {
        EPERM => nameof(EPERM),
        ENOENT => nameof(ENOENT),
        ESRCH => nameof(ESRCH),
        EINTR => nameof(EINTR),
        EIO => nameof(EIO),
        ENXIO => nameof(ENXIO),
        E2BIG => nameof(E2BIG),
        EBADF => nameof(EBADF),
        EAGAIN => nameof(EAGAIN),
        ENOMEM => nameof(ENOMEM),
        EACCES => nameof(EACCES),
        EFAULT => nameof(EFAULT),
        EBUSY => nameof(EBUSY),
        EEXIST => nameof(EEXIST),
        EXDEV => nameof(EXDEV),
        ENODEV => nameof(ENODEV),
        ENOTDIR => nameof(ENOTDIR),
        EISDIR => nameof(EISDIR),
        EINVAL => nameof(EINVAL),
        ENFILE => nameof(ENFILE),
        EMFILE => nameof(EMFILE),
        ENOSPC => nameof(ENOSPC),
        ESPIPE => nameof(ESPIPE),
        EPIPE => nameof(EPIPE),
        ERANGE => nameof(ERANGE),
        ENOSYS => nameof(ENOSYS),
        ENODATA => nameof(ENODATA),
        ETIME => nameof(ETIME),
        EOVERFLOW => nameof(EOVERFLOW),
        EBADFD => nameof(EBADFD),
        ENOTSOCK => nameof(ENOTSOCK),
        EOPNOTSUPP => nameof(EOPNOTSUPP),
        EADDRINUSE => nameof(EADDRINUSE),
        ECONNRESET => nameof(ECONNRESET),
        ENOBUFS => nameof(ENOBUFS),
        ENOTCONN => nameof(ENOTCONN),
        ETIMEDOUT => nameof(ETIMEDOUT),
        ECONNREFUSED => nameof(ECONNREFUSED),
        EALREADY => nameof(EALREADY),
        EINPROGRESS => nameof(EINPROGRESS),
        ECANCELED => nameof(ECANCELED),
        EOWNERDEAD => nameof(EOWNERDEAD),
        _ => "E?(" + errno.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
    };

    /// <summary>The C library's description of <paramref name="errno"/> (strerror).</summary>
    internal static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
