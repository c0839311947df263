using System;

namespace IoUring.Benchmarks.Harness;

/// <summary>Protocol constants shared with the C twin (bench/native/bench.h).</summary>
internal static class Clock
{
    /// <summary>The clock is read once per this many loop iterations in both twins, so both pay it equally.</summary>
    public const long Every = 1024;

    /// <summary>The read workload's ring size (BENCH_DEFAULT_ENTRIES); --qd may not exceed it.</summary>
    public const int ReadRingEntries = 256;

    /// <summary>
    /// Length of the untimed run that precedes every timed one: the same workload, on its own ring, discarded. Tiered
    /// compilation runs new code unoptimized for its first ~100 ms and recompiles hot methods with PGO in the
    /// background; without this the timed interval would start in that code (the C twin has no such phase).
    /// </summary>
    public static double WarmupSeconds(double timedSeconds) => Math.Min(0.5, timedSeconds);
}
