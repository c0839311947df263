using IoUring.Interop.SourceGeneration;

namespace IoUring.Interop.Native;

// What of the header has been looked at by hand, so that a header bump names whatever is new (docs/header-bump.md).
//
// [Reviewed]: every constant and enum member of the Native layer is either generated into a public enum (EnumTable.cs),
// covered by the register table, or in one of these groups (a C name prefix, or a Native enum). A group lists the
// members its users handle; a member the header adds is IOU011 until it is handled and listed, a constant in no
// group at all is IOU010. A group with no members is skipped as a whole.
[Reviewed("IORING_CQE_BUFFER_SHIFT", "CompletionEntry.BufferId", "IORING_CQE_BUFFER_SHIFT")]
[Reviewed("IORING_FILE_INDEX_ALLOC", "DestinationSlot, FilesUpdate, AcceptMulti", "IORING_FILE_INDEX_ALLOC")]
[Reviewed("IORING_REGISTER_FILES_SKIP", "Submitter.RegisterFilesTagged, FilesUpdate", "IORING_REGISTER_FILES_SKIP")]
[Reviewed("IORING_REGISTER_SRC_", "Submitter.RegisterBuffersClone", "IORING_REGISTER_SRC_REGISTERED")]
[Reviewed("IORING_REGISTER_DST_", "Submitter.RegisterBuffersClone", "IORING_REGISTER_DST_REPLACE")]
[Reviewed("IORING_MEM_REGION_", "Submitter.RegisterMemRegion", "IORING_MEM_REGION_TYPE_USER", "IORING_MEM_REGION_REG_WAIT_ARG")]
[Reviewed("IORING_REG_WAIT_", "the io_uring_reg_wait flags; SubmitArgs does not use a registered wait region yet", "IORING_REG_WAIT_TS")]
[Reviewed("IORING_NOTIF_USAGE_", "the zero-copy notification's result bit; read from CompletionEntry.Result by the caller", "IORING_NOTIF_USAGE_ZC_COPIED")]
[Reviewed("IORING_OFF_", "RingSetup and Ring.Remap map the rings at these mmap(2) offsets",
    "IORING_OFF_SQ_RING", "IORING_OFF_CQ_RING", "IORING_OFF_SQES", "IORING_OFF_PBUF_RING", "IORING_OFF_PBUF_SHIFT", "IORING_OFF_MMAP_MASK")]
[Reviewed("IORING_RW_ATTR_", "the read/write builders' attribute pointer (io_uring_attr_pi)", "IORING_RW_ATTR_FLAG_PI")]
[Reviewed("IORING_TIMESTAMP_", "bit positions in a TX timestamp completion's flags; read by the caller", "IORING_TIMESTAMP_HW_SHIFT", "IORING_TIMESTAMP_TYPE_SHIFT")]
[Reviewed("IORING_URING_CMD_", "the URING_CMD builders (UringCmd16/80/128)", "IORING_URING_CMD_FIXED", "IORING_URING_CMD_MULTISHOT", "IORING_URING_CMD_MASK")]
[Reviewed("IORING_ZCRX_AREA_", "zero-copy receive areas; Submitter.RegisterIfq passes the caller's io_uring_zcrx_area_reg",
    "IORING_ZCRX_AREA_SHIFT", "IORING_ZCRX_AREA_MASK", "IORING_ZCRX_AREA_DMABUF")]
[Reviewed("IO_URING_BPF_", "IORING_REGISTER_BPF_FILTER's io_uring_bpf, built by the caller",
    "IO_URING_BPF_CMD_FILTER", "IO_URING_BPF_FILTER_DENY_REST", "IO_URING_BPF_FILTER_SZ_STRICT")]
[Reviewed("IO_URING_OP_SUPPORTED", "Probe", "IO_URING_OP_SUPPORTED")]
[Reviewed("IO_URING_QUERY_", "Submitter.RegisterQuery",
    "IO_URING_QUERY_OPCODES", "IO_URING_QUERY_ZCRX", "IO_URING_QUERY_SCQ", "IO_URING_QUERY_ZCRX_EVENT")]
[Reviewed("SPLICE_F_FD_IN_FIXED", "the Splice and Tee builders", "SPLICE_F_FD_IN_FIXED")]
[Reviewed("IORING_MOCK_", "linux/io_uring/mock_file.h: the kernel's test-only mock file device; the library does not bind it")]
[Reviewed(nameof(io_uring_msg_ring_flags), "the MSG_RING builders and Submitter.RegisterSendMsgRing", "IORING_MSG_DATA", "IORING_MSG_SEND_FD")]
[Reviewed(nameof(io_uring_napi_op), "Submitter.RegisterNapi",
    "IO_URING_NAPI_REGISTER_OP", "IO_URING_NAPI_STATIC_ADD_ID", "IO_URING_NAPI_STATIC_DEL_ID")]
[Reviewed(nameof(io_uring_napi_tracking_strategy), "NapiTracking",
    "IO_URING_NAPI_TRACKING_DYNAMIC", "IO_URING_NAPI_TRACKING_STATIC", "IO_URING_NAPI_TRACKING_INACTIVE")]
