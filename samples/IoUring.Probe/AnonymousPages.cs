using System;
using System.Runtime.InteropServices;

namespace IoUring.Samples.Probe;

/// <summary>Anonymous pages from mmap(2), for rings that are given their memory (IORING_SETUP_NO_MMAP).</summary>
/// <remarks>
/// The kernel pins the pages it is given and may still write to them while it tears a closed ring down in the
/// background. Memory from the C heap would be handed out again by free() while still pinned, and those late writes
/// would corrupt the heap; munmap only drops our mapping, so the kernel's writes land in pages nobody else sees.
/// </remarks>
internal static unsafe partial class AnonymousPages
{
    private const int PROT_READ = 0x1;
    private const int PROT_WRITE = 0x2;
    private const int MAP_PRIVATE = 0x02;
    private const int MAP_ANONYMOUS = 0x20;

    /// <summary>Maps <paramref name="length"/> zeroed, page-aligned bytes.</summary>
    public static void* Map(nuint length)
    {
        void* pages = mmap(null, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (pages == (void*)-1)
        {
            throw new InvalidOperationException($"mmap failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return pages;
    }

    /// <summary>Unmaps pages from <see cref="Map"/>; null is ignored.</summary>
    public static void Unmap(void* pages, nuint length)
    {
        if (pages != null)
        {
            _ = munmap(pages, length);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial void* mmap(void* addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc")]
    private static partial int munmap(void* addr, nuint length);
}
