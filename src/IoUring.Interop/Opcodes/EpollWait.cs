using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Waits for events on an epoll instance, like <c>epoll_wait(2)</c> with no timeout; the result is the number of events.</summary>
/// <remarks>
/// Available since Linux 6.15.
/// <para><b>Safety:</b> the kernel writes the events array after submission.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/epoll_wait.2.html"/>
public unsafe struct EpollWait
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.EpollWait;

    /// <summary>Creates the builder.</summary>
    /// <param name="epollFd">The epoll instance.</param>
    /// <param name="events">Receives the events.</param>
    /// <param name="maxEvents">Capacity of the events array.</param>
    public EpollWait(FileTarget epollFd, EpollEvent* events, uint maxEvents)
    {
        EpollFd = epollFd;
        Events = events;
        MaxEvents = maxEvents;
    }

    /// <summary>The epoll instance.</summary>
    public FileTarget EpollFd { get; set; }

    /// <summary>Receives the events.</summary>
    public EpollEvent* Events { get; set; }

    /// <summary>Capacity of the events array.</summary>
    public uint MaxEvents { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, EpollFd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)Events;
        sqe.len = MaxEvents;
        return entry;
    }
}
