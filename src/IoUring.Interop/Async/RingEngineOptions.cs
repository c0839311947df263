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

    /// <summary>Runs continuations on the engine thread instead of the thread pool: fastest, but any blocking or slow
    /// continuation stalls every operation of the engine, and blocking on another operation of the same engine
    /// deadlocks it (docs/async.md, "Inline continuations").</summary>
    public bool InlineContinuations { get; set; }

    /// <summary>The engine thread's name (for debuggers and profilers); null for "io_uring engine".</summary>
    public string? ThreadName { get; set; }

    /// <summary>Whether to set the ring up with SINGLE_ISSUER and DEFER_TASKRUN when the kernel has them (true); false
    /// uses COOP_TASKRUN, the set-up older kernels fall back to (also a way to test that path).</summary>
    public bool UseDeferTaskRun { get; set; } = true;

    /// <summary>How many short spins (each about a few hundred nanoseconds) the engine thread makes, looking for new work, before it sleeps.</summary>
    /// <remarks>0 sleeps at once. Spinning saves a sleep and a wake-up when continuations on the thread pool submit
    /// the next request quickly, at the cost of some CPU when the engine is idle.</remarks>
    public int SpinBeforeSleep { get; set; } = 0;

    /// <summary>Copies the options and checks them.</summary>
    internal RingEngineOptions Validated()
    {
        if (Entries < 1 || Entries > 32768)
        {
            throw new ArgumentOutOfRangeException(nameof(Entries), Entries, "The submission queue holds 1 to 32768 entries.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlight, 1, nameof(MaxInFlight));
        ArgumentOutOfRangeException.ThrowIfNegative(SpinBeforeSleep, nameof(SpinBeforeSleep));
        return new RingEngineOptions
        {
            Entries = Entries,
            MaxInFlight = MaxInFlight,
            InlineContinuations = InlineContinuations,
            ThreadName = ThreadName,
            UseDeferTaskRun = UseDeferTaskRun,
            SpinBeforeSleep = SpinBeforeSleep,
        };
    }
}
