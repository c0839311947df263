namespace IoUring.Interop.Tests.Opcodes.Support;

/// <summary>The x86-64 errno values the opcode tests assert on (asm-generic/errno-base.h, errno.h).</summary>
internal static class LinuxErrno
{
    public const int ENOENT = 2;
    public const int EBADF = 9;
    public const int ECHILD = 10;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int EINVAL = 22;
    public const int ENOTTY = 25;
    public const int EPIPE = 32;
    public const int ENODATA = 61;
    public const int ETIME = 62;
    public const int EOPNOTSUPP = 95;
    public const int ENOBUFS = 105;
    public const int EALREADY = 114;
    public const int ECANCELED = 125;
    public const int EPERM = 1;

    public static string Name(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        EBADF => "EBADF",
        ECHILD => "ECHILD",
        EAGAIN => "EAGAIN",
        EACCES => "EACCES",
        EEXIST => "EEXIST",
        EINVAL => "EINVAL",
        ENOTTY => "ENOTTY",
        EPIPE => "EPIPE",
        ENODATA => "ENODATA",
        ETIME => "ETIME",
        EOPNOTSUPP => "EOPNOTSUPP",
        ENOBUFS => "ENOBUFS",
        EALREADY => "EALREADY",
        ECANCELED => "ECANCELED",
        _ => "errno " + errno,
    };
}
