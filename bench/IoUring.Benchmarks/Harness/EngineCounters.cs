using System;
using IoUring.Interop.Async;

namespace IoUring.Benchmarks.Harness;

/// <summary>With IOURING_BENCH_COUNTERS=1, prints an engine's counters per completion to stderr (the figures the
/// async design was chosen by: sleeps, wake-ups, enters and continuation batches per operation).</summary>
internal static class EngineCounters
{
    public static void Report(RingEngine engine)
    {
        if (Environment.GetEnvironmentVariable("IOURING_BENCH_COUNTERS") != "1")
        {
            return;
        }

        RingEngineStatistics s = engine.Statistics;
        double per = Math.Max(1, s.Completions);
        Console.Error.WriteLine(
            $"counters completions={s.Completions} sleeps_per_op={s.Sleeps / per:F3} wakeups_per_op={s.Wakeups / per:F3} " +
            $"enters_per_op={s.Enters / per:F3} runners_per_op={s.ContinuationRunners / per:F3}");
    }
}
