using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>Submits queued entries to the kernel, waits for completions, and registers resources with the ring.</summary>
/// <remarks>Rust's <c>Submitter</c>: a non-owning view of its <see cref="Ring"/> (one per ring, so getting it never
/// allocates). Register and unregister members live in the other parts of this class. Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
public sealed unsafe partial class Submitter
{
    // The kernel's sigset_t is _NSIG / 8 bytes (64 signals on x86-64).
    private const uint KernelSigsetSize = 8;

    // A call a signal interrupted before it did anything: io_uring_enter returns -EINTR only when it submitted nothing
    // (io_uring/io_uring.c returns the submitted count otherwise), so calling again is safe.
    private const int Interrupted = -(int)Errno.EINTR;

    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly Ring _ring;
    private SubmissionQueue _sq;
    private readonly bool _sqPoll;
    private readonly bool _ioPoll;

    internal Submitter(Ring ring, SubmissionQueue sq, RingParameters parameters)
    {
        _ring = ring;
        _sq = sq;
        _sqPoll = parameters.IsSetupSqPoll;
        _ioPoll = parameters.IsSetupIoPoll;
    }

    /// <summary>The value passed as the fd to io_uring_enter/io_uring_register: the registered index on the thread that
    /// registered the ring, the ring fd on any other thread.</summary>
    /// <remarks>The registered-ring table is per thread (<see cref="RegisteredRingTable"/>): on another thread the same
    /// index names another ring, or nothing.</remarks>
    /// <exception cref="InvalidOperationException">A REGISTERED_FD_ONLY ring used from a thread other than its creator.</exception>
    internal int EnterFd => _ring.Handle.TargetFd;

    /// <summary>Whether <see cref="EnterFd"/> is a registered ring index on the calling thread (calls add
    /// <c>IORING_ENTER_REGISTERED_RING</c> / <c>IORING_REGISTER_USE_REGISTERED_RING</c>).</summary>
    internal bool RegisteredRing => _ring.Handle.IsRegisteredHere;

