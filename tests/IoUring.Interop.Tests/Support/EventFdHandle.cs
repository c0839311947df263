using System;

namespace IoUring.Interop.Tests;

/// <summary>A non-blocking eventfd(2), to watch the ring's completion notifications.</summary>
public sealed class EventFdHandle : IDisposable
{
    public EventFdHandle()
    {
        Fd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (Fd < 0)
        {
            throw new InvalidOperationException("eventfd failed: errno " + Libc.Errno);
        }
    }

    public int Fd { get; }

    /// <summary>Reads and resets the counter; 0 when nothing was signalled (EAGAIN).</summary>
    public ulong Take() => Libc.ReadEventfd(Fd);

    public void Dispose() => Libc.close(Fd);
}
