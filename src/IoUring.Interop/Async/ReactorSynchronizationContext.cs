using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>The synchronization context of a <see cref="ContinuationMode.Reactor"/> engine's thread: an await there that
/// suspends on something else (a timer, Task.Run, another library's I/O) comes back to the reactor, so code started
/// on it stays on it.</summary>
/// <remarks>Post queues without blocking and wakes the reactor when called from another thread. Send from the reactor
/// runs at once; from another thread it waits for the reactor. A synchronous wait on the reactor for work posted to it
/// does not deadlock: the watchdog hands the loop to another thread, which runs that work.</remarks>
internal sealed class ReactorSynchronizationContext(RingEngine engine) : SynchronizationContext
{
    /// <summary>The engine whose reactor this is.</summary>
    internal RingEngine Engine { get; } = engine;

    /// <inheritdoc/>
    public override void Post(SendOrPostCallback d, object? state) => Engine.Post(d, state);

    /// <inheritdoc/>
    public override void Send(SendOrPostCallback d, object? state)
    {
        if (RingEngine.Current == Engine)
        {
            d(state);
            return;
        }

        using var done = new ManualResetEventSlim();
        System.Exception? failure = null;
        Engine.Post(_ =>
        {
            try
            {
                d(state);
            }
            catch (System.Exception exception)
            {
                failure = exception;
            }
            finally
            {
                done.Set();
            }
        }, null);
        done.Wait();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <inheritdoc/>
    public override SynchronizationContext CreateCopy() => this;
}
