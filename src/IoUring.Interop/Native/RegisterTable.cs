using IoUring.Interop.SourceGeneration;

namespace IoUring.Interop.Native;

// The register table: one row per io_uring_register_op member, from which generator/IoUring.SourceGen writes
// Syscalls.<Name>(int ringFd, <shape parameters>, bool registeredRing = false). Shapes and nr_args follow
// __io_uring_register() in io_uring/register.c and io_uring_register(2); versions are the kernel release that
// added the opcode. After a header bump, IOU004 names every new member that needs a row here.
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_BUFFERS), ArgShape.Array, typeof(iovec), "5.1",
    "Registers fixed buffers for the READ_FIXED/WRITE_FIXED opcodes; the kernel pins and keeps the memory until unregistered.")]
[RegisterOp(nameof(io_uring_register_op.IORING_UNREGISTER_BUFFERS), ArgShape.None, "5.1",
    "Unregisters all fixed buffers.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_FILES), ArgShape.Array, typeof(int), "5.1",
    "Registers a fixed file table; -1 entries leave a slot empty.")]
[RegisterOp(nameof(io_uring_register_op.IORING_UNREGISTER_FILES), ArgShape.None, "5.1",
    "Unregisters the fixed file table.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_EVENTFD), ArgShape.Array, typeof(int), "5.2",
    "Registers an eventfd (exactly one element) that the kernel signals on completions.")]
[RegisterOp(nameof(io_uring_register_op.IORING_UNREGISTER_EVENTFD), ArgShape.None, "5.2",
    "Unregisters the eventfd.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_FILES_UPDATE), ArgShape.StructWithCount, typeof(io_uring_rsrc_update), "5.5",
    "Replaces count fixed files from offset with the fds array at data; IORING_REGISTER_FILES_SKIP (-2) keeps a slot.",
    Result = ResultKind.Count)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_EVENTFD_ASYNC), ArgShape.Array, typeof(int), "5.6",
    "Registers an eventfd (exactly one element) signalled only for completions that were punted to async context.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_PROBE), ArgShape.PointerWithCount, typeof(io_uring_probe), "5.6",
    "Fills a probe with the opcodes this kernel supports.",
    Count = 256, ParameterName = "probe", CountParameterName = "opsLength")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_PERSONALITY), ArgShape.None, "5.6",
    "Registers the calling task's credentials and returns their personality id for sqe.personality.",
    Result = ResultKind.Id)]
[RegisterOp(nameof(io_uring_register_op.IORING_UNREGISTER_PERSONALITY), ArgShape.Value, "5.6",
    "Unregisters the personality whose id is value.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_RESTRICTIONS), ArgShape.Array, typeof(io_uring_restriction), "5.10",
    "Installs restrictions on a ring created with IORING_SETUP_R_DISABLED (ring fd -1 takes a task restriction header instead, not this signature).")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_ENABLE_RINGS), ArgShape.None, "5.10",
    "Enables a ring created with IORING_SETUP_R_DISABLED.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_FILES2), ArgShape.StructSized, typeof(io_uring_rsrc_register), "5.13",
    "Registers a fixed file table with tags, or a sparse one with IORING_RSRC_REGISTER_SPARSE.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_FILES_UPDATE2), ArgShape.StructSized, typeof(io_uring_rsrc_update2), "5.13",
    "Updates fixed files with tags.",
    Result = ResultKind.Count)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_BUFFERS2), ArgShape.StructSized, typeof(io_uring_rsrc_register), "5.13",
    "Registers fixed buffers with tags, or a sparse table with IORING_RSRC_REGISTER_SPARSE.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_BUFFERS_UPDATE), ArgShape.StructSized, typeof(io_uring_rsrc_update2), "5.13",
    "Updates fixed buffers with tags.",
    Result = ResultKind.Count)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_IOWQ_AFF), ArgShape.Bytes, "5.14",
    "Sets the CPU affinity of the ring's io-wq workers from a cpu_set_t mask.")]
[RegisterOp(nameof(io_uring_register_op.IORING_UNREGISTER_IOWQ_AFF), ArgShape.None, "5.14",
    "Clears the io-wq CPU affinity.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_IOWQ_MAX_WORKERS), ArgShape.FixedArray, typeof(uint), "5.15",
    "Sets the bounded and unbounded io-wq worker limits (0 keeps a limit) and returns the previous limits in place.",
    Count = 2, InOut = true)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_RING_FDS), ArgShape.Array, typeof(io_uring_rsrc_update), "5.18",
    "Registers ring fds with the calling task; each entry's offset receives the registered index (-1 asks for any free slot).",
    InOut = true, Result = ResultKind.Count)]
