using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace IoUring.Samples.Copy;

/// <summary>Command line: <c>IoUring.Copy SOURCE DESTINATION [--block BYTES] [--depth PAIRS]</c>.</summary>
public static class CopyCommand
{
    public const string Usage = "usage: IoUring.Copy SOURCE DESTINATION [--block BYTES (default 131072)] [--depth PAIRS (default 8)]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out CopyOptions? options, out string? problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 2;
        }

        CopyResult result = FileCopier.Copy(options, new ProgressLine(output));
        double mib = result.Bytes / (1024.0 * 1024.0);
        double seconds = result.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"copied {result.Bytes} bytes in {seconds:F3} s: {(seconds > 0 ? mib / seconds : 0):F1} MiB/s ({result.Pairs} read→write pairs, {result.Retries} retried)"));
        return 0;
    }

    private static bool TryParse(string[] args, out CopyOptions options, out string? problem)
    {
        options = null!;
        problem = null;
        int block = 128 * 1024;
        int depth = 8;
        var positional = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }

            string? value = i + 1 < args.Length ? args[i + 1] : null;
            bool ok = args[i] switch
            {
                // A registered buffer may be up to 1 GiB; 64 MiB chunks are already far past any benefit.
                "--block" => int.TryParse(value, CultureInfo.InvariantCulture, out block) && block is > 0 and <= 64 << 20,
                "--depth" => int.TryParse(value, CultureInfo.InvariantCulture, out depth) && depth is > 0 and <= 1024,
                _ => false,
            };
            if (!ok)
            {
                problem = $"bad option or value: {args[i]} {value}";
                return false;
            }

            i++;
        }

        if (positional.Count > 2)
        {
            problem = $"unexpected argument: {positional[2]}";
            return false;
        }

        string? source = positional.Count > 0 ? positional[0] : null;
        string? destination = positional.Count > 1 ? positional[1] : null;
        if (source is null || destination is null)
        {
            problem = "SOURCE and DESTINATION are required";
            return false;
        }

        options = new CopyOptions(source, destination, block, depth);
        return true;
    }
}

/// <summary>What to copy and how: chunk size and how many read→write pairs are in flight.</summary>
public sealed record CopyOptions(string Source, string Destination, int Block, int Depth);

/// <summary>What the copy did.</summary>
public readonly record struct CopyResult(long Bytes, TimeSpan Elapsed, long Pairs, long Retries);
