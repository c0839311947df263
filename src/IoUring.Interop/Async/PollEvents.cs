using System;

namespace IoUring.Interop.Async;

/// <summary>The poll(2) event bits <see cref="RingEngine.PollAsync"/> waits for and returns.</summary>
/// <remarks>Values of the <c>POLL*</c> constants on Linux. Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/poll.2.html"/>
[Flags]
public enum PollEvents : uint
{
    /// <summary>No event.</summary>
    None = 0,

    /// <summary>Data to read (<c>POLLIN</c>).</summary>
    In = 0x1,

    /// <summary>Urgent data to read (<c>POLLPRI</c>).</summary>
    Priority = 0x2,

    /// <summary>Writing will not block (<c>POLLOUT</c>).</summary>
    Out = 0x4,

    /// <summary>An error condition (<c>POLLERR</c>; always reported).</summary>
    Error = 0x8,

    /// <summary>The peer hung up (<c>POLLHUP</c>; always reported).</summary>
    HangUp = 0x10,

    /// <summary>The peer closed its writing half (<c>POLLRDHUP</c>).</summary>
    ReadHangUp = 0x2000,
}
