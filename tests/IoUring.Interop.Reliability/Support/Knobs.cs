using System;
using System.Globalization;

namespace IoUring.Interop.Reliability;

/// <summary>The suite's two modes and its seed, read from the environment (docs/reliability.md).</summary>
/// <remarks>Short mode (no variable set) is what CI runs: bounded op counts, a fresh seed each run, printed by every
/// test so a failure replays with <c>IOURING_SOAK_SEED</c>. Long mode: <c>IOURING_SOAK_SECONDS</c> is the run time of
/// each soak shape and of each lifecycle and threading stress test.</remarks>
public static class Knobs
{
    /// <summary>The variable that replays a run.</summary>
    public const string SeedVariable = "IOURING_SOAK_SEED";

    /// <summary>The variable that switches to long mode.</summary>
    public const string SecondsVariable = "IOURING_SOAK_SECONDS";

    private static readonly Lazy<int> SeedValue = new(() =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
            ? seed
            : Random.Shared.Next());

    /// <summary>The run's seed: <c>IOURING_SOAK_SEED</c>, or a random one chosen once per process.</summary>
    public static int Seed => SeedValue.Value;

    /// <summary>Long-mode duration, or null in short mode.</summary>
    public static TimeSpan? LongRun =>
        double.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : null;

    /// <summary>Whether the long mode is on.</summary>
    public static bool IsLong => LongRun is not null;

    /// <summary>A seed derived from the run's seed and a test-specific name, so each test has its own stream and still replays.</summary>
    public static int SeedFor(string name)
    {
        // A stable hash (string.GetHashCode is randomized per process, which would break replay).
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash ^ (uint)Seed);
    }

    /// <summary>The line every test prints first: how to replay it.</summary>
    public static string ReplayLine(string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}: seed {Seed} (replay: {SeedVariable}={Seed}), mode {(IsLong ? $"long {LongRun!.Value.TotalSeconds:0}s" : "short")}");
}
