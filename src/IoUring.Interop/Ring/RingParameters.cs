using System;
using System.ComponentModel;
using IoUring.Interop.Native;
using IoUring.Interop.SourceGeneration;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>The parameters the kernel returned for a ring: its setup flags, features and queue sizes.</summary>
/// <remarks>Rust's <c>Parameters</c>. A snapshot of <c>struct io_uring_params</c> after io_uring_setup(2).
/// Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_setup.2.html"/>
// An IsSetup{Member} / IsFeature{Member} property for every SetupFlags / Features member: handwritten below, generated
// (IoUring.SourceGen) for any flag a newer header adds.
[GeneratedFlagMembers("SetupFlags", FlagMemberKind.Property, "IsSetup", "_params.flags")]
[GeneratedFlagMembers("Features", FlagMemberKind.Property, "IsFeature", "_params.features")]
public sealed partial class RingParameters
{
    private readonly io_uring_params _params;

    internal RingParameters(in io_uring_params parameters) => _params = parameters;

    /// <summary>The raw <c>io_uring_params</c> the kernel filled in.</summary>
    internal ref readonly io_uring_params Native => ref _params;

    /// <summary>Whether I/O completions are polled (busy-waited) instead of interrupt driven; enabled with <see cref="RingBuilder.SetupIoPoll"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsSetupIoPoll => (_params.flags & IORING_SETUP_IOPOLL) != 0;

    /// <summary>Whether a kernel thread polls the submission queue; enabled with <see cref="RingBuilder.SetupSqPoll"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsSetupSqPoll => (_params.flags & IORING_SETUP_SQPOLL) != 0;

    /// <summary>Whether the submission polling thread is bound to <see cref="SqThreadCpu"/>; enabled with <see cref="RingBuilder.SetupSqPollCpu"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsSetupSqAff => (_params.flags & IORING_SETUP_SQ_AFF) != 0;

    /// <summary>Whether the completion queue size was chosen by the application; enabled with <see cref="RingBuilder.SetupCqSize"/>.</summary>
    /// <remarks>Available since Linux 5.5.</remarks>
    public bool IsSetupCqSize => (_params.flags & IORING_SETUP_CQSIZE) != 0;

    /// <summary>Whether oversized queue sizes were clamped to the maximum instead of failing; enabled with <see cref="RingBuilder.SetupClamp"/>.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public bool IsSetupClamp => (_params.flags & IORING_SETUP_CLAMP) != 0;

    /// <summary>Whether the ring shares the async worker pool of another ring; enabled with <see cref="RingBuilder.SetupAttachWq"/>.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public bool IsSetupAttachWq => (_params.flags & IORING_SETUP_ATTACH_WQ) != 0;

    /// <summary>Whether the ring started disabled, waiting for <c>IORING_REGISTER_ENABLE_RINGS</c>; enabled with <see cref="RingBuilder.SetupRDisabled"/>.</summary>
    /// <remarks>Available since Linux 5.10.</remarks>
    public bool IsSetupRDisabled => (_params.flags & IORING_SETUP_R_DISABLED) != 0;

    /// <summary>Whether submission continues past an entry that fails to submit; enabled with <see cref="RingBuilder.SetupSubmitAll"/>.</summary>
    /// <remarks>Available since Linux 5.18.</remarks>
    public bool IsSetupSubmitAll => (_params.flags & IORING_SETUP_SUBMIT_ALL) != 0;

    /// <summary>Whether completions are not signalled with an interrupt to the submitting task; enabled with <see cref="RingBuilder.SetupCoopTaskRun"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public bool IsSetupCoopTaskRun => (_params.flags & IORING_SETUP_COOP_TASKRUN) != 0;

    /// <summary>Whether the kernel sets <c>IORING_SQ_TASKRUN</c> when completions are pending task work; enabled with <see cref="RingBuilder.SetupTaskRunFlag"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public bool IsSetupTaskRunFlag => (_params.flags & IORING_SETUP_TASKRUN_FLAG) != 0;

    /// <summary>Whether submission entries are 128 bytes; enabled with <see cref="RingBuilder.SetupSqe128"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public bool IsSetupSqe128 => (_params.flags & IORING_SETUP_SQE128) != 0;

    /// <summary>Whether completion entries are 32 bytes; enabled with <see cref="RingBuilder.SetupCqe32"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public bool IsSetupCqe32 => (_params.flags & IORING_SETUP_CQE32) != 0;

    /// <summary>Whether only one task submits to the ring; enabled with <see cref="RingBuilder.SetupSingleIssuer"/>.</summary>
    /// <remarks>Available since Linux 6.0.</remarks>
    public bool IsSetupSingleIssuer => (_params.flags & IORING_SETUP_SINGLE_ISSUER) != 0;

