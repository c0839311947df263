using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>What the engines' meter reads.</summary>
public sealed partial class RingEngine
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that reports every engine's counters
    /// (<c>io_uring.engine.operations</c>, <c>.completions</c>, <c>.enters</c>, <c>.sleeps</c>, <c>.wakeups</c>,
    /// <c>.continuation_runners</c>, <c>.reactor_handoffs</c>, <c>.caller_submissions</c>, <c>.in_flight</c>, <c>.active</c>,
    /// <c>.faulted</c>; docs/async.md).</summary>
    /// <remarks>Observable instruments: they read <see cref="Statistics"/> when a listener collects, so the operations
    /// pay nothing. Available since Linux 5.19.</remarks>
    public const string MeterName = "IoUring.Interop";

    /// <summary>Any thread: the requests in the kernel now (the engine thread's count, read without synchronization).</summary>
    internal int InFlightCount => Volatile.Read(ref _inKernel);
}
