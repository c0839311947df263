using System;

namespace IoUring.Samples.Copy;

/// <summary>Copies a file through io_uring: registered buffers, each chunk a linked READ_FIXED → WRITE_FIXED pair.</summary>
public static class Program
{
    public static int Main(string[] args) => CopyCommand.Run(args, Console.Out, Console.Error);
}
