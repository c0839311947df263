using IoUring.Interop.Native;
using IoUring.Interop.SourceGeneration;

namespace IoUring.Interop.Opcodes;

// The opcode table (timeouts, cancellation, poll, messages between rings, futexes, waitid and URING_CMD): one [OpcodeBuilder] row per builder and one [OpcodeField] row per field, with the
// io_uring_sqe slot the kernel reads it from (io_uring/*.c prep functions). generator/IoUring.SourceGen/Opcodes writes
// the builder structs from it; Encode names a shared encoder (EntryStart.*), CustomBuild means the builder's own file
// holds Build().
[OpcodeBuilder("TimeoutAdd", nameof(io_uring_op.IORING_OP_TIMEOUT), "5.4",
    "A timer on the completion queue: completes with ETIME when it expires, or 0 once <see cref=\"Count\"/> other completions have arrived.",
    Man = "man3/io_uring_prep_timeout.3", Rust = "Timeout", Liburing = "io_uring_prep_timeout", Safety = "the kernel reads the timespec when the request is prepared, which can happen after submission returns (for example when the request is linked): keep it valid until the completion arrives.", Set = new[] { "len = 1" })]
[OpcodeField("TimeoutAdd", "Time", typeof(Timespec*), "Relative duration, or absolute time with TimeoutFlags.Abs.", Required = true, Slot = "addr")]
[OpcodeField("TimeoutAdd", "Count", typeof(uint), "Completions to wait for; 0 means only the timer counts.", Slot = "off")]
[OpcodeField("TimeoutAdd", "Flags", typeof(TimeoutFlags), "IORING_TIMEOUT_* flags: ABS, BOOTTIME, REALTIME, ETIME_SUCCESS, MULTISHOT (Linux 6.4, with Count as the number of shots, 0 = forever).", Slot = "timeout_flags")]

[OpcodeBuilder("TimeoutRemove", nameof(io_uring_op.IORING_OP_TIMEOUT_REMOVE), "5.5",
    "Cancels a timeout by its user data: 0 when found (the timeout completes with ECANCELED), ENOENT otherwise.",
    Man = "man3/io_uring_prep_timeout_remove.3", Liburing = "io_uring_prep_timeout_remove")]
[OpcodeField("TimeoutRemove", "UserData", typeof(ulong), "User data of the timeout request.", Required = true, Slot = "addr")]
[OpcodeField("TimeoutRemove", "Flags", typeof(TimeoutFlags), "Must be 0 for a plain remove.", Slot = "timeout_flags")]

[OpcodeBuilder("TimeoutUpdate", nameof(io_uring_op.IORING_OP_TIMEOUT_REMOVE), "5.11",
    "Re-arms a pending timeout (or, with <see cref=\"LinkTimeout\"/>, a link timeout) with a new time.",
    Man = "man3/io_uring_prep_timeout_update.3", Liburing = "io_uring_prep_timeout_update (with IORING_LINK_TIMEOUT_UPDATE for a link timeout)", Safety = "the kernel reads the timespec when the request is prepared, which can happen after submission returns (for example when the request is linked): keep it valid until the completion arrives.", CustomBuild = true)]
[OpcodeField("TimeoutUpdate", "UserData", typeof(ulong), "User data of the timeout to update.", Required = true)]
[OpcodeField("TimeoutUpdate", "Time", typeof(Timespec*), "The new time.", Required = true)]
[OpcodeField("TimeoutUpdate", "Flags", typeof(TimeoutFlags), "Clock and ABS flags for the new time.")]
[OpcodeField("TimeoutUpdate", "LinkTimeout", typeof(bool), "Update a LinkTimeout instead of a Timeout (IORING_LINK_TIMEOUT_UPDATE, Linux 5.15).")]

