using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Waits until a file is ready, like <c>poll(2)</c> on one fd; the result is the ready event mask.</summary>
/// <remarks>
/// Available since Linux 5.1.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_poll_add.3.html"/>
public struct PollAdd
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.PollAdd;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file (raw fd or registered index).</param>
    /// <param name="events">POLL* event bits (POLLIN 0x1, POLLOUT 0x4...).</param>
    public PollAdd(FileTarget fd, uint events)
    {
        Fd = fd;
        Events = events;
    }

    /// <summary>Target file (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>POLL* event bits (POLLIN 0x1, POLLOUT 0x4...).</summary>
    public uint Events { get; set; }

    /// <summary>Keep the poll armed: one completion per readiness change while CqeFlags.More is set (Linux 5.13).</summary>
    public bool Multishot { get; set; }

    /// <summary>Level-triggered rather than edge-triggered (IORING_POLL_ADD_LEVEL).</summary>
    public bool LevelTriggered { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        // poll32_events holds the mask in host order on little-endian machines; the POLL_ADD flags live in sqe->len.
        sqe.poll32_events = Events;
        sqe.len = (Multishot ? IORING_POLL_ADD_MULTI : 0u) | (LevelTriggered ? IORING_POLL_ADD_LEVEL : 0u);
        return entry;
    }
}
