using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary>The few C library calls the ring needs besides the io_uring system calls: mapping, advice and close.</summary>
/// <remarks>Each sets errno (read with <see cref="Marshal.GetLastPInvokeError"/>); values are the same on x86-64 and arm64 (asm-generic mman.h; LinuxConstantsTests checks both architectures' gcc).</remarks>
internal static unsafe partial class Libc
{
    internal const int PROT_READ = 0x1;
    internal const int PROT_WRITE = 0x2;
    internal const int MAP_SHARED = 0x01;
    internal const int MAP_PRIVATE = 0x02;
    internal const int MAP_ANONYMOUS = 0x20;
    internal const int MAP_POPULATE = 0x8000;
    internal const int MADV_DONTFORK = 10;

    /// <summary>The value mmap(2) returns on failure.</summary>
    internal static readonly void* MAP_FAILED = (void*)-1;

    /// <seealso href="https://man7.org/linux/man-pages/man2/mmap.2.html"/>
    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    internal static partial void* mmap(void* addr, nuint length, int prot, int flags, int fd, long offset);

    /// <seealso href="https://man7.org/linux/man-pages/man2/munmap.2.html"/>
    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    internal static partial int munmap(void* addr, nuint length);

    /// <seealso href="https://man7.org/linux/man-pages/man2/madvise.2.html"/>
    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    internal static partial int madvise(void* addr, nuint length, int advice);

    /// <seealso href="https://man7.org/linux/man-pages/man2/close.2.html"/>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int close(int fd);
}
