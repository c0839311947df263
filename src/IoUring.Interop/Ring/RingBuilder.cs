using System;
using System.ComponentModel;
using IoUring.Interop.Native;
using IoUring.Interop.SourceGeneration;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>Collects io_uring_setup(2) options, then builds a <see cref="Ring"/>.</summary>
/// <remarks>Rust's <c>Builder</c>. Each method sets one <c>IORING_SETUP_*</c> flag (and its field) and returns
/// the builder; <see cref="Build"/> checks the kernel's rules for the combination before the system call.
/// Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_setup.2.html"/>
// Every SetupFlags member has a Setup{Member} method: the handwritten ones below (with their fields and rules), and a
// generated one for any flag a newer header adds (IoUring.SourceGen), so a header bump never leaves a flag unreachable.
[GeneratedFlagMembers("SetupFlags", FlagMemberKind.Setter, "Setup", "_params.flags", HandledElsewhere = new[] { nameof(IORING_SETUP_SQ_AFF) })]
public sealed partial class RingBuilder
{
    private io_uring_params _params;
    private bool _dontFork;

    internal RingBuilder()
    {
    }

    /// <summary>The <c>IORING_SETUP_*</c> flags chosen so far (what <see cref="Build"/> passes to io_uring_setup(2)).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public SetupFlags Flags => (SetupFlags)_params.flags;

    /// <summary>Marks the ring's memory so child processes do not inherit it after fork(2) (madvise MADV_DONTFORK).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public RingBuilder DontFork()
    {
        _dontFork = true;
        return this;
    }

    /// <summary>Busy-waits for I/O completions instead of taking interrupts (<c>IORING_SETUP_IOPOLL</c>).</summary>
    /// <remarks>Only for files opened with O_DIRECT on devices that support polling. Available since Linux 5.1.</remarks>
    public RingBuilder SetupIoPoll() => Set(IORING_SETUP_IOPOLL);

    /// <summary>Starts a kernel thread that polls the submission queue, so submitting needs no system call (<c>IORING_SETUP_SQPOLL</c>).</summary>
    /// <remarks>After <paramref name="idleMilliseconds"/> without work the thread sleeps; <see cref="Submitter.SubmitAndWait"/>
    /// wakes it. Available since Linux 5.1 (unprivileged since 5.11).</remarks>
    /// <param name="idleMilliseconds">Milliseconds of idle spinning before the thread sleeps (0: the kernel's default, one second).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="idleMilliseconds"/> is negative.</exception>
    public RingBuilder SetupSqPoll(int idleMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(idleMilliseconds);
        _params.sq_thread_idle = (uint)idleMilliseconds;
        return Set(IORING_SETUP_SQPOLL);
    }

    /// <summary>Binds the submission polling thread to <paramref name="cpu"/> (<c>IORING_SETUP_SQ_AFF</c>); needs <see cref="SetupSqPoll"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cpu"/> is negative.</exception>
    public RingBuilder SetupSqPollCpu(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        _params.sq_thread_cpu = (uint)cpu;
        return Set(IORING_SETUP_SQ_AFF);
    }

