using System;
using System.Runtime.InteropServices;

namespace IoUring.Interop.Reliability;

/// <summary>The few libc calls the suite makes itself (pipes and direct reads/writes to drain them).</summary>
internal static unsafe partial class Posix
{
    public const int O_CLOEXEC = 0x80000;
    public const int O_NONBLOCK = 0x800;
    public const uint POLLIN = 0x1;
    public const int EAGAIN = 11;
    public const int EBUSY = 16;
    public const int ETIME = 62;
    public const int ECANCELED = 125;
    public const int ENOENT = 2;
    public const int EALREADY = 114;
    public const int EINVAL = 22;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, void* buf, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, void* buf, nuint count);

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