[RegisterOp(nameof(io_uring_register_op.IORING_UNREGISTER_RING_FDS), ArgShape.Array, typeof(io_uring_rsrc_update), "5.18",
    "Unregisters ring fds registered with IORING_REGISTER_RING_FDS, by the index in each entry's offset (data must be 0).",
    Result = ResultKind.Count)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_PBUF_RING), ArgShape.Struct, typeof(io_uring_buf_reg), "5.19",
    "Registers a provided-buffer ring for a buffer group; the ring memory must be page aligned and stay mapped.")]
[RegisterOp(nameof(io_uring_register_op.IORING_UNREGISTER_PBUF_RING), ArgShape.Struct, typeof(io_uring_buf_reg), "5.19",
    "Unregisters the provided-buffer ring of the buffer group bgid.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_SYNC_CANCEL), ArgShape.Struct, typeof(io_uring_sync_cancel_reg), "6.0",
    "Cancels matching requests and waits for them; -ENOENT when nothing matched, -ETIME when the timeout expired.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_FILE_ALLOC_RANGE), ArgShape.StructNrZero, typeof(io_uring_file_index_range), "6.0",
    "Sets the range of fixed file slots the kernel allocates from for IORING_FILE_INDEX_ALLOC.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_PBUF_STATUS), ArgShape.Struct, typeof(io_uring_buf_status), "6.8",
    "Reads the kernel's head of a provided-buffer ring.",
    InOut = true)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_NAPI), ArgShape.Struct, typeof(io_uring_napi), "6.9",
    "Sets NAPI busy-poll settings and returns the previous ones in place.",
    InOut = true)]
[RegisterOp(nameof(io_uring_register_op.IORING_UNREGISTER_NAPI), ArgShape.Struct, typeof(io_uring_napi), "6.9",
    "Clears NAPI busy polling and returns the previous settings in place.",
    InOut = true)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_CLOCK), ArgShape.StructNrZero, typeof(io_uring_clock_register), "6.12",
    "Selects the clock (CLOCK_MONOTONIC or CLOCK_BOOTTIME) for wait timeouts.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_CLONE_BUFFERS), ArgShape.Struct, typeof(io_uring_clone_buffers), "6.12",
    "Clones fixed buffers from the ring src_fd into this ring.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_SEND_MSG_RING), ArgShape.Struct, typeof(io_uring_sqe), "6.13",
    "Sends an IORING_OP_MSG_RING message described by an SQE synchronously, without a source ring.",
    AllowsNoRing = true)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_ZCRX_IFQ), ArgShape.Struct, typeof(io_uring_zcrx_ifq_reg), "6.15",
    "Registers a network interface receive queue for zero-copy receive; the kernel fills offsets and zcrx_id.",
    InOut = true)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_RESIZE_RINGS), ArgShape.Struct, typeof(io_uring_params), "6.13",
    "Resizes the SQ and CQ rings of a DEFER_TASKRUN ring; the kernel writes the new offsets back.",
    InOut = true)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_MEM_REGION), ArgShape.Struct, typeof(io_uring_mem_region_reg), "6.13",
    "Registers a memory region, for example the registered wait arguments of IORING_ENTER_EXT_ARG_REG.")]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_QUERY), ArgShape.StructNrZero, typeof(io_uring_query_hdr), "6.18",
    "Runs a chain of queries (linked through next_entry); each header's result and data are filled in.",
    InOut = true, AllowsNoRing = true)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_ZCRX_CTRL), ArgShape.StructNrZero, typeof(zcrx_ctrl), "6.19",
    "Runs a zero-copy receive control operation (flush the refill queue, export, arm an event).",
    InOut = true, Result = ResultKind.Value)]
[RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_BPF_FILTER), ArgShape.Struct, typeof(io_uring_bpf), "7.0",
    "Registers a BPF filter over SQEs of this ring, or of the calling task with ring fd -1.",
    AllowsNoRing = true)]
[RegisterOpSkip(nameof(io_uring_register_op.IORING_REGISTER_LAST), "A sentinel one past the last opcode, not an opcode.")]
[RegisterOpSkip(nameof(io_uring_register_op.IORING_REGISTER_USE_REGISTERED_RING), "A flag ORed into the opcode; every method's registeredRing parameter sets it.")]
internal static class RegisterTable
{
}
