using System.IO;
using IoUring.Interop;

namespace IoUring.Samples.Probe;

/// <summary>Command line: <c>IoUring.Probe [--help]</c>; explains, rather than throws, when io_uring is unavailable.</summary>
public static class ProbeCommand
{
    public const string Usage =
        "usage: IoUring.Probe [--help]\n" +
        "Prints the kernel version, the io_uring features, opcodes, register operations and setup flags it supports.";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["--help"] or ["-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }

        if (args.Length > 0)
        {
            error.WriteLine($"IoUring.Probe: unknown argument '{args[0]}'.");
            error.WriteLine(Usage);
            return 2;
        }

        try
        {
            return ProbeReport.Write(output);
        }
        catch (IoUringException e) when (e.Error is Errno.EPERM or Errno.ENOSYS or Errno.EACCES)
        {
            // io_uring_setup(2) itself refused: disabled by sysctl, a seccomp profile, or a kernel built without it.
            error.WriteLine($"IoUring.Probe: io_uring is not available here: {e.Message}");
            error.WriteLine("See docs/troubleshooting.md (kernel.io_uring_disabled, container seccomp profiles, memlock).");
            return 1;
        }
    }
}
