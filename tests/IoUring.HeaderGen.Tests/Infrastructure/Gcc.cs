using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace IoUring.HeaderGen.Tests.Infrastructure;

/// <summary>
/// gcc as the independent oracle: the questions (sizeof, offsetof, a constant's value) become the initialisers of
/// constant arrays in a C file compiled against the same vendored headers, with the same -nostdinc rule as the
/// generator, and the answers are read back from the assembly gcc writes (<c>-S</c>). Nothing is run, so a cross
/// compiler answers for its own architecture exactly as the native one does: <c>gcc</c> for x86-64,
/// <c>aarch64-linux-gnu-gcc</c> (Debian's gcc-aarch64-linux-gnu) for arm64. A missing compiler fails.
/// </summary>
internal static class Gcc
{
    /// <summary>The host compiler (x86-64 here).</summary>
    public const string Native = "gcc";

    /// <summary>Debian's arm64 cross compiler (package gcc-aarch64-linux-gnu).</summary>
    public const string Aarch64 = "aarch64-linux-gnu-gcc";

    /// <summary>One question: a key, and C integer constant expressions whose values are wanted.</summary>
    public sealed record Row(string Key, IReadOnlyList<string> Expressions);

    /// <summary>Each row's values (as unsigned 64-bit, the C expressions converted to <c>unsigned long long</c>), by key.</summary>
    /// <param name="systemHeaders">
    /// Let the compiler search its own target's C library and kernel headers (glibc's fcntl.h, sys/socket.h) instead of
    /// -nostdinc and the given folders only: for constants the library copies by hand from headers it does not vendor.
    /// </param>
    public static Dictionary<string, ulong[]> Evaluate(string compiler, string prologue, IReadOnlyList<Row> rows, IEnumerable<string> includeDirectories, bool systemHeaders = false)
    {
        var program = new StringBuilder(prologue);
        for (int i = 0; i < rows.Count; i++)
        {
            program.Append(CultureInfo.InvariantCulture, $"const unsigned long long {Label(i)}[] = {{ ");
            program.Append(string.Join(", ", rows[i].Expressions.Select(e => $"(unsigned long long)({e})")));
            program.Append(" };\n");
        }

        string dir = Directory.CreateTempSubdirectory("headergen-gcc-").FullName;
        try
        {
            string source = Path.Combine(dir, "oracle.c");
            string assembly = Path.Combine(dir, "oracle.s");
            File.WriteAllText(source, program.ToString());
            var args = new List<string>();
            foreach (string include in includeDirectories)
            {
                args.Add("-I");
                args.Add(include);
            }

            args.AddRange(systemHeaders ? ["-std=gnu11", "-w", "-O0", "-S", "-o", assembly, source] : ["-std=gnu11", "-nostdinc", "-w", "-O0", "-S", "-o", assembly, source]);
            (int rc, string output) = Exec(Find(compiler), args);
            if (rc != 0)
            {
                throw new InvalidOperationException($"{compiler} failed ({rc}):\n{output}\n--- program ---\n{program}");
            }

            Dictionary<string, List<ulong>> data = ReadData(File.ReadAllLines(assembly));
            var answers = new Dictionary<string, ulong[]>(StringComparer.Ordinal);
            for (int i = 0; i < rows.Count; i++)
            {
                List<ulong> values = data.TryGetValue(Label(i), out List<ulong>? v) ? v
                    : throw new InvalidOperationException($"{compiler} wrote no data for {rows[i].Key} ({Label(i)})");
                if (values.Count != rows[i].Expressions.Count)
                {
                    throw new InvalidOperationException($"{compiler}: {rows[i].Key} has {values.Count} values, {rows[i].Expressions.Count} expected");
                }

                answers[rows[i].Key] = values.ToArray();
            }

            return answers;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Label(int row) => "headergen_oracle_" + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The 64-bit values under each label: x86-64 gcc writes <c>.quad</c>, aarch64 gcc <c>.xword</c> (signed decimal),
    /// and a run of zero bytes as <c>.zero N</c>.
    /// </summary>
    private static Dictionary<string, List<ulong>> ReadData(IEnumerable<string> lines)
    {
        var data = new Dictionary<string, List<ulong>>(StringComparer.Ordinal);
        List<ulong>? current = null;
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.EndsWith(':') && line.StartsWith("headergen_oracle_", StringComparison.Ordinal))
            {
                current = data[line[..^1]] = [];
                continue;
            }

            if (current is null)
            {
                continue;
            }

            string[] parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            switch (parts.Length == 2 ? parts[0] : string.Empty)
            {
                case ".quad" or ".xword" or ".8byte" or ".dword":
                    current.Add(parts[1].StartsWith('-')
                        ? unchecked((ulong)long.Parse(parts[1], CultureInfo.InvariantCulture))
                        : ulong.Parse(parts[1], CultureInfo.InvariantCulture));
                    break;
                case ".zero":
                    current.AddRange(Enumerable.Repeat(0UL, int.Parse(parts[1], CultureInfo.InvariantCulture) / 8));
                    break;
                default:
                    // Anything else (.size, .section, the next label) ends the array.
                    if (!line.StartsWith(".align", StringComparison.Ordinal) && !line.StartsWith(".p2align", StringComparison.Ordinal))
                    {
                        current = null;
                    }

                    break;
            }
        }

        return data;
    }

    private static string Find(string compiler)
    {
        string? found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(':')
            .Select(p => Path.Combine(p, compiler))
            .FirstOrDefault(File.Exists);
        string package = compiler == Aarch64 ? "gcc-aarch64-linux-gnu" : "gcc";
        return found ?? throw new InvalidOperationException(
            $"{compiler} is required: it is the layout and constant oracle of these tests (install Debian's {package}; the tests fail rather than skip without it)");
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
