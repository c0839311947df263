using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Changes the events and/or user data of an armed poll request in place.</summary>
/// <remarks>
/// Available since Linux 5.13.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_poll_update.3.html"/>
public struct PollUpdate
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.PollRemove;

    /// <summary>Creates the builder.</summary>
    /// <param name="oldUserData">User data of the poll request to update.</param>
    public PollUpdate(ulong oldUserData)
    {
        OldUserData = oldUserData;
    }

    /// <summary>User data of the poll request to update.</summary>
    public ulong OldUserData { get; set; }

    /// <summary>New user data (IORING_POLL_UPDATE_USER_DATA).</summary>
    public ulong? NewUserData { get; set; }

    /// <summary>New POLL* mask (IORING_POLL_UPDATE_EVENTS).</summary>
    public uint? NewEvents { get; set; }

    /// <summary>Keep or make the poll multishot.</summary>
    public bool Multishot { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        uint flags = Multishot ? IORING_POLL_ADD_MULTI : 0u;
        sqe.addr = OldUserData;
        if (NewUserData is ulong userData)
        {
            sqe.off = userData;
            flags |= IORING_POLL_UPDATE_USER_DATA;
        }

        if (NewEvents is uint events)
        {
            sqe.poll32_events = events;
            flags |= IORING_POLL_UPDATE_EVENTS;
        }

        sqe.len = flags;
        return entry;
    }
}
