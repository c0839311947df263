using System;
using System.IO.Pipelines;
using IoUring.Interop.Async;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>The output pipe's reader scheduler: when Kestrel flushes a response from inside an engine continuation
/// (the receive that brought the request), the send loop runs after that continuation returns, so every response
/// Kestrel wrote for the received batch goes out in one send; anywhere else it runs inline, as before.</summary>
/// <remarks>With an inline scheduler the first response of a pipelined batch woke the send loop at once and went out
/// alone, and the rest followed in a second send: twice the segments of the Sockets transport, whose send loop runs
/// on its I/O queue after the batch (docs/aspnetcore.md, "Coalescing responses").</remarks>
internal sealed class AfterContinuationScheduler : PipeScheduler
{
    public static readonly AfterContinuationScheduler Instance = new();

    private AfterContinuationScheduler()
    {
    }

    public override void Schedule(Action<object?> action, object? state)
    {
        if (!RingEngine.TryRunAfterCurrentContinuation(action, state))
        {
            action(state);
        }
    }
}
