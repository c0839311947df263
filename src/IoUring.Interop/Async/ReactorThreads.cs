using System;
using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>Standby threads that take over a reactor's loop when its driver is stuck in user code (the Ms of Go's
/// scheduler). A thread that lost its loop joins them once its user code returns; none ever exits, because the kernel
/// cancels the requests of a task that exits, and a standby thread may have submitted some that are still in flight.</summary>
internal static class ReactorThreads
{
    // Idle standby threads, an intrusive stack under a lock (hand-offs are rare; a ConcurrentStack would allocate a
    // node per push, and the hot path's zero-allocation guarantee includes a loaded machine where hand-offs happen).
    private static readonly object IdleGate = new();
    private static Standby? s_idle;
    private static int s_created;

    /// <summary>Watchdog thread: runs <paramref name="engine"/>'s loop on a standby thread as generation <paramref name="generation"/>.</summary>
    internal static void Drive(RingEngine engine, int generation)
    {
        Standby? standby;
        lock (IdleGate)
        {
            standby = s_idle;
            if (standby is not null)
            {
                s_idle = standby.NextIdle;
                standby.NextIdle = null;
            }
        }

        if (standby is null)
        {
            standby = new Standby();
            var thread = new Thread(static state => ((Standby)state!).Serve())
            {
                IsBackground = true,
                Name = $"io_uring reactor standby {Interlocked.Increment(ref s_created)}",
            };
            thread.UnsafeStart(standby);
        }

        standby.Assign(engine, generation);
    }

    /// <summary>The calling thread, which lost its engine's loop, waits for a loop to take over (never returns).</summary>
    internal static void BecomeStandby()
    {
        try
        {
            // It no longer belongs to its engine: name it for what it is now (debuggers, /proc/self/task/*/comm).
            Thread.CurrentThread.Name = $"io_uring reactor standby {Interlocked.Increment(ref s_created)}";
        }
        catch (InvalidOperationException)
        {
            // A runtime that lets a thread be named once keeps the old name.
        }

        var standby = new Standby();
        MakeIdle(standby);
        standby.Serve();
    }

    private static void MakeIdle(Standby standby)
    {
        lock (IdleGate)
        {
            standby.NextIdle = s_idle;
            s_idle = standby;
        }
    }

    private sealed class Standby
    {
        private readonly object _gate = new();

        internal Standby? NextIdle;
        private RingEngine? _engine;
        private int _generation;

        internal void Assign(RingEngine engine, int generation)
        {
            lock (_gate)
            {
                _engine = engine;
                _generation = generation;
                Monitor.Pulse(_gate);
            }
        }

        internal void Serve()
        {
            while (true)
            {
                RingEngine engine;
                int generation;
                lock (_gate)
                {
                    while (_engine is null)
                    {
                        Monitor.Wait(_gate);
                    }

                    engine = _engine;
                    generation = _generation;
                    _engine = null;
                }

                engine.Drive(generation);
                MakeIdle(this);
            }
        }
    }
}
