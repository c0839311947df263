namespace IoUring.Benchmarks.Harness;

/// <summary>Protocol constants shared with the C twin (bench/native/bench.h).</summary>
internal static class Clock
{
    /// <summary>The clock is read once per this many loop iterations in both twins, so both pay it equally.</summary>
    public const long Every = 1024;

    /// <summary>The read workload's ring size (BENCH_DEFAULT_ENTRIES); --qd may not exceed it.</summary>
    public const int ReadRingEntries = 256;
}
