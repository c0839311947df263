using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace IoUring.Samples.Copy;

/// <summary>Command line: <c>IoUring.Copy SOURCE DESTINATION [--block BYTES] [--depth PAIRS]</c>.</summary>
/// <remarks>Exit codes: 0 copied (or <c>--help</c>), 1 the copy failed (a file missing or unwritable, source and
/// destination the same file), 2 a bad command line.</remarks>
public static class CopyCommand
{
    public const string Usage = "usage: IoUring.Copy SOURCE DESTINATION [--block BYTES (default 131072)] [--depth PAIRS (default 8)]";

    // A registered buffer may be up to 1 GiB; 64 MiB chunks are already far past any benefit.
    private const int MaxBlock = 64 << 20;
    private const int MaxDepth = 1024;

    /// <summary>Runs the command, drawing the progress line on <paramref name="output"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, showProgress: true);

    /// <summary>Runs the command; <paramref name="showProgress"/> false leaves only the summary line (for output that is not a terminal).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool showProgress)
    {
        if (Array.Exists(args, a => a is "--help" or "-h"))
        {
            output.WriteLine(Usage);
            output.WriteLine("Copies SOURCE to DESTINATION through io_uring: each chunk a linked READ_FIXED -> WRITE_FIXED pair on registered buffers.");
            output.WriteLine($"  --block BYTES  chunk size, 1 to {MaxBlock}");
            output.WriteLine($"  --depth PAIRS  chunks in flight, 1 to {MaxDepth}");
            return 0;
        }

        if (!TryParse(args, out CopyOptions? options, out string? problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 2;
        }

        CopyResult result;
        try
        {
            result = FileCopier.Copy(options, new ProgressLine(output, showProgress));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // One line, no stack trace: the runtime's messages name the path ("Could not find file '...'").
            error.WriteLine($"IoUring.Copy: {e.Message}");
            return 1;
        }

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
            problem = args[i] switch
            {
                "--block" => InRange(args[i], value, MaxBlock, "bytes", out block),
                "--depth" => InRange(args[i], value, MaxDepth, "read→write pairs", out depth),
                _ => $"unknown option: {args[i]}",
            };
            if (problem is not null)
            {
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

    // Null when value is a whole number from 1 to max; otherwise the message saying the allowed range.
    private static string? InRange(string option, string? value, int max, string unit, out int result)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result) && result >= 1 && result <= max)
        {
            return null;
        }

        return $"{option} takes 1 to {max} {unit}, got {(value is null ? "nothing" : $"'{value}'")}";
    }
}

/// <summary>What to copy and how: chunk size and how many read→write pairs are in flight.</summary>
public sealed record CopyOptions(string Source, string Destination, int Block, int Depth);

/// <summary>What the copy did.</summary>
public readonly record struct CopyResult(long Bytes, TimeSpan Elapsed, long Pairs, long Retries);
