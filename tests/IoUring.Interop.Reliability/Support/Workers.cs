using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace IoUring.Interop.Reliability;

/// <summary>Starts named threads and joins them, collecting what they threw.</summary>
internal static class Workers
{
    /// <summary>Runs each body on its own thread and waits for all; throws an <see cref="AggregateException"/> of their failures.</summary>
    public static void RunAll(params (string Name, Action Body)[] bodies)
    {
        var failures = new ConcurrentQueue<Exception>();
        var threads = new List<Thread>();
        foreach (var (name, body) in bodies)
        {
            var thread = new Thread(() =>
            {
                try
                {
                    body();
                }
                catch (Exception e)
                {
                    failures.Enqueue(new InvalidOperationException($"thread '{name}' failed: {e.Message}", e));
                }
            }) { Name = name };
            threads.Add(thread);
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        if (!failures.IsEmpty)
        {
            throw new AggregateException(failures);
        }
    }
}
