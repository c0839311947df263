using System;
using System.IO;

namespace IoUring.Benchmarks.Harness;

/// <summary>The harness commands: <c>nop</c> and <c>read</c> (the C twin's protocol), <c>async-read</c> and <c>echo</c> (the async
/// layer against .NET's own I/O); one result line on success. <c>echo-server</c> is <c>echo</c>'s child process.</summary>
public static class HarnessCommand
{
    public const string Usage =
        "usage: IoUring.Benchmarks nop --batch N [--entries E] [--seconds S] [--flags none|single|coop|defer] [--prep inplace|copy]\n" +
        "       IoUring.Benchmarks read --file PATH --qd Q [--block 4096] [--seconds S] [--fixed]\n" +
        "                               [--engine iouring|randomaccess|randomaccess-async]\n" +
        "       IoUring.Benchmarks async-read --engine iouring|randomaccess --file PATH --qd Q [--block 4096] [--seconds S] [--direct]\n" +
        "                                     [--continuations pool|inline] [--engines N] [--callers pool] [--no-caller-submit]\n" +
        "       IoUring.Benchmarks echo --engine iouring|sockets --connections N --size B [--seconds S] [--continuations pool|inline]\n" +
        "       IoUring.Benchmarks http-client --handler iouring|default [--concurrency N] [--seconds S]\n" +
        "       IoUring.Benchmarks bdn [filter] [BenchmarkDotNet options]";

    /// <summary>Runs one command; 0 with the result line on <paramref name="output"/>, 2 on bad arguments.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            switch (args.Length > 0 ? args[0] : string.Empty)
            {
                case "nop":
                    NopOptions nop = NopOptions.Parse(args.AsSpan(1));
                    _ = NopHarness.Run(nop with { Seconds = Clock.WarmupSeconds(nop.Seconds) });
                    output.WriteLine(NopHarness.Run(nop).Format());
                    return 0;
                case "read":
                    ReadOptions read = ReadOptions.Parse(args.AsSpan(1));
                    _ = ReadHarness.Run(read with { Seconds = Clock.WarmupSeconds(read.Seconds) });
                    output.WriteLine(ReadHarness.Run(read).Format());
                    return 0;
                case "async-read":
                    // Warmed up inside the run: the loops start untimed and are measured in their steady state.
                    output.WriteLine(AsyncReadHarness.Run(AsyncReadOptions.Parse(args.AsSpan(1))).Format());
                    return 0;
                case "echo":
                    output.WriteLine(EchoHarness.Run(EchoOptions.Parse(args.AsSpan(1))).Format());
                    return 0;
                case "http-client":
                    output.WriteLine(HttpClientHarness.Run(args.AsSpan(1)));
                    return 0;
                case EchoServer.Command:
                    return EchoServer.Run(args.AsSpan(1), Console.In, output);
                default:
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(Usage);
            return 2;
        }
    }
}
