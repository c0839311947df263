using System;
using System.Collections.Generic;
using System.Globalization;

namespace IoUring.Interop.Reliability.AsyncSoak;

/// <summary>The figures of one async soak run.</summary>
public sealed record AsyncSoakResult(
    string Shape, int Seed, long Operations, TimeSpan Elapsed, long Lost, long Duplicated, long Wrong, long Hangs,
    long Crashes, long Unobserved, IReadOnlyList<string> Leaks, IReadOnlyList<string> Failures)
{
    /// <summary>The resource counts before the engines were made and after they were disposed.</summary>
    public string Census { get; init; } = "";

    /// <summary>Whether nothing was lost, duplicated, wrong, hung, crashed, unobserved or leaked.</summary>
    public bool Clean => Lost == 0 && Duplicated == 0 && Wrong == 0 && Hangs == 0 && Crashes == 0 && Unobserved == 0 && Leaks.Count == 0;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"async soak {Shape,-13} seed {Seed,11}: {Operations,8} awaits in {Elapsed.TotalSeconds,6:0.0}s; lost {Lost}, duplicated {Duplicated}, wrong {Wrong}, hangs {Hangs}, crashes {Crashes}, unobserved {Unobserved}, leaks {Leaks.Count}{(Leaks.Count > 0 ? " (" + string.Join("; ", Leaks) + ")" : "")}");
}
