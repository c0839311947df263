using System;
using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>Work a continuation asked to run right after it returns, on the same thread, before the engine's next
/// continuation: one queue per thread that runs engine continuations (a thread-pool runner, or the engine thread with
/// inline continuations).</summary>
/// <remarks>What it is for: a pipe's reader woken by a writer in the middle of a continuation (a web server's send loop,
/// woken by each response of a pipelined batch) runs once, after the whole batch was written, instead of once per
/// write. The arrays grow to the deepest burst a thread has seen and are reused: nothing is allocated per action.</remarks>
internal sealed class AfterContinuation
{
    [ThreadStatic]
    private static AfterContinuation? t_current;

    private Action<object?>?[] _actions = new Action<object?>?[4];
    private object?[] _states = new object?[4];
    private int _count;
    private bool _active;

    /// <summary>Queues <paramref name="action"/> when the calling thread is running an engine continuation.</summary>
    internal static bool TryQueue(Action<object?> action, object? state)
    {
        AfterContinuation? queue = t_current;
        if (queue is null || !queue._active)
        {
            return false;
        }

        if (queue._count == queue._actions.Length)
        {
            Array.Resize(ref queue._actions, queue._count * 2);
            Array.Resize(ref queue._states, queue._count * 2);
        }

        queue._actions[queue._count] = action;
        queue._states[queue._count] = state;
        queue._count++;
        return true;
    }

    /// <summary>Runs <paramref name="operation"/>'s continuation, then what it queued (and what that queued, in order).</summary>
    internal static void Run(EngineOperation operation)
    {
        AfterContinuation queue = t_current ??= new AfterContinuation();
        if (queue._active)
        {
            // Nested (a continuation ran another engine's inline completion): the outer run drains the queue.
            operation.RunContinuation();
            return;
        }

        queue._active = true;
        int next = 0;
        try
        {
            operation.RunContinuation();
            while (next < queue._count)
            {
                Action<object?> action = queue._actions[next]!;
                object? state = queue._states[next];
                queue._actions[next] = null;
                queue._states[next] = null;
                next++;
                action(state);
            }
        }
        finally
        {
            // Something threw (the thread pool reports it): what is still queued runs on the pool, never lost.
            for (; next < queue._count; next++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(queue._actions[next]!, queue._states[next], preferLocal: false);
                queue._actions[next] = null;
                queue._states[next] = null;
            }

            queue._count = 0;
            queue._active = false;
        }
    }
}
