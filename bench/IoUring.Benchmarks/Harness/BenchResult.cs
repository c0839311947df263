using System.Globalization;

namespace IoUring.Benchmarks.Harness;

/// <summary>One harness run: what was counted, how long it took, what it allocated.</summary>
/// <param name="Prefix">The line's leading fields, already formatted (<c>nop N=32 entries=256 flags=none</c>).</param>
/// <param name="Suffix">Fields after the measurements (<c> engine=randomaccess</c>), or empty.</param>
internal readonly record struct BenchResult(string Prefix, long Ops, double Seconds, long AllocatedBytes, double CpuSeconds, string Suffix)
{
    public double OpsPerSecond => Seconds > 0 ? Ops / Seconds : 0;

    public double NanosecondsPerOp => Ops > 0 ? Seconds * 1e9 / Ops : 0;

    public double OpsPerCpuSecond => CpuSeconds > 0 ? Ops / CpuSeconds : 0;

    public double AllocatedBytesPerOp => Ops > 0 ? (double)AllocatedBytes / Ops : 0;

    /// <summary>The single output line, in the C twin's field order and number formats (invariant culture).</summary>
    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Prefix} ops={Ops} secs={Seconds:F3} ops_per_s={OpsPerSecond:F0} ns_per_op={NanosecondsPerOp:F1} alloc_bytes_per_op={AllocatedBytesPerOp:0.##} cpu_secs={CpuSeconds:F3} ops_per_cpu_s={OpsPerCpuSecond:F0}{Suffix}");
}
