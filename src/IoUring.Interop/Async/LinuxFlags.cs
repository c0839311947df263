namespace IoUring.Interop.Async;

/// <summary>The few Linux constants of fcntl.h, socket.h and stat.h the typed operations pass (x86-64 values);
/// they are not part of io_uring.h, so the generated Native layer does not carry them.</summary>
internal static class LinuxFlags
{
    internal const int AT_FDCWD = -100;
    internal const int O_WRONLY = 0x1;
    internal const int O_RDWR = 0x2;
    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_TRUNC = 0x200;
    internal const int O_APPEND = 0x400;
    internal const int O_DIRECT = 0x4000;
    internal const int O_CLOEXEC = 0x80000;
    internal const int O_SYNC = 0x101000;
    internal const int MSG_NOSIGNAL = 0x4000;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const uint STATX_BASIC_STATS_AND_BTIME = 0xFFF;
    internal const int IOV_MAX = 1024;
}
