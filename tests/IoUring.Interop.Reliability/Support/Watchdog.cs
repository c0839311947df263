using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace IoUring.Interop.Reliability;

/// <summary>A check that stopped making progress: the watchdog's verdict, carrying the seed to replay it.</summary>
public sealed class HangException(string message) : Exception(message);

/// <summary>Waits for a check on its progress, not on wall time: a hang is a failure with the seed, a slow machine is not.</summary>
/// <remarks>The check exposes a counter that moves whenever any of its operations ends. The watchdog fails only when the
/// counter has not moved for <see cref="Stall"/>: a loaded 2-core machine slows every operation down, but none of the
/// checks has an operation that legitimately takes tens of seconds, so a counter that stands still that long is a hang.</remarks>
public static class Watchdog
{
    /// <summary>How long a check may go without progress: 60 s (120 s in long mode, which runs beside other long checks).</summary>
    public static TimeSpan Stall => Knobs.IsLong ? TimeSpan.FromSeconds(120) : TimeSpan.FromSeconds(60);

    /// <summary>Awaits <paramref name="work"/>; throws <see cref="HangException"/> when <paramref name="progress"/> has not
    /// moved for <paramref name="stall"/> (default <see cref="Stall"/>), with <paramref name="state"/>'s description of
    /// what is still open.</summary>
    public static async Task Guard(Task work, Func<long> progress, string what, Func<string>? state = null, TimeSpan? stall = null)
    {
        TimeSpan limit = stall ?? Stall;
        long last = progress();
        var quiet = Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(100))).ConfigureAwait(false);
            long now = progress();
            if (now != last)
            {
                last = now;
                quiet.Restart();
            }
            else if (!work.IsCompleted && quiet.Elapsed > limit)
            {
                throw new HangException(string.Create(CultureInfo.InvariantCulture,
                    $"{what}: no progress for {limit.TotalSeconds:0} s (progress counter stuck at {now}); {Knobs.ReplayLine("hang")}\n{state?.Invoke()}"));
            }
        }

        await work.ConfigureAwait(false);
    }

    /// <summary>Awaits <paramref name="work"/> and returns its result, under <see cref="Guard"/>.</summary>
    public static async Task<T> Guard<T>(Task<T> work, Func<long> progress, string what, Func<string>? state = null, TimeSpan? stall = null)
    {
        await Guard((Task)work, progress, what, state, stall).ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }
}
