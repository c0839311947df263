using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Interop.Async;

/// <summary>Bounds the operations an engine holds at once: a counter with a lock-free fast path, and a semaphore
/// only for callers that must wait (a "benaphore").</summary>
/// <remarks><c>_available</c> going negative counts the callers about to wait; each release that finds it at or
/// below zero after incrementing hands one of them a permit.</remarks>
internal sealed class InFlightLimiter
{
    private readonly SemaphoreSlim _waiters = new(0);
    private int _available;

    internal InFlightLimiter(int limit) => _available = limit;

    /// <summary>Takes a permit without waiting; false means the caller now owns a place in the wait line and must
    /// call <see cref="WaitAsync"/>.</summary>
    internal bool TryEnter() => Interlocked.Decrement(ref _available) >= 0;

    /// <summary>Waits for the permit promised by a failed <see cref="TryEnter"/>.</summary>
    internal Task WaitAsync() => _waiters.WaitAsync();

    /// <summary>Returns a permit.</summary>
    internal void Exit()
    {
        if (Interlocked.Increment(ref _available) <= 0)
        {
            _waiters.Release();
        }
    }
}
