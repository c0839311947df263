using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Benchmarks.Harness;

/// <summary>Opens the read workloads' file with open(2) itself: .NET's <see cref="FileOptions"/> have no O_DIRECT.</summary>
internal static partial class FileOpen
{
    // x86-64 and arm64 values (asm-generic/fcntl.h; x86's O_DIRECT is 040000, arm64's 0200000).
    private const int O_RDONLY = 0;
    private const int O_CLOEXEC = 0x80000;

    public static SafeFileHandle ForReading(string path, bool direct)
    {
        int flags = O_RDONLY | O_CLOEXEC | (direct ? ODirect : 0);
        int fd = open(path, flags);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"open({path}{(direct ? ", O_DIRECT" : string.Empty)}) failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})");
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static int ODirect => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x10000 : 0x4000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);
}
