using System;
using System.Collections.Generic;
using System.Globalization;

namespace IoUring.Interop.Reliability.Soak;

/// <summary>The figures of one soak run: what the long mode reports and the short mode asserts on.</summary>
public sealed record SoakResult(
    string Shape, int Seed, long Requests, long Completions, TimeSpan Elapsed, long Lost, long Duplicated, long Wrong,
    long Crashes, IReadOnlyList<string> Failures)
{
    /// <summary>Completions accounted per second.</summary>
    public double OpsPerSecond => Elapsed.TotalSeconds > 0 ? Completions / Elapsed.TotalSeconds : 0;

    /// <summary>Whether nothing was lost, duplicated, wrong or crashed.</summary>
    public bool Clean => Lost == 0 && Duplicated == 0 && Wrong == 0 && Crashes == 0;

    /// <summary>One line: shape, requests, completions, ops/s and the four failure counts.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"soak {Shape,-20} run seed {Seed,11}: {Requests,9} requests, {Completions,9} completions in {Elapsed.TotalSeconds,6:0.0}s = {OpsPerSecond,9:0} ops/s; lost {Lost}, duplicated {Duplicated}, wrong {Wrong}, crashes {Crashes}");
}
