using System;
using System.Globalization;
using BenchmarkDotNet.Running;
using IoUring.Benchmarks.Harness;

namespace IoUring.Benchmarks;

/// <summary>
/// Entry point: the side-by-side harness (<c>nop</c>, <c>read</c>; the same interface and output lines as the C
/// twin in bench/native, so bench/compare.sh runs both) and the BenchmarkDotNet suites (<c>bdn [filter]</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            switch (args[0])
            {
                case "nop":
                    Console.WriteLine(NopHarness.Run(NopOptions.Parse(args.AsSpan(1))).Format());
                    return 0;
                case "read":
                    Console.WriteLine(ReadHarness.Run(ReadOptions.Parse(args.AsSpan(1))).Format());
                    return 0;
                case "bdn":
                    // bdn [filter] [BenchmarkDotNet options...], e.g. bdn '*Completion*' --job short.
                    // In process: a separate generated project would be built with an absolute artifacts
                    // IntermediateOutputPath, which the Native layer's generation target does not support yet.
                    string filter = args.Length > 1 ? args[1] : "*";
                    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(["--filter", filter, "--inProcess", .. args.AsSpan(Math.Min(2, args.Length))]);
                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    private const string Usage =
        "usage: IoUring.Benchmarks nop --batch N [--entries E] [--seconds S] [--flags none|single|coop|defer]\n" +
        "       IoUring.Benchmarks read --file PATH --qd Q [--block 4096] [--seconds S] [--fixed]\n" +
        "                               [--engine iouring|randomaccess|randomaccess-async]\n" +
        "       IoUring.Benchmarks bdn [filter] [BenchmarkDotNet options]";
}
