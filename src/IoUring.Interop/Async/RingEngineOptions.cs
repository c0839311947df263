using System;

namespace IoUring.Interop.Async;

/// <summary>How a <see cref="RingEngine"/> sets up its ring and runs its thread; the defaults suit most programs.</summary>
/// <remarks>Read once, when the engine is created. Available since Linux 5.19 (the engine's floor: COOP_TASKRUN);
/// DEFER_TASKRUN is used from Linux 6.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_setup.2.html"/>
public sealed class RingEngineOptions
{
    /// <summary>The submission queue size (a power of two, 1 to 32768); the completion queue is sized from
    /// <see cref="MaxInFlight"/> so that it rarely overflows (and nothing is lost when it does: NODROP).</summary>
    public int Entries { get; set; } = 256;

    /// <summary>The most operations the engine holds at once; beyond it, callers wait (asynchronously) for a slot.</summary>
    public int MaxInFlight { get; set; } = 4096;

    /// <summary>Where continuations run: on the engine's thread as a reactor, safe for code that blocks (the default),
    /// on the thread pool, or inline with no safety net (docs/async.md, "Where continuations run").</summary>
    public ContinuationMode Continuations { get; set; } = ContinuationMode.Reactor;

    /// <summary>Shorthand for <see cref="Continuations"/>: true is <see cref="ContinuationMode.Inline"/>, false is
    /// <see cref="ContinuationMode.ThreadPool"/> (what false meant before reactors); reads true only for
    /// <see cref="ContinuationMode.Inline"/>.</summary>
    public bool InlineContinuations
    {
        get => Continuations == ContinuationMode.Inline;
        set => Continuations = value ? ContinuationMode.Inline : ContinuationMode.ThreadPool;
    }

    /// <summary><see cref="ContinuationMode.Reactor"/> only: how long one continuation may run before another thread takes
    /// over the engine's loop, so that code that blocks (Thread.Sleep, a synchronous wait, a long computation) delays the
    /// engine's other work by about this much, not for as long as it blocks. Default 2 ms.</summary>
    /// <remarks>Checked by a watchdog thread every quarter of this (at least every 0.25 ms); between 0.5 ms and 10 s.</remarks>
    public TimeSpan StallThreshold { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The engine thread's name (for debuggers and profilers); null for "io_uring engine".</summary>
    public string? ThreadName { get; set; }

    /// <summary>Whether to set the ring up with SINGLE_ISSUER and DEFER_TASKRUN when the kernel has them (true); false
    /// uses COOP_TASKRUN, the set-up older kernels fall back to (also a way to test that path). Not used by
    /// <see cref="ContinuationMode.Reactor"/>, whose ring any thread may drive: it has COOP_TASKRUN, never
    /// SINGLE_ISSUER or DEFER_TASKRUN.</summary>
    public bool UseDeferTaskRun { get; set; } = true;

    /// <summary>How many short spins (each about a few hundred nanoseconds) the engine thread makes, looking for new work, before it sleeps.</summary>
    /// <remarks>0 sleeps at once. Spinning saves a sleep and a wake-up when continuations on the thread pool submit
    /// the next request quickly, at the cost of some CPU when the engine is idle.</remarks>
    public int SpinBeforeSleep { get; set; } = 0;

    /// <summary><see cref="ContinuationMode.Reactor"/> only: when the reactor is asleep with nothing to run, a thread
    /// outside it (the thread pool, the main thread) writes and submits its operation itself, with one io_uring_enter,
    /// instead of queuing it and waking the reactor through the eventfd; the completion still runs on the reactor.
    /// Default true.</summary>
    /// <remarks>Measured with one read in flight started from the thread pool: about 1.4× the operations per second and
    /// per CPU-second of the queue-and-wake path, equal at 32 in flight (docs/async-design.md, "Reactors"). False
    /// always queues, as the other modes do.</remarks>
    public bool SubmitFromCallerWhenIdle { get; set; } = true;

    /// <summary>Copies the options and checks them.</summary>
    internal RingEngineOptions Validated()
    {
        if (Entries < 1 || Entries > 32768)
        {
            throw new ArgumentOutOfRangeException(nameof(Entries), Entries, "The submission queue holds 1 to 32768 entries.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlight, 1, nameof(MaxInFlight));
        ArgumentOutOfRangeException.ThrowIfNegative(SpinBeforeSleep, nameof(SpinBeforeSleep));
        if (!Enum.IsDefined(Continuations))
        {
            throw new ArgumentOutOfRangeException(nameof(Continuations), Continuations, "Not a ContinuationMode value.");
        }

        if (StallThreshold < TimeSpan.FromMilliseconds(0.5) || StallThreshold > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(StallThreshold), StallThreshold, "The stall threshold must be between 0.5 ms and 10 s.");
        }

        return new RingEngineOptions
        {
            Entries = Entries,
            MaxInFlight = MaxInFlight,
            Continuations = Continuations,
            StallThreshold = StallThreshold,
            ThreadName = ThreadName,
            UseDeferTaskRun = UseDeferTaskRun,
            SpinBeforeSleep = SpinBeforeSleep,
            SubmitFromCallerWhenIdle = SubmitFromCallerWhenIdle,
        };
    }
}
