using System.Runtime.InteropServices;

namespace IoUring.Interop.Async;

/// <summary>The few Linux constants of fcntl.h, socket.h and stat.h the typed operations pass; they are not part of
/// io_uring.h, so the generated Native layer does not carry them. All but O_DIRECT are the same on x86-64 and arm64
/// (checked against both architectures' gcc by LinuxConstantsTests).</summary>
internal static class LinuxFlags
{
    internal const int AT_FDCWD = -100;
    internal const int O_WRONLY = 0x1;
    internal const int O_RDWR = 0x2;
    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_TRUNC = 0x200;
    internal const int O_APPEND = 0x400;
    // arm64 moves O_DIRECT (arch/arm64/include/uapi/asm/fcntl.h: 0200000, where 040000 is O_DIRECTORY): the x86-64
    // value there would open with O_DIRECTORY and fail with ENOTDIR. Chosen once, for the architecture the process runs on.
    internal static readonly int O_DIRECT = ODirectFor(RuntimeInformation.ProcessArchitecture);
    internal const int O_CLOEXEC = 0x80000;
    internal const int O_SYNC = 0x101000;
    internal const int MSG_NOSIGNAL = 0x4000;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const uint STATX_BASIC_STATS_AND_BTIME = 0xFFF;
    internal const int IOV_MAX = 1024;

    internal static int ODirectFor(Architecture architecture) => architecture is Architecture.Arm64 or Architecture.Arm ? 0x10000 : 0x4000;
}
