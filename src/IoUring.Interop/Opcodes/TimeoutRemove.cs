using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Cancels a timeout by its user data: 0 when found (the timeout completes with ECANCELED), ENOENT otherwise.</summary>
/// <remarks>
/// Available since Linux 5.5.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_timeout_remove.3.html"/>
public struct TimeoutRemove
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.TimeoutRemove;

    /// <summary>Creates the builder.</summary>
    /// <param name="userData">User data of the timeout request.</param>
    public TimeoutRemove(ulong userData)
    {
        UserData = userData;
    }

    /// <summary>User data of the timeout request.</summary>
    public ulong UserData { get; set; }

    /// <summary>Must be 0 for a plain remove.</summary>
    public TimeoutFlags Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = UserData;
        sqe.timeout_flags = (uint)Flags;
        return entry;
    }
}
