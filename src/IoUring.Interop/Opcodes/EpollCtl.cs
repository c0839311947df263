using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Adds, modifies or removes an fd of an epoll instance, like <c>epoll_ctl(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// <para><b>Safety:</b> the event must stay valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/epoll_ctl.2.html"/>
public unsafe struct EpollCtl
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.EpollCtl;

    /// <summary>Creates the builder.</summary>
    /// <param name="epollFd">The epoll instance.</param>
    /// <param name="fd">The fd to watch.</param>
    /// <param name="operation">EPOLL_CTL_ADD (1), _DEL (2) or _MOD (3).</param>
    /// <param name="event">The event description (ignored for DEL).</param>
    public EpollCtl(FileTarget epollFd, int fd, int operation, EpollEvent* @event)
    {
        EpollFd = epollFd;
        Fd = fd;
        Operation = operation;
        Event = @event;
    }

    /// <summary>The epoll instance.</summary>
    public FileTarget EpollFd { get; set; }

    /// <summary>The fd to watch.</summary>
    public int Fd { get; set; }

    /// <summary>EPOLL_CTL_ADD (1), _DEL (2) or _MOD (3).</summary>
    public int Operation { get; set; }

    /// <summary>The event description (ignored for DEL).</summary>
    public EpollEvent* Event { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, EpollFd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)Event;
        sqe.len = (uint)Operation;
        sqe.off = (ulong)(uint)Fd;
        return entry;
    }
}
