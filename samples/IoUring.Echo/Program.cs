using System;

namespace IoUring.Samples.Echo;

/// <summary>
/// A loopback echo server on one ring (multishot accept, multishot recv from a provided buffer ring, send
/// straight from the received buffer) measured by a bounded load client; stops by itself.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => EchoCommand.Run(args, Console.Out, Console.Error);
}
