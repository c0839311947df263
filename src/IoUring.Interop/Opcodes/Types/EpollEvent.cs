using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary><c>struct epoll_event</c> as x86-64 lays it out: packed, 12 bytes (the kernel declares it <c>__attribute__((packed))</c> there).</summary>
/// <remarks>Used by the EpollCtl and EpollWait builders. Available since Linux 5.6 (as an io_uring argument).</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/epoll_ctl.2.html"/>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct EpollEvent
{
    /// <summary>EPOLL* event bits.</summary>
    public uint Events;

    /// <summary>User data returned with the event.</summary>
    public ulong Data;
}
