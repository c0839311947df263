using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Cancels a request by its user data: 0 when cancelled, ENOENT when not found, EALREADY when it is already running.</summary>
/// <remarks>
/// Available since Linux 5.5.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_cancel.3.html"/>
public struct AsyncCancel
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.AsyncCancel;

    /// <summary>Creates the builder.</summary>
    /// <param name="userData">User data of the request to cancel.</param>
    public AsyncCancel(ulong userData)
    {
        UserData = userData;
    }

    /// <summary>User data of the request to cancel.</summary>
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
