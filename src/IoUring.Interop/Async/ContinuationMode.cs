namespace IoUring.Interop.Async;

/// <summary>Where a <see cref="RingEngine"/> runs the code that follows an awaited operation (its continuation).</summary>
/// <remarks>docs/async-design.md ("Reactors") has the measurements behind the default. Available since Linux 5.19.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
public enum ContinuationMode
{
    /// <summary>On the engine's own thread, the reactor, run to completion: an operation started there goes straight into
    /// the submission queue, so a chain of awaits stays on one core with no thread hop. Safe for code that blocks: when a
    /// continuation has not returned within <see cref="RingEngineOptions.StallThreshold"/>, another thread takes over the
    /// ring's loop, and the other operations go on (the ring is set up without SINGLE_ISSUER, DEFER_TASKRUN and
    /// COOP_TASKRUN, so that more than one thread may drive it and the kernel still posts completions of requests
    /// submitted by a thread that is blocked).</summary>
    Reactor = 0,

    /// <summary>On the thread pool, in batches (one pool work item runs many continuations): one hop per completion
    /// and one per request, the engine thread only submits and reaps.</summary>
    ThreadPool = 1,

    /// <summary>On the engine thread with no watchdog, on a SINGLE_ISSUER and DEFER_TASKRUN ring: the fastest set-up,
    /// but a continuation that blocks stalls every operation of the engine, and one that waits synchronously for
    /// another operation of the same engine deadlocks it.</summary>
    Inline = 2,
}
