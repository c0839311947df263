using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Package.Tests.Support;

/// <summary>Runs a child process to completion with a time limit, capturing its output.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        string[] arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs inside MSBuild/vstest: its MSBuild variables would steer the child's build
        // towards the parent's SDK state. A child build starts from the machine's defaults.
        foreach (string name in Environment.GetEnvironmentVariables().Keys.Cast<string>().ToArray())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            stderr.AppendLine($"[killed after {timeout.TotalSeconds:F0} s]");
            return new ProcessResult(Describe(fileName, arguments), -1, stdout.ToString(), stderr.ToString());
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        return new ProcessResult(Describe(fileName, arguments), process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static string Describe(string fileName, string[] arguments) => fileName + " " + string.Join(" ", arguments);

    /// <summary>The first of <paramref name="names"/> found on PATH, or null.</summary>
    public static string? FindOnPath(params string[] names)
    {
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in names)
        {
            foreach (string directory in directories)
            {
                string candidate = System.IO.Path.Combine(directory, name);
                if (System.IO.File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

}
