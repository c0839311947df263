using System;
using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>Work a continuation asked to run right after it returns, on the same thread, before the engine's next
/// continuation: one queue per thread that runs engine continuations (a thread-pool runner, or the engine thread with
/// inline continuations).</summary>
/// <remarks>What it is for: a pipe's reader woken by a writer in the middle of a continuation (a web server's send loop,
/// woken by each response of a pipelined batch) runs once, after the whole batch was written, instead of once per
/// write. The queue is thread-static fields, not an object: a thread allocates only the first time something is
/// queued on it (two small arrays, grown to its deepest burst and reused), never per action.</remarks>
internal static class AfterContinuation
{
    [ThreadStatic]
    private static bool t_active;

    [ThreadStatic]
    private static Action<object?>?[]? t_actions;

    [ThreadStatic]
    private static object?[]? t_states;

    [ThreadStatic]
    private static int t_count;

    /// <summary>Queues <paramref name="action"/> when the calling thread is running an engine continuation.</summary>
    internal static bool TryQueue(Action<object?> action, object? state)
    {
        if (!t_active)
        {
            return false;
        }

        Action<object?>?[] actions = t_actions ??= new Action<object?>?[4];
        object?[] states = t_states ??= new object?[4];
        int count = t_count;
        if (count == actions.Length)
        {
            Array.Resize(ref t_actions, count * 2);
            Array.Resize(ref t_states, count * 2);
            actions = t_actions!;
            states = t_states!;
        }

        actions[count] = action;
        states[count] = state;
        t_count = count + 1;
        return true;
    }

    /// <summary>Runs <paramref name="operation"/>'s continuation, then what it queued (and what that queued, in order).</summary>
    internal static void Run(EngineOperation operation)
    {
        if (t_active)
        {
            // Nested (a continuation ran another engine's inline completion): the outer run drains the queue.
            operation.RunContinuation();
            return;
        }

        t_active = true;
        int next = 0;
        try
        {
            operation.RunContinuation();
            while (next < t_count)
            {
                Action<object?> action = t_actions![next]!;
                object? state = t_states![next];
                t_actions[next] = null;
                t_states[next] = null;
                next++;
                action(state);
            }
        }
        finally
        {
            // Something threw (the thread pool reports it): what is still queued runs on the pool, never lost.
            for (; next < t_count; next++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(t_actions![next]!, t_states![next], preferLocal: false);
                t_actions[next] = null;
                t_states[next] = null;
            }

            t_count = 0;
            t_active = false;
        }
    }
}
