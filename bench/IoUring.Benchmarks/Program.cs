using System;
using System.Globalization;
using BenchmarkDotNet.Running;
using IoUring.Benchmarks.Harness;

namespace IoUring.Benchmarks;

/// <summary>
/// Entry point: the side-by-side harness (<c>nop</c>, <c>read</c>: the same interface and output lines as the C
/// twin in bench/native, so bench/compare.sh runs both; <c>async-read</c>, <c>echo</c>: the async layer against .NET's
/// own I/O) and the BenchmarkDotNet suites (<c>bdn [filter]</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length > 0 && args[0] == "bdn")
        {
            // bdn [filter] [BenchmarkDotNet options...], e.g. bdn '*Completion*' --job short.
            // Out of process (BenchmarkDotNet's default: a generated project per run, built with an absolute
            // IntermediateOutputPath, which the Native layer's generation target handles); add --inProcess to skip it.
            string filter = args.Length > 1 ? args[1] : "*";
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(["--filter", filter, .. args.AsSpan(Math.Min(2, args.Length))]);
            return 0;
        }

        return HarnessCommand.Run(args, Console.Out, Console.Error);
    }
}