[OpcodeBuilder("LinkTimeout", nameof(io_uring_op.IORING_OP_LINK_TIMEOUT), "5.5",
    "Bounds the request linked before it (SqeFlags.IoLink on that one): when the time passes first, that request is cancelled.",
    Man = "man3/io_uring_prep_link_timeout.3", Liburing = "io_uring_prep_link_timeout", Safety = "the kernel reads the timespec when the request is prepared, which can happen after submission returns (for example when the request is linked): keep it valid until the completion arrives.", Set = new[] { "len = 1" },
    Remarks = "The link timeout's own completion says what happened: <c>-ETIME</c>, the timer fired and the linked request was cancelled (its completion follows, usually <c>-ECANCELED</c>, or <c>-EINTR</c> if it was blocking in an io-wq worker); <c>-ECANCELED</c>, the request finished first. Anything else (<c>-ENOENT</c>, <c>-EALREADY</c>) means the timer fired while the request was running in an io-wq worker (IOSQE_ASYNC, IOSQE_IO_DRAIN, or I/O that cannot complete without blocking), after its attempt and before it armed a poll: the cancel missed and the request <b>stays pending</b>, perhaps for ever (io_uring/cancel.c, seen on Linux 6.18; docs/reliability.md has the rate). Then cancel it again with <see cref=\"AsyncCancel\"/> by its user data, and repeat, after a short delay, while the answer is <c>-EALREADY</c> or <c>-ENOENT</c> and the request's completion has not arrived.")]
[OpcodeField("LinkTimeout", "Time", typeof(Timespec*), "Relative duration, or absolute time with TimeoutFlags.Abs.", Required = true, Slot = "addr")]
[OpcodeField("LinkTimeout", "Flags", typeof(TimeoutFlags), "IORING_TIMEOUT_* clock/ABS flags.", Slot = "timeout_flags")]

[OpcodeBuilder("AsyncCancel", nameof(io_uring_op.IORING_OP_ASYNC_CANCEL), "5.5",
    "Cancels a request by its user data: 0 when cancelled, ENOENT when not found, EALREADY when it is already running.",
    Man = "man3/io_uring_prep_cancel.3", Liburing = "io_uring_prep_cancel64",
    Remarks = "<c>-EALREADY</c> (and sometimes <c>-ENOENT</c>) does not mean the request is ending: one running in an io-wq worker that then arms a poll (a read of an idle pipe or socket under IOSQE_ASYNC) stays pending, and only a later cancel finds it. Until the request's own completion arrives, cancel again after a short delay.")]
[OpcodeField("AsyncCancel", "UserData", typeof(ulong), "User data of the request to cancel.", Required = true, Slot = "addr")]

[OpcodeBuilder("AsyncCancel2", nameof(io_uring_op.IORING_OP_ASYNC_CANCEL), "5.19",
    "Cancels requests matched by a CancelBuilder (user data, fd, opcode, any; one or all): the result is the number cancelled with ALL.",
    Man = "man3/io_uring_prep_cancel.3", Liburing = "io_uring_prep_cancel, io_uring_prep_cancel_fd", CustomBuild = true)]
[OpcodeField("AsyncCancel2", "Builder", typeof(CancelBuilder), "What to match.", Required = true)]

[OpcodeBuilder("PollAdd", nameof(io_uring_op.IORING_OP_POLL_ADD), "5.1",
    "Waits until a file is ready, like <c>poll(2)</c> on one fd; the result is the ready event mask.",
    Man = "man3/io_uring_prep_poll_add.3", Liburing = "io_uring_prep_poll_add, io_uring_prep_poll_multishot", CustomBuild = true)]
[OpcodeField("PollAdd", "Fd", typeof(FileTarget), "Target file (raw fd or registered index).", Required = true)]
[OpcodeField("PollAdd", "Events", typeof(uint), "POLL* event bits (POLLIN 0x1, POLLOUT 0x4...).", Required = true)]
[OpcodeField("PollAdd", "Multishot", typeof(bool), "Keep the poll armed: one completion per readiness change while CqeFlags.More is set (Linux 5.13).")]
[OpcodeField("PollAdd", "LevelTriggered", typeof(bool), "Level-triggered rather than edge-triggered (IORING_POLL_ADD_LEVEL).")]

