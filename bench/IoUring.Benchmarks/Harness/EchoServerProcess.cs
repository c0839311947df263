using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace IoUring.Benchmarks.Harness;

/// <summary>
/// The echo server as a child process running this same program (<c>echo-server --engine E</c>), driven over its
/// stdin/stdout: it prints <c>port=P</c> once listening, answers each <c>sample</c> with <c>cpu=S alloc=B</c> (its own
/// CLOCK_PROCESS_CPUTIME_ID and GC.GetTotalAllocatedBytes), and exits on <c>quit</c> or when its stdin closes.
/// </summary>
internal sealed class EchoServerProcess : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private EchoServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    public static EchoServerProcess Start(EchoEngine engine, ContinuationChoice continuations)
    {
        ProcessStartInfo start = SelfCommand();
        start.ArgumentList.Add(EchoServer.Command);
        start.ArgumentList.Add("--engine");
        start.ArgumentList.Add(EchoOptions.EngineName(engine));
        if (Continuations.Argument(continuations) is { } choice)
        {
            start.ArgumentList.Add("--continuations");
            start.ArgumentList.Add(choice);
        }

        // .NET's fastest socket set-up is process-wide and read once: only the server child gets it, so the client
        // (this process) is the same for every row.
        if (engine == EchoEngine.Sockets && continuations == ContinuationChoice.Inline)
        {
            start.Environment[Continuations.SocketsInlineVariable] = "1";
        }
        else
        {
            start.Environment.Remove(Continuations.SocketsInlineVariable);
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = false; // the child's errors reach the user (and compare.sh's log) directly
        start.UseShellExecute = false;
        Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the echo server process");
        try
        {
            string reply = ReadReply(process, "port=");
            return new EchoServerProcess(process, int.Parse(reply.AsSpan("port=".Length), CultureInfo.InvariantCulture));
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    /// <summary>The server's CPU time and allocations so far.</summary>
    public CostSample Sample()
    {
        _process.StandardInput.WriteLine("sample");
        _process.StandardInput.Flush();
        string reply = ReadReply(_process, "cpu=");
        string[] fields = reply.Split(' ');
        return new CostSample(
            double.Parse(fields[0].AsSpan("cpu=".Length), CultureInfo.InvariantCulture),
            long.Parse(fields[1].AsSpan("alloc=".Length), CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("quit");
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone: nothing to tell it.
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            Kill(_process);
        }

        _process.Dispose();
    }

    // This program again: its apphost when that is what runs (dotnet run, bench/compare.sh), otherwise the dotnet host
    // with this assembly (a test runner that loaded the harness in-process).
    private static ProcessStartInfo SelfCommand()
    {
        string assembly = typeof(EchoServerProcess).Assembly.Location;
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == Path.GetFileNameWithoutExtension(assembly))
        {
            return new ProcessStartInfo(current);
        }

        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet"
                ? current
                : Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        var start = new ProcessStartInfo(host);
        start.ArgumentList.Add(assembly);
        return start;
    }

    private static string ReadReply(Process process, string prefix)
    {
        var read = process.StandardOutput.ReadLineAsync();
        if (!read.Wait(ReplyTimeout) || read.Result is not { } line)
        {
            throw new InvalidOperationException($"the echo server process did not answer (expected '{prefix}...'; exited: {process.HasExited})");
        }

        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the echo server process answered '{line}', expected '{prefix}...'");
        }

        return line;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }
}
