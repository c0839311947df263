using System;
using System.Runtime.InteropServices;

namespace IoUring.Interop.Reliability.Child;

/// <summary>The few libc calls and x86-64 constants the reliability suite needs (the child and the tests share it):
/// fds of each kind, direct reads and writes to drain pipes, and the errno values results are checked against.</summary>
public static unsafe partial class Posix
{
    public const int O_RDWR = 2;
    public const int O_CREAT = 0x40;
    public const int O_NONBLOCK = 0x800;
    public const int O_DIRECTORY = 0x10000;
    public const int O_CLOEXEC = 0x80000;
    public const int F_GETFD = 1;
    public const uint POLLIN = 0x1;

    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EINVAL = 22;
    public const int ETIME = 62;
    public const int ECANCELED = 125;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int cmd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, void* buf, nuint count);

    /// <summary>Whether <paramref name="fd"/> is open in this process.</summary>
    public static bool IsOpen(int fd) => fcntl(fd, F_GETFD) >= 0;

    /// <summary>A pipe (read end, write end); throws on failure.</summary>
    public static (int Read, int Write) Pipe(int flags = O_CLOEXEC)
    {
        int* fds = stackalloc int[2];
        if (pipe2(fds, flags) != 0)
        {
            throw new InvalidOperationException($"pipe2 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (fds[0], fds[1]);
    }
}