[OpcodeBuilder("PollRemove", nameof(io_uring_op.IORING_OP_POLL_REMOVE), "5.1",
    "Cancels a poll request by its user data: 0 when found, ENOENT otherwise.",
    Man = "man3/io_uring_prep_poll_remove.3", Liburing = "io_uring_prep_poll_remove")]
[OpcodeField("PollRemove", "UserData", typeof(ulong), "User data of the poll request.", Required = true, Slot = "addr")]

[OpcodeBuilder("PollUpdate", nameof(io_uring_op.IORING_OP_POLL_REMOVE), "5.13",
    "Changes the events and/or user data of an armed poll request in place.",
    Man = "man3/io_uring_prep_poll_update.3", Rust = "-", Liburing = "io_uring_prep_poll_update", CustomBuild = true)]
[OpcodeField("PollUpdate", "OldUserData", typeof(ulong), "User data of the poll request to update.", Required = true)]
[OpcodeField("PollUpdate", "NewUserData", typeof(ulong?), "New user data (IORING_POLL_UPDATE_USER_DATA).")]
[OpcodeField("PollUpdate", "NewEvents", typeof(uint?), "New POLL* mask (IORING_POLL_UPDATE_EVENTS).")]
[OpcodeField("PollUpdate", "Multishot", typeof(bool), "Keep or make the poll multishot.")]

[OpcodeBuilder("MsgRingData", nameof(io_uring_op.IORING_OP_MSG_RING), "5.18",
    "Posts a completion with <see cref=\"Result\"/> and <see cref=\"UserData\"/> on another ring.",
    Man = "man3/io_uring_prep_msg_ring.3", Liburing = "io_uring_prep_msg_ring, io_uring_prep_msg_ring_cqe_flags", CustomBuild = true)]
[OpcodeField("MsgRingData", "RingFd", typeof(int), "Target ring fd (io_uring files cannot be registered, so never a fixed index).", Required = true)]
[OpcodeField("MsgRingData", "Result", typeof(int), "The target completion's result.", Required = true)]
[OpcodeField("MsgRingData", "UserData", typeof(ulong), "The target completion's user data.", Required = true)]
[OpcodeField("MsgRingData", "UserFlags", typeof(uint?), "The target completion's flags (IORING_MSG_RING_FLAGS_PASS, Linux 6.3).")]
[OpcodeField("MsgRingData", "Flags", typeof(MsgRingFlags), "IORING_MSG_RING_* flags.")]

[OpcodeBuilder("MsgRingSendFd", nameof(io_uring_op.IORING_OP_MSG_RING), "6.0",
    "Sends one of this ring's direct descriptors to another ring's file table and posts a completion there.",
    Man = "man3/io_uring_prep_msg_ring_fd.3", Liburing = "io_uring_prep_msg_ring_fd, io_uring_prep_msg_ring_fd_alloc", Set = new[] { "addr = (ulong)io_uring_msg_ring_flags.IORING_MSG_SEND_FD" })]
[OpcodeField("MsgRingSendFd", "RingFd", typeof(int), "Target ring fd (io_uring files cannot be registered, so never a fixed index).", Required = true, Slot = "fd")]
[OpcodeField("MsgRingSendFd", "Source", typeof(Fixed), "Direct descriptor to send.", Required = true, Slot = "addr3", Value = "Source.Index")]
[OpcodeField("MsgRingSendFd", "Destination", typeof(DestinationSlot), "Slot in the target ring (or Auto).", Required = true, Slot = "file_index", Value = "Destination.FileIndex")]
[OpcodeField("MsgRingSendFd", "UserData", typeof(ulong), "The target completion's user data.", Required = true, Slot = "off")]
[OpcodeField("MsgRingSendFd", "Flags", typeof(MsgRingFlags), "IORING_MSG_RING_CQE_SKIP: post no completion on the target.", Slot = "msg_ring_flags")]

