using System.Runtime.InteropServices;

namespace IoUring.Interop.Reliability.Child;

/// <summary>The libc calls the child needs to make fds of each kind and to check the standard ones.</summary>
internal static unsafe partial class Posix
{
    public const int O_RDWR = 2;
    public const int O_CREAT = 0x40;
    public const int O_CLOEXEC = 0x80000;
    public const int O_DIRECTORY = 0x10000;
    public const int F_GETFD = 1;

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

    /// <summary>Whether <paramref name="fd"/> is open in this process.</summary>
    public static bool IsOpen(int fd) => fcntl(fd, F_GETFD) >= 0;
}
