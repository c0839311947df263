using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Interop.Tests;

/// <summary>Waits on progress, not on wall time: a loaded machine (the suite runs beside other builds on 2 cores, at
/// load averages of 13 to 20) slows a test down but never stops its progress counter for long; a hang does.</summary>
internal static class Progress
{
    /// <summary>How long a progress counter may stand still before the wait fails: no single step of these tests (a
    /// NOP, a 4 KiB read, a loopback round trip, a thread start) takes anywhere near that, even under heavy load.</summary>
    internal static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);

    /// <summary>Awaits <paramref name="work"/>; fails with <see cref="TimeoutException"/> when <paramref name="progress"/>
    /// has not moved for <see cref="Stall"/>.</summary>
    /// <remarks>It polls with <see cref="Thread.Sleep(int)"/> on the calling thread and allocates nothing while it
    /// waits (a timer or a <c>Task.Delay</c> would show in a process-wide allocation count the work is measuring).</remarks>
    internal static async Task<T> Await<T>(Task<T> work, Func<long> progress, string what)
    {
        long last = progress();
        long quietSince = Stopwatch.GetTimestamp();
        while (!work.IsCompleted)
        {
            Thread.Sleep(100);
            long now = progress();
            if (now != last)
            {
                last = now;
                quietSince = Stopwatch.GetTimestamp();
            }
            else if (!work.IsCompleted && Stopwatch.GetElapsedTime(quietSince) > Stall)
            {
                throw new TimeoutException($"{what}: no progress for {Stall.TotalSeconds:0} s (counter stuck at {now})");
            }
        }

        return await work.ConfigureAwait(false);
    }

    /// <summary>Spins (yielding) until <paramref name="done"/>; fails when <paramref name="progress"/> has not moved for
    /// <see cref="Stall"/>. <paramref name="step"/> runs between checks (e.g. an enter that flushes completions).</summary>
    internal static void SpinUntil(Func<bool> done, Func<long> progress, string what, Action? step = null)
    {
        long last = progress();
        var quiet = Stopwatch.StartNew();
        while (!done())
        {
            step?.Invoke();
            long now = progress();
            if (now != last)
            {
                last = now;
                quiet.Restart();
            }
            else if (quiet.Elapsed > Stall)
            {
                throw new TimeoutException($"{what}: no progress for {Stall.TotalSeconds:0} s (counter stuck at {now})");
            }

            Thread.Yield();
        }
    }
}

/// <summary>Says whether a progress counter has stood still for <see cref="Progress.Stall"/>; one per thread.</summary>
internal sealed class StallClock(Func<long> progress)
{
    private readonly Stopwatch _quiet = Stopwatch.StartNew();
    private long _last = progress();

    /// <summary>True once the counter has not moved for <see cref="Progress.Stall"/>.</summary>
    public bool Stalled
    {
        get
        {
            long now = progress();
            if (now != _last)
            {
                _last = now;
                _quiet.Restart();
            }

            return _quiet.Elapsed > Progress.Stall;
        }
    }
}