    /// <summary>Whether completion work runs only when the issuing task enters the kernel to wait; enabled with <see cref="RingBuilder.SetupDeferTaskRun"/>.</summary>
    /// <remarks>Available since Linux 6.1.</remarks>
    public bool IsSetupDeferTaskRun => (_params.flags & IORING_SETUP_DEFER_TASKRUN) != 0;

    /// <summary>Whether the queues live in memory the library allocated instead of kernel mappings; enabled with <see cref="RingBuilder.SetupNoMmap"/>.</summary>
    /// <remarks>Available since Linux 6.5.</remarks>
    public bool IsSetupNoMmap => (_params.flags & IORING_SETUP_NO_MMAP) != 0;

    /// <summary>Whether the ring has no file descriptor, only a registered ring index; enabled with <see cref="RingBuilder.SetupRegisteredFdOnly"/>.</summary>
    /// <remarks>Available since Linux 6.5.</remarks>
    public bool IsSetupRegisteredFdOnly => (_params.flags & IORING_SETUP_REGISTERED_FD_ONLY) != 0;

    /// <summary>Whether the submission queue has no index array: entries are consumed in ring order; enabled with <see cref="RingBuilder.SetupNoSqArray"/>.</summary>
    /// <remarks>Available since Linux 6.6.</remarks>
    public bool IsSetupNoSqArray => (_params.flags & IORING_SETUP_NO_SQARRAY) != 0;

    /// <summary>Whether I/O polling sleeps before it starts to poll; enabled with <see cref="RingBuilder.SetupHybridIoPoll"/>.</summary>
    /// <remarks>Available since Linux 6.13.</remarks>
    public bool IsSetupHybridIoPoll => (_params.flags & IORING_SETUP_HYBRID_IOPOLL) != 0;

    /// <summary>Whether 16- and 32-byte completion entries share the queue (not produced by <see cref="RingBuilder"/>).</summary>
    /// <remarks>Available since Linux 6.18.</remarks>
    public bool IsSetupCqeMixed => (_params.flags & IORING_SETUP_CQE_MIXED) != 0;

    /// <summary>Whether 64- and 128-byte submission entries share the queue (not produced by <see cref="RingBuilder"/>).</summary>
    /// <remarks>Newer than Linux 6.18 (refused with EINVAL there); defined in the vendored uapi header.</remarks>
    public bool IsSetupSqeMixed => (_params.flags & IORING_SETUP_SQE_MIXED) != 0;

    /// <summary>Whether the submission queue rewinds to its start on every submit (not produced by <see cref="RingBuilder"/>).</summary>
    /// <remarks>Newer than Linux 6.18 (refused with EINVAL there); defined in the vendored uapi header.</remarks>
    public bool IsSetupSqRewind => (_params.flags & IORING_SETUP_SQ_REWIND) != 0;

    /// <summary>Whether both queue rings are mapped with a single mmap(2).</summary>
    /// <remarks>Available since Linux 5.4.</remarks>
    public bool IsFeatureSingleMmap => (_params.features & IORING_FEAT_SINGLE_MMAP) != 0;

    /// <summary>Whether completions are never dropped: on a full completion queue the kernel keeps them until there is room.</summary>
    /// <remarks>Available since Linux 5.5.</remarks>
    public bool IsFeatureNoDrop => (_params.features & IORING_FEAT_NODROP) != 0;

    /// <summary>Whether data for async offload has been consumed when the kernel has consumed the submission entry.</summary>
    /// <remarks>Available since Linux 5.5.</remarks>
    public bool IsFeatureSubmitStable => (_params.features & IORING_FEAT_SUBMIT_STABLE) != 0;

    /// <summary>Whether an offset of -1 on reads and writes uses (and updates) the current file position.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public bool IsFeatureRwCurPos => (_params.features & IORING_FEAT_RW_CUR_POS) != 0;

    /// <summary>Whether requests run with the credentials of the task that submitted them.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public bool IsFeatureCurPersonality => (_params.features & IORING_FEAT_CUR_PERSONALITY) != 0;

    /// <summary>Whether pollable files are retried on readiness internally instead of on a worker thread.</summary>
    /// <remarks>Available since Linux 5.7.</remarks>
    public bool IsFeatureFastPoll => (_params.features & IORING_FEAT_FAST_POLL) != 0;

    /// <summary>Whether poll events are 32 bits wide, so EPOLLEXCLUSIVE can be used.</summary>
    /// <remarks>Available since Linux 5.9.</remarks>
    public bool IsFeaturePoll32Bits => (_params.features & IORING_FEAT_POLL_32BITS) != 0;

