using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace IoUring.HeaderGen.Tests.Infrastructure;

/// <summary>Runs the built IoUring.HeaderGen tool as its own process, as the MSBuild target does.</summary>
internal static class ToolProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params IEnumerable<string> args)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "IoUring.HeaderGen.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(tool);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
