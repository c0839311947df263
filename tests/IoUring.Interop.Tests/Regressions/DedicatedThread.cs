using System;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace IoUring.Interop.Tests;

/// <summary>A fresh OS thread that runs the actions it is given, one at a time, until disposed.</summary>
/// <remarks>io_uring's registered-ring table belongs to the calling task (thread), so tests of it need threads whose
/// tables start empty and that live exactly as long as the test says. Every action is bounded by a timeout.</remarks>
public sealed class DedicatedThread : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public DedicatedThread(string name)
    {
        _thread = new Thread(() =>
        {
            foreach (Action action in _work.GetConsumingEnumerable())
            {
                action();
            }
        })
        { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>The managed id of the thread.</summary>
    public int ManagedThreadId => _thread.ManagedThreadId;

    /// <summary>Runs <paramref name="function"/> on the thread and returns its result (or rethrows its exception, skips included).</summary>
    public T Run<T>(Func<T> function)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        using var done = new ManualResetEventSlim();
        _work.Add(() =>
        {
            try
            {
                result = function();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                done.Set();
            }
        });
        if (!done.Wait(Timeout))
        {
            throw new TimeoutException($"The action on thread '{_thread.Name}' did not finish within {Timeout.TotalSeconds} s.");
        }

        failure?.Throw();
        return result;
    }

    /// <summary>Runs <paramref name="action"/> on the thread.</summary>
    public void Run(Action action) => Run(() =>
    {
        action();
        return 0;
    });

    /// <summary>Lets the thread end (the kernel then drops its registered-ring table) and waits for it.</summary>
    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(Timeout);
        _work.Dispose();
    }
}