    /// <summary>Sizes the completion queue to <paramref name="cqEntries"/> (rounded up to a power of two) instead of twice the submission queue (<c>IORING_SETUP_CQSIZE</c>).</summary>
    /// <remarks>Must be at least the submission queue size and at most 65536 (unless <see cref="SetupClamp"/>). Available since Linux 5.5.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cqEntries"/> is negative or 0.</exception>
    public RingBuilder SetupCqSize(int cqEntries)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cqEntries);
        _params.cq_entries = (uint)cqEntries;
        return Set(IORING_SETUP_CQSIZE);
    }

    /// <summary>Clamps oversized queue sizes to the kernel's maximum instead of failing (<c>IORING_SETUP_CLAMP</c>).</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public RingBuilder SetupClamp() => Set(IORING_SETUP_CLAMP);

    /// <summary>Shares the async worker pool of the ring with fd <paramref name="ringFd"/> (<c>IORING_SETUP_ATTACH_WQ</c>).</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ringFd"/> is negative.</exception>
    public RingBuilder SetupAttachWq(int ringFd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ringFd);
        _params.wq_fd = (uint)ringFd;
        return Set(IORING_SETUP_ATTACH_WQ);
    }

    /// <summary>Creates the ring disabled, so restrictions can be registered before <c>RegisterEnableRings</c> (<c>IORING_SETUP_R_DISABLED</c>).</summary>
    /// <remarks>Available since Linux 5.10.</remarks>
    public RingBuilder SetupRDisabled() => Set(IORING_SETUP_R_DISABLED);

    /// <summary>Keeps submitting the rest of a batch after an entry fails to submit (<c>IORING_SETUP_SUBMIT_ALL</c>).</summary>
    /// <remarks>Available since Linux 5.18.</remarks>
    public RingBuilder SetupSubmitAll() => Set(IORING_SETUP_SUBMIT_ALL);

    /// <summary>Does not interrupt the submitting task to run completion work; it runs when the task next enters the kernel (<c>IORING_SETUP_COOP_TASKRUN</c>).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public RingBuilder SetupCoopTaskRun() => Set(IORING_SETUP_COOP_TASKRUN);

    /// <summary>Has the kernel set <see cref="SubmissionQueue.TaskRun"/> when completion work is pending (<c>IORING_SETUP_TASKRUN_FLAG</c>); needs <see cref="SetupCoopTaskRun"/> or <see cref="SetupDeferTaskRun"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public RingBuilder SetupTaskRunFlag() => Set(IORING_SETUP_TASKRUN_FLAG);

    /// <summary>Runs completion work only when the task waits for completions (<c>IORING_SETUP_DEFER_TASKRUN</c>); needs <see cref="SetupSingleIssuer"/>.</summary>
    /// <remarks>Available since Linux 6.1.</remarks>
    public RingBuilder SetupDeferTaskRun() => Set(IORING_SETUP_DEFER_TASKRUN);

    /// <summary>Promises that only one task (the creator, or the first to submit) submits to the ring (<c>IORING_SETUP_SINGLE_ISSUER</c>).</summary>
    /// <remarks>Available since Linux 6.0.</remarks>
    public RingBuilder SetupSingleIssuer() => Set(IORING_SETUP_SINGLE_ISSUER);

    /// <summary>Removes the submission queue's index array: entries are consumed in ring order (<c>IORING_SETUP_NO_SQARRAY</c>).</summary>
    /// <remarks>Available since Linux 6.6.</remarks>
    public RingBuilder SetupNoSqArray() => Set(IORING_SETUP_NO_SQARRAY);

    /// <summary>Makes submission entries 128 bytes, for <c>URING_CMD</c> payloads (<c>IORING_SETUP_SQE128</c>).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public RingBuilder SetupSqe128() => Set(IORING_SETUP_SQE128);

    /// <summary>Makes completion entries 32 bytes (<c>IORING_SETUP_CQE32</c>).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public RingBuilder SetupCqe32() => Set(IORING_SETUP_CQE32);

    /// <summary>Lets the completion queue hold both 16- and 32-byte entries (<c>IORING_SETUP_CQE_MIXED</c>): a 32-byte completion carries <c>IORING_CQE_F_32</c> and fills two 16-byte slots.</summary>
    /// <remarks>The queue drops the kernel's <c>IORING_CQE_F_SKIP</c> padding itself; read big completions with
    /// <see cref="CompletionQueue.TryDequeue32(out CompletionEntry32)"/>. Not with <see cref="SetupCqe32"/>.
    /// Available since Linux 6.18.</remarks>
    public RingBuilder SetupCqeMixed() => Set(IORING_SETUP_CQE_MIXED);

    /// <summary>Lets the submission queue hold both 64- and 128-byte entries (<c>IORING_SETUP_SQE_MIXED</c>): a 128-byte opcode (<c>NOP128</c>, <c>URING_CMD128</c>) fills two 64-byte slots.</summary>
    /// <remarks>Push big entries with <see cref="SubmissionQueue.TryPush(in SubmissionEntry128)"/>; the queue pads
    /// with a silent NOP so a big entry never straddles the ring's end. Not with <see cref="SetupSqe128"/>.
    /// Available since Linux 6.19.</remarks>
    public RingBuilder SetupSqeMixed() => Set(IORING_SETUP_SQE_MIXED);

    /// <summary>Has the kernel ignore the submission queue's head and tail and read each batch from slot 0 (<c>IORING_SETUP_SQ_REWIND</c>); needs <see cref="SetupNoSqArray"/>, not with <see cref="SetupSqPoll"/>.</summary>
    /// <remarks>The queue then fills from slot 0 after every submit and never moves the shared head and tail.
    /// Available since Linux 7.0.</remarks>
    public RingBuilder SetupSqRewind() => Set(IORING_SETUP_SQ_REWIND);

    /// <summary>Sleeps before polling for I/O completions (<c>IORING_SETUP_HYBRID_IOPOLL</c>); needs <see cref="SetupIoPoll"/>.</summary>
    /// <remarks>Available since Linux 6.13.</remarks>
    public RingBuilder SetupHybridIoPoll() => Set(IORING_SETUP_HYBRID_IOPOLL);

    /// <summary>Places the queues in page-aligned memory the library allocates, instead of mapping the kernel's (<c>IORING_SETUP_NO_MMAP</c>).</summary>
    /// <remarks>Available since Linux 6.5.</remarks>
    public RingBuilder SetupNoMmap() => Set(IORING_SETUP_NO_MMAP);

    /// <summary>Returns a registered ring index instead of a file descriptor (<c>IORING_SETUP_REGISTERED_FD_ONLY</c>); needs <see cref="SetupNoMmap"/>.</summary>
    /// <remarks>The index belongs to the creating thread: use the ring from that thread only. Available since Linux 6.5.</remarks>
    public RingBuilder SetupRegisteredFdOnly() => Set(IORING_SETUP_REGISTERED_FD_ONLY);

    /// <summary>Former spelling of <see cref="SetupCoopTaskRun"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    [Obsolete("Use SetupCoopTaskRun: one spelling, as SetupFlags.CoopTaskRun.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public RingBuilder SetupCoopTaskrun() => SetupCoopTaskRun();

    /// <summary>Former spelling of <see cref="SetupTaskRunFlag"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    [Obsolete("Use SetupTaskRunFlag: one spelling, as SetupFlags.TaskRunFlag.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public RingBuilder SetupTaskrunFlag() => SetupTaskRunFlag();

    /// <summary>Former spelling of <see cref="SetupDeferTaskRun"/>.</summary>
    /// <remarks>Available since Linux 6.1.</remarks>
    [Obsolete("Use SetupDeferTaskRun: one spelling, as SetupFlags.DeferTaskRun.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public RingBuilder SetupDeferTaskrun() => SetupDeferTaskRun();

    /// <summary>Creates the ring with <paramref name="entries"/> submission queue entries (rounded up to a power of two).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="entries"/> is negative, 0, or above 32768 without <see cref="SetupClamp"/>; or the completion queue size is out of range.</exception>
    /// <exception cref="ArgumentException">The completion queue size is smaller than the submission queue.</exception>
    /// <exception cref="InvalidOperationException">The chosen flags break a kernel rule (e.g. DEFER_TASKRUN without SINGLE_ISSUER).</exception>
    /// <exception cref="IoUringException">io_uring_setup(2) or a mapping failed.</exception>
    public Ring Build(int entries)
    {
        uint count = Ring.Entries(entries);
        io_uring_params parameters = _params;
        RingGeometry geometry = RingGeometry.Validate(count, parameters.flags, parameters.cq_entries);
        return Ring.Create(count, parameters, geometry, _dontFork);
    }

    private RingBuilder Set(uint flag)
    {
        _params.flags |= flag;
        return this;
    }
}
