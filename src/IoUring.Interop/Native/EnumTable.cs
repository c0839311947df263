using IoUring.Interop.SourceGeneration;

namespace IoUring.Interop.Native;

// The public enums over the Native constants. Members are every constant with the group's prefix (bit numbers,
// shifts, masks and sentinels left out; [Flags] enums keep single bits only), named by stripping the prefix and
// PascalCasing the words; the overrides below spell the words C runs together. A newer header's constant with a
// group's prefix appears with no edit here.
[GeneratedEnum("SetupFlags", "Flags for io_uring_setup(2) (io_uring_params.flags)", "IORING_SETUP_", Since = "5.1")]
[GeneratedEnum("Features", "Features the kernel reports in io_uring_params.features", "IORING_FEAT_", Since = "5.4")]
[GeneratedEnum("EnterFlags", "Flags for io_uring_enter(2)", "IORING_ENTER_", Since = "5.1")]
[GeneratedEnum("SqeFlags", "Flags of a submission queue entry (io_uring_sqe.flags)", "IOSQE_", UnderlyingType = typeof(byte), Since = "5.1")]
[GeneratedEnum("CqeFlags", "Flags of a completion queue entry (io_uring_cqe.flags)", "IORING_CQE_F_", Since = "5.7")]
[GeneratedEnum("SqRingFlags", "Flags the kernel sets in the submission ring's flags word", "IORING_SQ_", Since = "5.1")]
[GeneratedEnum("CqRingFlags", "Flags of the completion ring's flags word", "IORING_CQ_", Since = "5.8")]
[GeneratedEnum("TimeoutFlags", "Flags of IORING_OP_TIMEOUT, TIMEOUT_REMOVE and LINK_TIMEOUT", "IORING_TIMEOUT_",
    Include = new[] { nameof(Constants.IORING_LINK_TIMEOUT_UPDATE) }, Since = "5.5")]
[GeneratedEnum("AsyncCancelFlags", "Flags of IORING_OP_ASYNC_CANCEL and IORING_REGISTER_SYNC_CANCEL", "IORING_ASYNC_CANCEL_", Since = "5.19")]
[GeneratedEnum("RecvSendFlags", "Flags of the send and receive opcodes (sqe.ioprio)", "IORING_RECVSEND_", "IORING_RECV_", "IORING_SEND_", Since = "5.19")]
[GeneratedEnum("AcceptFlags", "Flags of IORING_OP_ACCEPT (sqe.ioprio)", "IORING_ACCEPT_", Since = "5.19")]
[GeneratedEnum("FsyncFlags", "Flags of IORING_OP_FSYNC", "IORING_FSYNC_", Since = "5.1")]
[GeneratedEnum("PollFlags", "Flags of IORING_OP_POLL_ADD and POLL_REMOVE (sqe.len)", "IORING_POLL_", Since = "5.13")]
[GeneratedEnum("MsgRingFlags", "Flags of IORING_OP_MSG_RING", "IORING_MSG_RING_")]
[GeneratedEnum("RsrcRegisterFlags", "Flags of io_uring_rsrc_register", "IORING_RSRC_REGISTER_", Since = "5.19")]
[GeneratedEnum("PbufRingFlags", "Flags of io_uring_buf_reg for IORING_REGISTER_PBUF_RING", "IOU_PBUF_RING_", Since = "6.4")]
[GeneratedEnum("RestrictionOp", "Kinds of io_uring_restriction for IORING_REGISTER_RESTRICTIONS", "IORING_RESTRICTION_",
    FromEnum = nameof(io_uring_register_restriction_op), IsFlags = false, Since = "5.10")]
[GeneratedEnum("NopFlags", "Flags of IORING_OP_NOP", "IORING_NOP_", Since = "6.10")]
[GeneratedEnum("FixedFdFlags", "Flags of IORING_OP_FIXED_FD_INSTALL", "IORING_FIXED_FD_", Since = "6.8")]
[NameOverride("GETEVENTS", "GetEvents")]
[NameOverride("SQPOLL", "SqPoll")]
[NameOverride("IOPOLL", "IoPoll")]
[NameOverride("CQSIZE", "CqSize")]
[NameOverride("TASKRUN", "TaskRun")]
[NameOverride("SQARRAY", "SqArray")]
[NameOverride("NODROP", "NoDrop")]
[NameOverride("32BITS", "32Bits")]
[NameOverride("NONFIXED", "NonFixed")]
[NameOverride("RECVSEND", "RecvSend")]
[NameOverride("IOWAIT", "IoWait")]
[NameOverride("HARDLINK", "HardLink")]
[NameOverride("NONEMPTY", "NonEmpty")]
[NameOverride("TSTAMP", "Tstamp")]
[NameOverride("EVENTFD", "EventFd")]
[NameOverride("BOOTTIME", "BootTime")]
[NameOverride("REALTIME", "RealTime")]
[NameOverride("ETIME", "ETime")]
[NameOverride("MULTISHOT", "MultiShot")]
[NameOverride("USERDATA", "UserData")]
[NameOverride("DONTWAIT", "DontWait")]
[NameOverride("DATASYNC", "DataSync")]
[NameOverride("CLOEXEC", "CloExec")]
[NameOverride(nameof(Constants.IORING_CQE_F_32), "Cqe32")]
internal static class EnumTable
{
}