[OpcodeBuilder("FutexWait", nameof(io_uring_op.IORING_OP_FUTEX_WAIT), "6.7",
    "Waits on a futex while it holds <see cref=\"Value\"/>, like <c>futex_wait(2)</c> (futex2).",
    Man = "man3/io_uring_prep_futex_wait.3", Liburing = "io_uring_prep_futex_wait", Safety = "the futex word must stay mapped until the completion arrives.", Encode = "EntryStart.Futex(Code, Futex, Value, Mask, FutexFlags, Flags)")]
[OpcodeField("FutexWait", "Futex", typeof(uint*), "The futex word.", Required = true)]
[OpcodeField("FutexWait", "Value", typeof(ulong), "Expected value; EAGAIN when it differs.", Required = true)]
[OpcodeField("FutexWait", "Mask", typeof(ulong), "Wake bitset (FUTEX_BITSET_MATCH_ANY = 0xFFFFFFFF).", Required = true)]
[OpcodeField("FutexWait", "FutexFlags", typeof(uint), "FUTEX2_* flags (FUTEX2_SIZE_U32 = 2, FUTEX2_PRIVATE = 128).", Required = true)]
[OpcodeField("FutexWait", "Flags", typeof(uint), "io_uring futex flags; must be 0.")]

[OpcodeBuilder("FutexWake", nameof(io_uring_op.IORING_OP_FUTEX_WAKE), "6.7",
    "Wakes up to <see cref=\"Count\"/> waiters of a futex, like <c>futex_wake(2)</c>; the result is the number woken.",
    Man = "man3/io_uring_prep_futex_wake.3", Liburing = "io_uring_prep_futex_wake", Safety = "the futex word must stay mapped until the completion arrives.", Encode = "EntryStart.Futex(Code, Futex, Count, Mask, FutexFlags, Flags)")]
[OpcodeField("FutexWake", "Futex", typeof(uint*), "The futex word.", Required = true)]
[OpcodeField("FutexWake", "Count", typeof(ulong), "Most waiters to wake.", Required = true)]
[OpcodeField("FutexWake", "Mask", typeof(ulong), "Wake bitset.", Required = true)]
[OpcodeField("FutexWake", "FutexFlags", typeof(uint), "FUTEX2_* flags.", Required = true)]
[OpcodeField("FutexWake", "Flags", typeof(uint), "io_uring futex flags; must be 0.")]

[OpcodeBuilder("FutexWaitV", nameof(io_uring_op.IORING_OP_FUTEX_WAITV), "6.7",
    "Waits on several futexes at once, like <c>futex_waitv(2)</c>; the result is the index of the one woken.",
    Man = "man3/io_uring_prep_futex_waitv.3", Liburing = "io_uring_prep_futex_waitv", Safety = "the array and the futex words must stay valid until the completion arrives.", Remarks = "The array holds <see cref=\"FutexWaiter\"/> elements (<c>struct futex_waitv</c>).", StartFd = 0)]
[OpcodeField("FutexWaitV", "Futexes", typeof(FutexWaiter*), "The futex_waitv array.", Required = true, Slot = "addr")]
[OpcodeField("FutexWaitV", "Count", typeof(uint), "Number of elements (at most 128).", Required = true, Slot = "len")]
[OpcodeField("FutexWaitV", "Flags", typeof(uint), "io_uring futex flags; must be 0.", Slot = "futex_flags")]

// WaitId: waitid(2)'s arguments: idtype in sqe->len, id in sqe->fd, options in sqe->file_index, infop in sqe->addr2.
[OpcodeBuilder("WaitId", nameof(io_uring_op.IORING_OP_WAITID), "6.7",
    "Waits for a child process state change, like <c>waitid(2)</c>.",
    Man = "man2/waitid.2", Liburing = "io_uring_prep_waitid", Safety = "the kernel writes the siginfo after submission.")]
