using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Re-arms a pending timeout (or, with <see cref="LinkTimeout"/>, a link timeout) with a new time.</summary>
/// <remarks>
/// Available since Linux 5.11.
/// <para><b>Safety:</b> the kernel reads the timespec when the request is prepared, which can happen after submission returns (for example when the request is linked): keep it valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_timeout_update.3.html"/>
public unsafe struct TimeoutUpdate
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.TimeoutRemove;

    /// <summary>Creates the builder.</summary>
    /// <param name="userData">User data of the timeout to update.</param>
    /// <param name="time">The new time.</param>
    public TimeoutUpdate(ulong userData, Timespec* time)
    {
        UserData = userData;
        Time = time;
    }

    /// <summary>User data of the timeout to update.</summary>
    public ulong UserData { get; set; }

    /// <summary>The new time.</summary>
    public Timespec* Time { get; set; }

    /// <summary>Clock and ABS flags for the new time.</summary>
    public TimeoutFlags Flags { get; set; }

    /// <summary>Update a LinkTimeout instead of a Timeout (IORING_LINK_TIMEOUT_UPDATE, Linux 5.15).</summary>
    public bool LinkTimeout { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = UserData;
        sqe.addr2 = (ulong)Time;
        // The kernel takes the update path only with IORING_TIMEOUT_UPDATE set (without it, it removes);
        // IORING_LINK_TIMEOUT_UPDATE on top selects the link-timeout list.
        sqe.timeout_flags = (uint)Flags | IORING_TIMEOUT_UPDATE | (LinkTimeout ? IORING_LINK_TIMEOUT_UPDATE : 0u);
        return entry;
    }
}
