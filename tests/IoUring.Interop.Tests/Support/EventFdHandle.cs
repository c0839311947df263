using System;
using System.Runtime.InteropServices;

namespace IoUring.Interop.Tests;

/// <summary>A non-blocking eventfd(2), to watch the ring's completion notifications.</summary>
public sealed unsafe partial class EventFdHandle : IDisposable
{
    private const int EFD_CLOEXEC = 0x80000;
    private const int EFD_NONBLOCK = 0x800;

    public EventFdHandle()
    {
        Fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (Fd < 0)
        {
            throw new InvalidOperationException("eventfd failed: errno " + Marshal.GetLastPInvokeError());
        }
    }

    public int Fd { get; }

    /// <summary>Reads and resets the counter; 0 when nothing was signalled (EAGAIN).</summary>
    public ulong Take()
    {
        ulong value = 0;
        return read(Fd, &value, sizeof(ulong)) == sizeof(ulong) ? value : 0;
    }

    public void Dispose() => close(Fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint read(int fd, void* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