[OpcodeField("WaitId", "IdType", typeof(int), "P_ALL (0), P_PID (1), P_PGID (2) or P_PIDFD (3).", Required = true, Slot = "len")]
[OpcodeField("WaitId", "Id", typeof(int), "The pid, pgid or pidfd.", Required = true, Slot = "fd")]
[OpcodeField("WaitId", "Options", typeof(int), "WEXITED (4), WSTOPPED, WCONTINUED, WNOWAIT...", Required = true, Slot = "file_index")]
[OpcodeField("WaitId", "Info", typeof(void*), "Receives a siginfo_t (128 bytes), or null.", Slot = "addr2")]
[OpcodeField("WaitId", "Flags", typeof(uint), "io_uring waitid flags; must be 0.", Slot = "waitid_flags")]

[OpcodeBuilder("UringCmd16", nameof(io_uring_op.IORING_OP_URING_CMD), "5.19",
    "A file-specific command with 16 bytes of inline data, akin to <c>ioctl(2)</c>, for 64-byte entries.",
    Man = "man3/io_uring_prep_uring_cmd.3", Liburing = "io_uring_prep_uring_cmd", CustomBuild = true)]
[OpcodeField("UringCmd16", "Fd", typeof(FileTarget), "Target file (raw fd or registered index); the driver or socket decides what the command means.", Required = true)]
[OpcodeField("UringCmd16", "CommandOp", typeof(uint), "The driver's command code (sqe->cmd_op).", Required = true)]
[OpcodeField("UringCmd16", "Command", typeof(UringCmdData16), "The 16 command bytes.")]
[OpcodeField("UringCmd16", "BufferIndex", typeof(ushort?), "Registered buffer the command uses (IORING_URING_CMD_FIXED).")]

[OpcodeBuilder("UringCmd80", nameof(io_uring_op.IORING_OP_URING_CMD), "5.19",
    "A file-specific command with 80 bytes of inline data, for rings set up with SQE128.",
    Man = "man3/io_uring_prep_uring_cmd.3", Liburing = "io_uring_prep_uring_cmd", Entry128 = true, Encode = "EntryStart.Command80(Code, Fd, CommandOp, Command, BufferIndex)")]
[OpcodeField("UringCmd80", "Fd", typeof(FileTarget), "Target file (raw fd or registered index); the driver or socket decides what the command means.", Required = true)]
[OpcodeField("UringCmd80", "CommandOp", typeof(uint), "The driver's command code (sqe->cmd_op).", Required = true)]
[OpcodeField("UringCmd80", "Command", typeof(UringCmdData80), "The 80 command bytes.")]
[OpcodeField("UringCmd80", "BufferIndex", typeof(ushort?), "Registered buffer the command uses (IORING_URING_CMD_FIXED).")]

[OpcodeBuilder("UringCmd128", nameof(io_uring_op.IORING_OP_URING_CMD128), "6.19",
    "A file-specific 80-byte command that takes a big slot on an SQE_MIXED ring (URING_CMD on an SQE128 ring is the same thing).",
    Man = "man3/io_uring_prep_uring_cmd.3", Rust = "-", Liburing = "io_uring_prep_uring_cmd128", Entry128 = true, Encode = "EntryStart.Command80(Code, Fd, CommandOp, Command, BufferIndex)")]
[OpcodeField("UringCmd128", "Fd", typeof(FileTarget), "Target file (raw fd or registered index); the driver or socket decides what the command means.", Required = true)]
[OpcodeField("UringCmd128", "CommandOp", typeof(uint), "The driver's command code (sqe->cmd_op).", Required = true)]
[OpcodeField("UringCmd128", "Command", typeof(UringCmdData80), "The 80 command bytes.")]
[OpcodeField("UringCmd128", "BufferIndex", typeof(ushort?), "Registered buffer the command uses (IORING_URING_CMD_FIXED).")]
internal static partial class OpcodeTable
{
}