    /// <summary>Whether submission polling works with unregistered files.</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    public bool IsFeatureSqPollNonFixed => (_params.features & IORING_FEAT_SQPOLL_NONFIXED) != 0;

    /// <summary>Whether io_uring_enter(2) accepts <c>IORING_ENTER_EXT_ARG</c> (a wait timeout with <see cref="Submitter.SubmitWithArgs"/>).</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    public bool IsFeatureExtArg => (_params.features & IORING_FEAT_EXT_ARG) != 0;

    /// <summary>Whether async workers are threads of the submitting process.</summary>
    /// <remarks>Available since Linux 5.12.</remarks>
    public bool IsFeatureNativeWorkers => (_params.features & IORING_FEAT_NATIVE_WORKERS) != 0;

    /// <summary>Whether registered resources can carry tags reported on release.</summary>
    /// <remarks>Available since Linux 5.13.</remarks>
    public bool IsFeatureRsrcTags => (_params.features & IORING_FEAT_RSRC_TAGS) != 0;

    /// <summary>Whether <c>IOSQE_CQE_SKIP_SUCCESS</c> is supported.</summary>
    /// <remarks>Available since Linux 5.17.</remarks>
    public bool IsFeatureCqeSkip => (_params.features & IORING_FEAT_CQE_SKIP) != 0;

    /// <summary>Whether files of linked requests are resolved when the request runs, not when the chain is submitted.</summary>
    /// <remarks>Available since Linux 5.17.</remarks>
    public bool IsFeatureLinkedFile => (_params.features & IORING_FEAT_LINKED_FILE) != 0;

    /// <summary>Whether io_uring_register(2) accepts a registered ring index.</summary>
    /// <remarks>Available since Linux 6.3.</remarks>
    public bool IsFeatureRegRegRing => (_params.features & IORING_FEAT_REG_REG_RING) != 0;

    /// <summary>Whether sends and receives can carry several provided buffers at once.</summary>
    /// <remarks>Available since Linux 6.10.</remarks>
    public bool IsFeatureRecvSendBundle => (_params.features & IORING_FEAT_RECVSEND_BUNDLE) != 0;

    /// <summary>Whether waits accept a minimum wait time (<see cref="SubmitArgs.MinWaitUsec"/>).</summary>
    /// <remarks>Available since Linux 6.12.</remarks>
    public bool IsFeatureMinTimeout => (_params.features & IORING_FEAT_MIN_TIMEOUT) != 0;

    /// <summary>Whether reads and writes accept attributes (e.g. protection information).</summary>
    /// <remarks>Available since Linux 6.14.</remarks>
    public bool IsFeatureRwAttr => (_params.features & IORING_FEAT_RW_ATTR) != 0;

    /// <summary>Whether <c>IORING_ENTER_NO_IOWAIT</c> is supported.</summary>
    /// <remarks>Available since Linux 6.15.</remarks>
    public bool IsFeatureNoIoWait => (_params.features & IORING_FEAT_NO_IOWAIT) != 0;

    /// <summary>Former spelling of <see cref="IsSetupCoopTaskRun"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    [Obsolete("Use IsSetupCoopTaskRun: one spelling, as SetupFlags.CoopTaskRun.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool IsSetupCoopTaskrun => IsSetupCoopTaskRun;

    /// <summary>Former spelling of <see cref="IsSetupTaskRunFlag"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    [Obsolete("Use IsSetupTaskRunFlag: one spelling, as SetupFlags.TaskRunFlag.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool IsSetupTaskrunFlag => IsSetupTaskRunFlag;

    /// <summary>Former spelling of <see cref="IsSetupDeferTaskRun"/>.</summary>
    /// <remarks>Available since Linux 6.1.</remarks>
    [Obsolete("Use IsSetupDeferTaskRun: one spelling, as SetupFlags.DeferTaskRun.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool IsSetupDeferTaskrun => IsSetupDeferTaskRun;

    /// <summary>The number of submission queue entries the kernel allocated (a power of two).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public uint SqEntries => _params.sq_entries;

    /// <summary>The number of completion queue entries the kernel allocated (a power of two).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public uint CqEntries => _params.cq_entries;

    /// <summary>Milliseconds the submission polling thread spins without work before it sleeps.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public uint SqThreadIdle => _params.sq_thread_idle;

    /// <summary>The CPU the submission polling thread is bound to, when <see cref="IsSetupSqAff"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public uint SqThreadCpu => _params.sq_thread_cpu;

    /// <summary>All the setup flags the ring was created with.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public SetupFlags Flags => (SetupFlags)_params.flags;

    /// <summary>All the features the kernel reported.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public Features Features => (Features)_params.features;
}
