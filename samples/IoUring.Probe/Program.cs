using System;

namespace IoUring.Samples.Probe;

/// <summary>Prints what the running kernel supports of the io_uring interface this package was generated from.</summary>
public static class Program
{
    public static int Main(string[] args) => ProbeCommand.Run(args, Console.Out, Console.Error);
}
