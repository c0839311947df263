using System.Globalization;

namespace IoUring.Interop.Tests;

/// <summary>The x86-64 errno values the tests assert on (asm-generic/errno-base.h, errno.h) and their names for messages.</summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ENXIO = 6;
    public const int EBADF = 9;
    public const int ECHILD = 10;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENOTTY = 25;
    public const int EPIPE = 32;
    public const int ENODATA = 61;
    public const int ETIME = 62;
    public const int EOPNOTSUPP = 95;
    public const int ENOBUFS = 105;
    public const int EALREADY = 114;
    public const int ECANCELED = 125;

    /// <summary>The symbolic name of a positive errno value.</summary>
    public static string Name(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        ENXIO => "ENXIO",
        EBADF => "EBADF",
        ECHILD => "ECHILD",
        EAGAIN => "EAGAIN",
        EACCES => "EACCES",
        EFAULT => "EFAULT",
        EBUSY => "EBUSY",
        EEXIST => "EEXIST",
        ENODEV => "ENODEV",
        EINVAL => "EINVAL",
        ENOTTY => "ENOTTY",
        EPIPE => "EPIPE",
        ENODATA => "ENODATA",
        ETIME => "ETIME",
        EOPNOTSUPP => "EOPNOTSUPP",
        ENOBUFS => "ENOBUFS",
        EALREADY => "EALREADY",
        ECANCELED => "ECANCELED",
        _ => "errno " + errno.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A syscall result as the tests print it: the value when non-negative, else <c>-NAME</c>.</summary>
    public static string ResultName(int result)
        => result >= 0 ? result.ToString(CultureInfo.InvariantCulture) : "-" + Name(-result);
}