[Reviewed(nameof(io_uring_socket_op), "the socket URING_CMD builders (SiocInq, SiocOutq, GetSockOpt, SetSockOpt, GetSockName)",
    "SOCKET_URING_OP_SIOCINQ", "SOCKET_URING_OP_SIOCOUTQ", "SOCKET_URING_OP_GETSOCKOPT", "SOCKET_URING_OP_SETSOCKOPT",
    "SOCKET_URING_OP_TX_TIMESTAMP", "SOCKET_URING_OP_GETSOCKNAME")]
[Reviewed(nameof(io_wq_type), "the io-wq worker kinds of IORING_REGISTER_IOWQ_MAX_WORKERS (index into its two-element array)", "IO_WQ_BOUND", "IO_WQ_UNBOUND")]
[Reviewed(nameof(zcrx_ctrl_op), "Submitter.RegisterZcrxCtrl", "ZCRX_CTRL_FLUSH_RQ", "ZCRX_CTRL_EXPORT", "ZCRX_CTRL_ARM_EVENT")]
[Reviewed(nameof(zcrx_event_desc_flags), "zero-copy receive event descriptors, read by the caller", "ZCRX_EVENT_DESC_FLAG_STATS")]
[Reviewed(nameof(zcrx_event_type), "zero-copy receive events, read by the caller", "ZCRX_EVENT_ALLOC_FAIL", "ZCRX_EVENT_COPY")]
[Reviewed(nameof(zcrx_features), "zero-copy receive features reported by IO_URING_QUERY_ZCRX", "ZCRX_FEATURE_RX_PAGE_SIZE", "ZCRX_FEATURE_EVENT")]
[Reviewed(nameof(zcrx_reg_flags), "io_uring_zcrx_ifq_reg.flags, set by the caller of Submitter.RegisterIfq", "ZCRX_REG_IMPORT", "ZCRX_REG_NODEV")]
//
// [KernelCheckedStruct]: structs whose size the kernel checks against a size the library passes (or copies by its own
// sizeof), with the calls that pass them. A size change is IOU012 naming the struct and its calls; with Fields, a field
// the header adds (often carved out of a reserved one) is IOU013.
[KernelCheckedStruct(nameof(io_uring_params), 120, "io_uring_setup(2) (RingBuilder, RingParameters) and IORING_REGISTER_RESIZE_RINGS; the kernel copies its own sizeof",
    Fields = new[] { "sq_entries", "cq_entries", "flags", "sq_thread_cpu", "sq_thread_idle", "features", "wq_fd", "resv", "sq_off", "cq_off" })]
[KernelCheckedStruct(nameof(io_sqring_offsets), 40, "io_uring_params.sq_off, read by RingSetup to find the submission ring",
    Fields = new[] { "head", "tail", "ring_mask", "ring_entries", "flags", "dropped", "array", "resv1", "user_addr" })]
[KernelCheckedStruct(nameof(io_cqring_offsets), 40, "io_uring_params.cq_off, read by RingSetup to find the completion ring",
    Fields = new[] { "head", "tail", "ring_mask", "ring_entries", "overflow", "cqes", "flags", "resv1", "user_addr" })]
[KernelCheckedStruct(nameof(io_uring_sqe), 64, "the submission ring's entry size (128 with SQE128); every opcode builder writes it")]
[KernelCheckedStruct(nameof(io_uring_cqe), 16, "the completion ring's entry size (32 with CQE32); CompletionEntry reads it")]
[KernelCheckedStruct(nameof(io_uring_rsrc_register), 32, "IORING_REGISTER_FILES2 / BUFFERS2: nr_args must equal its size")]
[KernelCheckedStruct(nameof(io_uring_rsrc_update2), 32, "IORING_REGISTER_FILES_UPDATE2 / BUFFERS_UPDATE: nr_args must equal its size")]
[KernelCheckedStruct(nameof(io_uring_getevents_arg), 24, "io_uring_enter(2) with IORING_ENTER_EXT_ARG (Submitter.SubmitWithArgs): argsz must equal its size")]
[KernelCheckedStruct(nameof(io_uring_reg_wait), 64, "io_uring_enter(2) with IORING_ENTER_EXT_ARG_REG: argsz must equal its size")]
[KernelCheckedStruct(nameof(io_uring_buf_reg), 40, "IORING_REGISTER_PBUF_RING (BufferRing); the kernel copies its own sizeof and checks resv is zero")]
[KernelCheckedStruct(nameof(io_uring_mem_region_reg), 32, "IORING_REGISTER_MEM_REGION; the kernel copies its own sizeof and checks resv is zero")]
[KernelCheckedStruct(nameof(io_uring_clone_buffers), 32, "IORING_REGISTER_CLONE_BUFFERS; the kernel copies its own sizeof and checks pad is zero")]
[KernelCheckedStruct(nameof(io_uring_napi), 16, "IORING_REGISTER_NAPI / UNREGISTER_NAPI; the kernel copies its own sizeof and checks resv is zero")]
[KernelCheckedStruct(nameof(io_uring_clock_register), 16, "IORING_REGISTER_CLOCK; the kernel copies its own sizeof and checks resv is zero")]
[KernelCheckedStruct(nameof(io_uring_zcrx_ifq_reg), 96, "IORING_REGISTER_ZCRX_IFQ (Submitter.RegisterIfq); the kernel copies its own sizeof and checks resv is zero")]
[KernelCheckedStruct(nameof(io_uring_query_hdr), 40, "IORING_REGISTER_QUERY (Submitter.RegisterQuery): the header chain the kernel walks")]
internal static class ReviewTable
{
}