    /// <summary>The ring; throws <see cref="ObjectDisposedException"/> once it is disposed.</summary>
    internal Ring Owner
    {
        get
        {
            _ring.ThrowIfDisposed();
            return _ring;
        }
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the ring is disposed.</summary>
    internal void ThrowIfDisposed() => _ring.ThrowIfDisposed();

    /// <summary>Calls io_uring_enter(2) as given: the raw interface under <see cref="Submit"/> and <see cref="SubmitAndWait"/>.</summary>
    /// <remarks>Available since Linux 5.1. <b>Safety:</b> <paramref name="arg"/> and <paramref name="argSize"/> must describe what
    /// <paramref name="flags"/> say (a sigset, or an <c>io_uring_getevents_arg</c> with <c>EXT_ARG</c>) and stay
    /// valid for the call. <c>IORING_ENTER_REGISTERED_RING</c> is added when the ring fd is registered in the calling thread's table.</remarks>
    /// <returns>The number of entries submitted.</returns>
    /// <exception cref="IoUringException">The call failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    public int Enter(uint toSubmit, uint minComplete, EnterFlags flags, void* arg, nuint argSize) =>
        IoUringException.ThrowIfError(EnterRaw(toSubmit, minComplete, (uint)flags, arg, argSize), "io_uring_enter");

    /// <summary>Calls io_uring_enter(2) with no argument.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <returns>The number of entries submitted.</returns>
    /// <exception cref="IoUringException">The call failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    public int Enter(uint toSubmit, uint minComplete, EnterFlags flags) => Enter(toSubmit, minComplete, flags, null, 0);

    /// <summary>Submits every queued entry to the kernel.</summary>
    /// <remarks>A call interrupted by a signal (EINTR) is retried, as .NET's own I/O calls do. Available since Linux 5.1.</remarks>
    /// <returns>The number of entries submitted.</returns>
    /// <exception cref="IoUringException">io_uring_enter(2) failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    public int Submit() => SubmitAndWait(0);

    /// <summary>Submits every queued entry and waits until at least <paramref name="want"/> completions are in the queue.</summary>
    /// <remarks>Waits (<c>IORING_ENTER_GETEVENTS</c>) when <paramref name="want"/> is positive, on IOPOLL rings, and when the
    /// completion queue has overflowed (so the kernel flushes the kept completions). Under SQPOLL no system call is made
    /// unless the polling thread sleeps (then it is woken), a wait is wanted or the queue overflowed. A wait interrupted
    /// by a signal (EINTR) is retried, as .NET's own blocking calls do; <see cref="TrySubmitAndWait"/> reports it instead.
    /// Available since Linux 5.1.</remarks>
    /// <returns>The number of entries submitted.</returns>
    /// <exception cref="IoUringException">io_uring_enter(2) failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="want"/> is negative.</exception>
    public int SubmitAndWait(int want)
    {
        uint wanted = Want(want);
        int result;
        uint pending;
        while ((result = SubmitCore(wanted, null, out pending)) == Interrupted)
        {
        }

        int submitted = IoUringException.ThrowIfError(result, "io_uring_enter");
        if (MustWaitAgain(submitted, pending, wanted))
        {
            while ((result = EnterCore(0, wanted, IORING_ENTER_GETEVENTS, null)) == Interrupted)
            {
            }

            IoUringException.ThrowIfError(result, "io_uring_enter");
        }

        return submitted;
    }

    /// <summary>Like <see cref="SubmitAndWait"/>, with a timeout, a minimum wait and a signal mask (<c>IORING_ENTER_EXT_ARG</c>).</summary>
    /// <remarks>Fails with ETIME when the timeout passes first (unless entries were submitted: then the count is
    /// returned, as the kernel does). With <see cref="SubmitArgs.MinWaitUsec"/>, returns with fewer than
    /// <paramref name="want"/> completions once the minimum wait has passed and at least one is ready. A wait
    /// interrupted by a signal (EINTR) is retried with what remains of the timeout and of the minimum wait, as .NET's
    /// own timed waits do; <see cref="TrySubmitWithArgs"/> reports it instead.
    /// Available since Linux 5.11 (<c>IORING_FEAT_EXT_ARG</c>).</remarks>
    /// <returns>The number of entries submitted.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is negative or its nanoseconds are not below one second.</exception>
    /// <exception cref="ArgumentException"><see cref="SubmitArgs.MinWaitUsec"/> is longer than the timeout (the kernel would ignore the timeout).</exception>
    /// <exception cref="IoUringException">io_uring_enter(2) failed (ETIME on timeout).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    public int SubmitWithArgs(int want, in SubmitArgs args)
    {
        uint wanted = Want(want);
        long started = Stopwatch.GetTimestamp();
        int result = SubmitWithArgsCore(wanted, args, out uint pending);
        if (result == Interrupted)
        {
            // Nothing was submitted and no completion is ready: the kernel returns -EINTR only then (io_uring/wait.c
            // ends io_cqring_wait with 0 whenever the completion queue holds an entry).
            WaitOut(wanted, args, started, timeoutIsError: true);
            return 0;
        }

        int submitted = IoUringException.ThrowIfError(result, "io_uring_enter");

        // A partial submission skips the kernel's wait, so there is nothing to finish.
        if (wanted > 0 && (uint)submitted == pending)
        {
            // The entries are in; only the wait is finished, and like the kernel's own wait after a submission, its
            // timeout is not an error (io_uring_enter returns the submitted count then).
            WaitOut(wanted, args, started, timeoutIsError: submitted == 0);
        }

        return submitted;
    }

    /// <summary>Waits until the submission queue has a free slot (<c>IORING_ENTER_SQ_WAIT</c>), for SQPOLL rings.</summary>
    /// <remarks>Wakes the polling thread first when it sleeps (<c>IORING_SQ_NEED_WAKEUP</c>): a sleeping thread consumes
    /// nothing, so the wait would never end. A wait interrupted by a signal (EINTR) is retried. Available since Linux 5.10.</remarks>
    /// <returns>The kernel's result (0).</returns>
    /// <exception cref="IoUringException">io_uring_enter(2) failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    public int SqueueWait()
    {
        int result;
        while ((result = EnterCore(0, 0, IORING_ENTER_SQ_WAIT | SqWakeupIfAsleep(), null)) == Interrupted)
        {
        }

        return IoUringException.ThrowIfError(result, "io_uring_enter");
    }

    /// <summary>Like <see cref="Submit"/>, but reports EINTR, EAGAIN, EBUSY and ETIME as a <see cref="SubmitStatus"/> instead of throwing.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <param name="submitted">The number of entries submitted; 0 unless the status is <see cref="SubmitStatus.Success"/>.</param>
    /// <exception cref="IoUringException">io_uring_enter(2) failed with another errno.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    public SubmitStatus TrySubmit(out int submitted) => TrySubmitAndWait(0, out submitted);

    /// <summary>Like <see cref="SubmitAndWait"/>, but reports EINTR, EAGAIN, EBUSY and ETIME as a <see cref="SubmitStatus"/> instead of throwing.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <param name="want">Completions to wait for.</param>
    /// <param name="submitted">The number of entries submitted; 0 unless the status is <see cref="SubmitStatus.Success"/>.</param>
    /// <exception cref="IoUringException">io_uring_enter(2) failed with another errno.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    public SubmitStatus TrySubmitAndWait(int want, out int submitted) =>
        ToStatus(SubmitCore(Want(want), null, out _), out submitted);

    /// <summary>Like <see cref="SubmitWithArgs"/>, but reports EINTR, EAGAIN, EBUSY and ETIME as a <see cref="SubmitStatus"/> instead of throwing.</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    /// <param name="want">Completions to wait for.</param>
    /// <param name="args">Timeout, minimum wait and signal mask.</param>
    /// <param name="submitted">The number of entries submitted; 0 unless the status is <see cref="SubmitStatus.Success"/>.</param>
    /// <exception cref="ArgumentException">The arguments are refused as by <see cref="SubmitWithArgs"/>.</exception>
    /// <exception cref="IoUringException">io_uring_enter(2) failed with another errno.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    public SubmitStatus TrySubmitWithArgs(int want, in SubmitArgs args, out int submitted) =>
        ToStatus(SubmitWithArgsCore(Want(want), args, out _), out submitted);

    /// <summary>Moves the completions the kernel kept after a CQ overflow into the queue: io_uring_enter with GETEVENTS,
    /// nothing to submit and nothing to wait for. Best effort, for readers of the completion queue.</summary>
    /// <remarks>Errors are left to the next submit to report (a reader cannot act on them): EINTR, or EEXIST when a
    /// DEFER_TASKRUN ring is reaped on a thread other than its issuer, which alone may run its completions. A
    /// REGISTERED_FD_ONLY ring can only be entered on its own thread; elsewhere nothing is done.</remarks>
    internal void FlushOverflowedCompletions()
    {
        RingHandle handle = _ring.Handle;
        if (handle.IsRegisteredIndex && !handle.IsRegisteredHere)
        {
            return;
        }

        _ = EnterCore(0, 0, IORING_ENTER_GETEVENTS, null);
    }

    private int SubmitWithArgsCore(uint want, in SubmitArgs args, out uint pending)
    {
        Timespec timeout = args.Timeout;
        if (args.HasTimeout && (timeout.Seconds < 0 || timeout.Nanoseconds < 0 || timeout.Nanoseconds >= 1_000_000_000))
        {
            throw new ArgumentOutOfRangeException(nameof(args), timeout, "The timeout must be non-negative with nanoseconds below one second.");
        }

        if (args.HasTimeout && args.MinWaitUsec != 0 && MinWaitExceeds(args.MinWaitUsec, timeout))
        {
            // The kernel's rule (io_uring: wire up min batch wake timeout, Linux 6.12): a timeout shorter than the
            // minimum wait is ignored and the whole minimum wait is served, which silently breaks the caller's limit.
            throw new ArgumentException(
                $"SubmitArgs.MinWaitUsec ({args.MinWaitUsec} us) exceeds SubmitArgs.Timeout ({timeout}): the kernel would ignore the timeout and wait the full minimum. Use a minimum wait no longer than the timeout.",
                nameof(args));
        }

        ulong signalMask = args.SignalMask;
        io_uring_getevents_arg arg = default;
        arg.sigmask = args.HasSignalMask ? (ulong)&signalMask : 0;
        arg.sigmask_sz = KernelSigsetSize;
        arg.min_wait_usec = args.MinWaitUsec;
        arg.ts = args.HasTimeout ? (ulong)&timeout : 0;
        return SubmitCore(want, &arg, out pending);
    }

    // In nanoseconds; a uint of microseconds is under 4295 s, so any longer timeout is long enough.
    private static bool MinWaitExceeds(uint minWaitUsec, in Timespec timeout) =>
        timeout.Seconds < 4295 && (long)minWaitUsec * 1000 > timeout.Seconds * 1_000_000_000 + timeout.Nanoseconds;

    // Rust's submit_and_wait / submit_with_args logic (extArg null or not); returns the kernel's result (negative
    // errno on failure).
    private int SubmitCore(uint want, io_uring_getevents_arg* extArg, out uint pending)
    {
        _ring.ThrowIfDisposed();
        uint flags = 0;
        pending = _sq.PendingForKernel();
        bool overflow = (_sq.RawFlags & IORING_SQ_CQ_OVERFLOW) != 0;
        if (want > 0 || _ioPoll || overflow)
        {
            flags |= IORING_ENTER_GETEVENTS;
        }

        if (_sqPoll)
        {
            // Full fence before reading NEED_WAKEUP: our tail store must be visible to the polling thread before we
            // decide it is awake (see SubmissionQueue.NeedWakeup for the kernel's side of the pairing).
            Interlocked.MemoryBarrier();
            if ((_sq.RawFlags & IORING_SQ_NEED_WAKEUP) != 0)
            {
                flags |= IORING_ENTER_SQ_WAKEUP;
            }
            else if (want == 0 && !overflow)
            {
                // The polling thread is awake and will pick the entries up: no system call needed. (Unlike the Rust
                // crate, an overflowed queue still enters, so the kernel flushes the kept completions.)
                return (int)pending;
            }
        }

        int result = EnterCore(pending, want, flags, extArg);
        if (_sq.IsSqRewind)
        {
            // SQ_REWIND: what the kernel took from slot 0 is known only now; a failed or partial submit keeps the rest.
            _sq.CompleteRewindBatch(result);
        }

        return result;
    }

    // IORING_ENTER_SQ_WAIT only sleeps until the polling thread takes entries (io_sqpoll_wait_sq, io_uring/sqpoll.c); a
    // thread that went to sleep takes none until IORING_ENTER_SQ_WAKEUP, which the kernel handles before the wait.
    private uint SqWakeupIfAsleep()
    {
        if (!_sqPoll)
        {
            return 0;
        }

        // Full fence before reading NEED_WAKEUP, as in SubmitCore.
        Interlocked.MemoryBarrier();
        return (_sq.RawFlags & IORING_SQ_NEED_WAKEUP) != 0 ? IORING_ENTER_SQ_WAKEUP : 0;
    }

    /// <summary>io_uring_enter for <paramref name="pending"/> entries whose tail the caller already published
    /// (<see cref="SubmissionQueue.PendingForKernel"/>), waiting for <paramref name="want"/> completions; the queue
    /// object is not touched, so another thread may push meanwhile (the async engine's reactor lends its ring while it
    /// waits). Returns the raw result: entries submitted, or a negative errno. Plain rings only (no SQPOLL, no rewind).</summary>
    internal int SubmitPublished(uint pending, uint want = 0) =>
        EnterCore(pending, want, want > 0 ? IORING_ENTER_GETEVENTS : 0, null);

    // The typed path: the generated Syscalls.Enter overloads (no argument, or io_uring_getevents_arg with EXT_ARG).
    private int EnterCore(uint toSubmit, uint minComplete, uint flags, io_uring_getevents_arg* extArg)
    {
        _ring.ThrowIfDisposed();
        if (RegisteredRing)
        {
            flags |= IORING_ENTER_REGISTERED_RING;
        }

        // No DangerousAddRef/Release around the call (nor around any other system call of the ring): the pair is two
        // locked read-modify-writes, 2-4% of a one-NOP submit-and-wait (docs/benchmarks.md). A running call is safe
        // without it, because io_uring_enter takes its own reference on the file; a Dispose racing with a call is, like
        // queue access racing with Dispose, not supported (docs/safe-layer.md).
        return extArg == null
            ? Syscalls.Enter(EnterFd, toSubmit, minComplete, (EnterFlags)flags)
            : Syscalls.Enter(EnterFd, toSubmit, minComplete, (EnterFlags)flags, in *extArg);
    }

    // The raw path behind the public Enter: any argument the caller describes.
    private int EnterRaw(uint toSubmit, uint minComplete, uint flags, void* arg, nuint argSize)
    {
        _ring.ThrowIfDisposed();
        if (RegisteredRing)
        {
            flags |= IORING_ENTER_REGISTERED_RING;
        }

        // No handle reference held, as in EnterCore.
        return Syscalls.io_uring_enter(EnterFd, toSubmit, minComplete, flags, arg, argSize);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Want(int want) =>
        want >= 0 ? (uint)want : throw new ArgumentOutOfRangeException(nameof(want), want, "The number of completions to wait for cannot be negative.");

    // io_uring_enter returns the submitted count, not EINTR, when a signal cuts short the wait that follows a complete
    // submission (io_uring/io_uring.c). The wait then ended early exactly when fewer than `want` completions are
    // ready, and it is retried on its own. A partial submission skips the kernel's wait, so it is not retried either.
    private bool MustWaitAgain(int result, uint pending, uint wanted) =>
        wanted > 0 && result > 0 && (uint)result == pending && (uint)_ring.CompletionQueue.Count < wanted;

    // Finishes a SubmitWithArgs wait the kernel ended with fewer than `wanted` completions. Such a return is either
    // the kernel's own answer (the timeout, or the minimum wait: io_uring/wait.c) or a signal. The submitted count
    // io_uring_enter returns after a submission hides which; the clock and the queue tell them apart, because the
    // kernel's rules are about both: a signal is retried with what is left of the timeout and of the minimum wait.
    private void WaitOut(uint wanted, in SubmitArgs args, long started, bool timeoutIsError)
    {
        while (true)
        {
            switch (NextWait(args, started, ref wanted, out SubmitArgs rest))
            {
                case WaitState.Done:
                    return;
                case WaitState.TimedOut:
                    if (timeoutIsError)
                    {
                        IoUringException.Throw((int)Errno.ETIME, "io_uring_enter");
                    }

                    return;
            }

            int result = SubmitWithArgsCore(wanted, rest, out _);
            if (result < 0 && result != Interrupted && result != -(int)Errno.ETIME)
            {
                IoUringException.Throw(-result, "io_uring_enter");
            }

            // ETIME, EINTR and 0 alike: the next look at the clock and the queue decides.
        }
    }

    private enum WaitState
    {
        Done,
        TimedOut,
        WaitAgain,
    }

    // The kernel's rules for a wait with EXT_ARG (io_cqring_wait and io_cqring_min_timer_wakeup, io_uring/wait.c):
    // - `want` completions end the wait;
    // - the timeout ends it (ETIME when the queue is empty, 0 otherwise);
    // - once min_wait_usec has passed, any completion ends it; with no timeout, the minimum wait ends it even with none;
    //   with a timeout and none ready, the wait goes on until the timeout for a single completion.
    // A return before any of these is a signal's doing, and the rest of the wait is computed here.
    private WaitState NextWait(in SubmitArgs args, long started, ref uint wanted, out SubmitArgs rest)
    {
        rest = args;
        uint ready = (uint)_ring.CompletionQueue.Count;
        if (ready >= wanted)
        {
            return WaitState.Done;
        }

        long elapsed = (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds;
        long timeout = args.HasTimeout ? Nanoseconds(args.Timeout) : long.MaxValue;
        if (elapsed >= timeout)
        {
            return ready == 0 ? WaitState.TimedOut : WaitState.Done;
        }

        long timeLeft = timeout - elapsed;
        long minWait = (long)args.MinWaitUsec * 1000;
        if (args.MinWaitUsec != 0 && elapsed >= minWait)
        {
            if (ready > 0)
            {
                return WaitState.Done;
            }

            if (!args.HasTimeout)
            {
                return WaitState.TimedOut;
            }

            // The kernel's second phase: one completion, until the timeout.
            wanted = 1;
            rest = args.WithMinWaitUsec(0).WithTimeout(FromNanoseconds(timeLeft));
            return WaitState.WaitAgain;
        }

        if (args.MinWaitUsec != 0)
        {
            // Rounded up, and never past the timeout (SubmitWithArgsCore refuses a minimum longer than the timeout).
            long minLeftUsec = (minWait - elapsed + 999) / 1000;
            if (args.HasTimeout)
            {
                minLeftUsec = Math.Min(minLeftUsec, timeLeft / 1000);
            }

            rest = rest.WithMinWaitUsec((uint)minLeftUsec);
        }

        if (args.HasTimeout)
        {
            rest = rest.WithTimeout(FromNanoseconds(timeLeft));
        }

        return WaitState.WaitAgain;
    }

    private static long Nanoseconds(in Timespec timeout) =>
        timeout.Seconds >= long.MaxValue / NanosecondsPerSecond ? long.MaxValue : timeout.Seconds * NanosecondsPerSecond + timeout.Nanoseconds;

    private static Timespec FromNanoseconds(long nanoseconds) => Timespec.From(nanoseconds / NanosecondsPerSecond, nanoseconds % NanosecondsPerSecond);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SubmitStatus ToStatus(int result, out int submitted)
    {
        if (result >= 0)
        {
            submitted = result;
            return SubmitStatus.Success;
        }

        submitted = 0;
        switch ((Errno)(-result))
        {
            case Errno.EINTR:
                return SubmitStatus.Interrupted;
            case Errno.EAGAIN:
                return SubmitStatus.TryAgain;
            case Errno.EBUSY:
                return SubmitStatus.Busy;
            case Errno.ETIME:
                return SubmitStatus.TimedOut;
            default:
                IoUringException.Throw(-result, "io_uring_enter");
                return default;
        }
    }
}
