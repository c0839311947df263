using System;
using System.Diagnostics;
using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>One thread for the whole process that looks at every <see cref="ContinuationMode.Reactor"/> engine about
/// once a millisecond and hands the loop of one stuck in user code to a standby thread (Go's sysmon, with Seastar's
/// millisecond-scale threshold).</summary>
/// <remarks>While every reactor sleeps in the kernel it looks ten times less often: a stall can only begin after a
/// reactor wakes, and it is then seen within one slow tick plus the threshold.</remarks>
internal static class ReactorWatchdog
{
    private const int IdleTicksBeforeSlowing = 100;
    private const int SlowTickMilliseconds = 10;

    private static readonly object Gate = new();
    private static RingEngine[] s_engines = [];
    private static Thread? s_thread;

    /// <summary>Starts watching <paramref name="engine"/>.</summary>
    internal static void Add(RingEngine engine)
    {
        lock (Gate)
        {
            RingEngine[] engines = s_engines;
            Array.Resize(ref engines, engines.Length + 1);
            engines[^1] = engine;
            Volatile.Write(ref s_engines, engines);
            if (s_thread is null)
            {
                s_thread = new Thread(Watch) { IsBackground = true, Name = "io_uring reactor watchdog" };
                s_thread.UnsafeStart();
            }

            Monitor.PulseAll(Gate);
        }
    }

    /// <summary>Stops watching <paramref name="engine"/> (it stopped).</summary>
    internal static void Remove(RingEngine engine)
    {
        lock (Gate)
        {
            int index = Array.IndexOf(s_engines, engine);
            if (index < 0)
            {
                return;
            }

            RingEngine[] engines = new RingEngine[s_engines.Length - 1];
            Array.Copy(s_engines, 0, engines, 0, index);
            Array.Copy(s_engines, index + 1, engines, index, engines.Length - index);
            Volatile.Write(ref s_engines, engines);
        }
    }

    private static void Watch()
    {
        int idleTicks = 0;
        while (true)
        {
            RingEngine[] engines = Volatile.Read(ref s_engines);
            if (engines.Length == 0)
            {
                lock (Gate)
                {
                    while (s_engines.Length == 0)
                    {
                        Monitor.Wait(Gate);
                    }
                }

                continue;
            }

            Thread.Sleep(idleTicks >= IdleTicksBeforeSlowing ? SlowTickMilliseconds : 1);
            long now = Stopwatch.GetTimestamp();
            bool allIdle = true;
            foreach (RingEngine engine in engines)
            {
                engine.CheckStall(now);
                allIdle &= engine.IsIdle;
            }

            idleTicks = allIdle ? idleTicks + 1 : 0;
        }
    }
}
