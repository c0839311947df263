namespace IoUring.Interop.Async;

/// <summary>Counters of an engine's work since it started, for tuning and diagnostics.</summary>
/// <remarks>Read without synchronization: each value is current to within a few operations. Available since Linux 5.19.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
public readonly record struct RingEngineStatistics
{
    /// <summary>Requests handed to the kernel (operations and stream re-arms; not the engine's own cancel and wake requests).</summary>
    public long Submitted { get; init; }

    /// <summary>Completions reaped, of every kind.</summary>
    public long Completions { get; init; }

    /// <summary>io_uring_enter(2) calls that did not wait (submissions, deferred completion work, overflow flushes).</summary>
    public long Enters { get; init; }

    /// <summary>Times the engine thread went to sleep in io_uring_enter(2) waiting for a completion.</summary>
    public long Sleeps { get; init; }

    /// <summary>Times another thread had to wake the sleeping engine through its eventfd.</summary>
    public long Wakeups { get; init; }

    /// <summary>Runners queued on the thread pool to run continuations (each one work item that runs continuations
    /// while they keep coming; none with inline continuations).</summary>
    public long ContinuationRunners { get; init; }

    /// <summary>Times the reactor's loop was handed to another thread because a continuation ran longer than
    /// <see cref="RingEngineOptions.StallThreshold"/> (<see cref="ContinuationMode.Reactor"/> only).</summary>
    public long ReactorHandoffs { get; init; }

    /// <summary>Operations a thread outside the reactor submitted itself, with its own io_uring_enter(2), because the
    /// reactor was asleep with nothing to run (<see cref="RingEngineOptions.SubmitFromCallerWhenIdle"/>; counted in
    /// <see cref="Submitted"/> too, not in <see cref="Enters"/>).</summary>
    public long SubmittedByCallers { get; init; }

    /// <summary>Operations whose linked timeout fired but could not cancel them (the kernel's race with a request running
    /// in io-wq: the timeout completed with ENOENT, not ETIME), which the engine then cancelled itself.</summary>
    public long TimeoutRecoveries { get; init; }

    /// <summary>Cancels the engine sent again because the kernel answered EALREADY or ENOENT while the request was still
    /// pending (it was between an io-wq attempt and its poll).</summary>
    public long CancelRetries { get; init; }
}
