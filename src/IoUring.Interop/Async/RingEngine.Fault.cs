using System;
using System.Collections.Generic;
using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>The faulted state: an error on the engine thread (an io_uring_enter errno other than EINTR, EAGAIN and
/// EBUSY) stops the engine instead of the process.</summary>
public sealed partial class RingEngine
{
    // Requests the kernel held when the engine faulted, and the engines themselves (the wake read's counter): kept
    // reachable for the life of the process, so no pinned scratch or buffer they point to is ever freed or reused
    // while the kernel might still write to it.
    private static readonly List<object> Abandoned = [];

    private volatile Exception? _fault;

    /// <summary>Keeps <paramref name="memoryOwner"/> reachable for the life of the process: memory the kernel may
    /// still write after a fault.</summary>
    internal static void Abandon(object memoryOwner)
    {
        lock (Abandoned)
        {
            Abandoned.Add(memoryOwner);
        }
    }

    /// <summary>The error that stopped the engine thread, or null.</summary>
    internal Exception? Fault => _fault;

    /// <summary>Throws <see cref="ObjectDisposedException"/> (with the fault as its inner exception, if the engine
    /// faulted) once disposal began or the engine stopped.</summary>
    internal void ThrowIfStopped()
    {
        if (_disposeRequested)
        {
            throw StoppedException("The engine is disposed and accepts no more requests.");
        }
    }

    /// <summary>The exception an await ends with when the engine stopped before its request completed.</summary>
    internal ObjectDisposedException StoppedException(string message)
    {
        Exception? fault = _fault;
        return fault is null
            ? new ObjectDisposedException(nameof(RingEngine), message)
            : new ObjectDisposedException($"{message} The engine stopped after an error on its thread: {fault.Message}", fault);
    }

    // Engine thread: the loop threw, so the ring can no longer be trusted to submit or complete anything. Requests the
    // kernel holds end now with the fault; their pins are deliberately never released (the kernel cancels them only
    // when the ring is torn down, asynchronously, and may write to their buffers until then). Their handle references
    // are released: an issued request holds the kernel's own reference to its file, and an entry the kernel never
    // consumed never will be, so the descriptor may close. Requests that never reached the kernel are released
    // normally by the teardown that follows.
    private void FailInFlight(Exception fault)
    {
        _fault = fault;
        _disposeRequested = true;
        IsShuttingDown = true;
        Volatile.Write(ref _sleeping, 0);
        lock (Abandoned)
        {
            Abandoned.Add(this);
        }

        EngineOperation?[] table = Volatile.Read(ref _table);
        int count = Volatile.Read(ref _tableCount);
        for (int i = 0; i < count; i++)
        {
            if (table[i] is not EngineOperation operation || !operation.InKernel)
            {
                continue;
            }

            if (operation is MultishotOperation { Pool: { } pool })
            {
                // The receive may have picked one of the pool's buffers; the kernel may fill it during teardown.
                Abandon(pool);
            }

            if (operation is RingOperation single)
            {
                single.AbandonPins();
                lock (Abandoned)
                {
                    Abandoned.Add(single);
                }
            }

            operation.Abort(OperationOutcome.Disposed);
        }
    }
}
