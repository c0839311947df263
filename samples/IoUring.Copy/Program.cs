using System;

namespace IoUring.Samples.Copy;

/// <summary>Copies a file through io_uring: registered buffers, each chunk a linked READ_FIXED → WRITE_FIXED pair.</summary>
public static class Program
{
    // The progress line is drawn only on a terminal: redirected output gets the summary line alone.
    public static int Main(string[] args) => CopyCommand.Run(args, Console.Out, Console.Error, showProgress: !Console.IsOutputRedirected);
}
