using System;
using System.Runtime.InteropServices;

namespace IoUring.Interop.Tests;

/// <summary>The libc calls and constants every test folder uses (pipes, eventfds, sockets, child processes, signals), in one place.</summary>
internal static unsafe partial class Libc
{
    public const int AF_INET = 2;
    public const int AF_UNIX = 1;
    public const int SOCK_STREAM = 1;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1;
    public const int SO_REUSEADDR = 2;
    public const int SO_TYPE = 3;
    public const int SO_RCVBUF = 8;
    public const int SO_ZEROCOPY = 60;
    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_CREAT = 0x40;
    public const int O_TRUNC = 0x200;
    public const int O_NONBLOCK = 0x800;
    // arm64's O_DIRECT is 0200000 (its 040000 is O_DIRECTORY); the rest of this list is the same on both.
    public static readonly int O_DIRECT = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture is System.Runtime.InteropServices.Architecture.Arm64 ? 0x10000 : 0x4000;
    public const int O_CLOEXEC = 0x80000;
    public const int AT_FDCWD = -100;
    public const int AT_REMOVEDIR = 0x200;
    public const int AT_EMPTY_PATH = 0x1000;
    public const uint POLLIN = 0x1;
    public const uint POLLOUT = 0x4;
    public const int EPOLL_CTL_ADD = 1;
    public const uint EPOLLIN = 0x1;
    public const int MSG_TRUNC = 0x20;
    public const int MSG_WAITALL = 0x100;
    public const int EFD_NONBLOCK = 0x800;
    public const int EFD_CLOEXEC = 0x80000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, void* buf, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, void* buf, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, void* addr, uint len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int listen(int fd, int backlog);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int connect(int fd, void* addr, uint len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int accept4(int fd, void* addr, uint* len, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint send(int fd, void* buf, nuint len, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendto(int fd, void* buf, nuint len, int flags, void* addr, uint addrLen);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recv(int fd, void* buf, nuint len, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getsockname(int fd, void* addr, uint* len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, void* value, uint len);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fgetxattr(int fd, byte* name, void* value, nuint size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int clock_gettime(int clock, Timespec* ts);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup2(int oldFd, int newFd);

    [LibraryImport("libc")]
    public static partial int gettid();

    [LibraryImport("libc")]
    public static partial int tgkill(int tgid, int tid, int sig);

    /// <summary>CLOCK_MONOTONIC now, the clock timeouts use by default.</summary>
    public static Timespec MonotonicNow()
    {
        Timespec ts;
        clock_gettime(1, &ts);
        return ts;
    }

    public static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>Creates a pipe and returns (read end, write end).</summary>
    public static (int Read, int Write) Pipe(int flags = O_CLOEXEC)
    {
        int* fds = stackalloc int[2];
        if (pipe2(fds, flags) != 0)
        {
            throw new InvalidOperationException("pipe2 failed: errno " + Errno);
        }

        return (fds[0], fds[1]);
    }

    /// <summary>Writes all of <paramref name="data"/> to <paramref name="fd"/> in one call, or throws.</summary>
    public static void WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            if (write(fd, p, (nuint)data.Length) != data.Length)
            {
                throw new InvalidOperationException("write failed: errno " + Errno);
            }
        }
    }

    /// <summary>Reads an eventfd's counter (non-blocking fd): the count, or 0 when it was not signalled.</summary>
    public static ulong ReadEventfd(int fd)
    {
        ulong value;
        return read(fd, &value, sizeof(ulong)) == sizeof(ulong) ? value : 0;
    }
}
