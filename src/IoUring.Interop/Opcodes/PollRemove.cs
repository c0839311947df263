using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Cancels a poll request by its user data: 0 when found, ENOENT otherwise.</summary>
/// <remarks>
/// Available since Linux 5.1.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_poll_remove.3.html"/>
public struct PollRemove
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.PollRemove;

    /// <summary>Creates the builder.</summary>
    /// <param name="userData">User data of the poll request.</param>
    public PollRemove(ulong userData)
    {
        UserData = userData;
    }

    /// <summary>User data of the poll request.</summary>
    public ulong UserData { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = UserData;
        return entry;
    }
}
