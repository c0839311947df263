using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace IoUring.HeaderGen.Tests.Infrastructure;

/// <summary>
/// gcc as the independent oracle: compiles a C program against the same vendored headers, with the
/// same -nostdinc rule as the generator, runs it and returns its output lines. A missing gcc fails.
/// </summary>
internal static class Gcc
{
    /// <summary>Declared by hand because -nostdinc keeps libc's headers out; the symbol still links.</summary>
    public const string Prelude = "int printf(const char *format, ...);\n";

    public static IReadOnlyList<string> Run(string program, IEnumerable<string> includeDirectories)
    {
        string dir = Directory.CreateTempSubdirectory("headergen-gcc-").FullName;
        try
        {
            string source = Path.Combine(dir, "oracle.c");
            string exe = Path.Combine(dir, "oracle");
            File.WriteAllText(source, program);
            var args = new List<string> { "-std=gnu11", "-nostdinc", "-w", "-o", exe, source };
            foreach (string include in includeDirectories)
            {
                args.Insert(0, include);
                args.Insert(0, "-I");
            }

            (int rc, string output) = Exec(FindGcc(), args);
            if (rc != 0)
            {
                throw new InvalidOperationException($"gcc failed ({rc}):\n{output}\n--- program ---\n{program}");
            }

            (rc, output) = Exec(exe, []);
            if (rc != 0)
            {
                throw new InvalidOperationException($"the gcc-built oracle exited with {rc}:\n{output}");
            }

            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string FindGcc()
    {
        string? found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(':')
            .Select(p => Path.Combine(p, "gcc"))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "gcc is required: it is the layout and constant oracle of these tests (install it; the tests fail rather than skip without it)");
    }

    private static (int, string) Exec(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
