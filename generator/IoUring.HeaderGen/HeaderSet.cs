using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen;

/// <summary>
/// The headers whose declarations are emitted (the "primary" headers), resolved against the include
/// folders, plus the path arithmetic that keeps absolute paths out of the output.
/// </summary>
public sealed class HeaderSet
{
    private HeaderSet(IReadOnlyList<string> includeDirectories, IReadOnlyList<(string Relative, string Full)> headers, string target)
    {
        IncludeDirectories = includeDirectories;
        Headers = headers;
        Target = target;
    }

    /// <summary>The target triple clang parses for (its predefined macros and its layout rules).</summary>
    public string Target { get; }

    /// <summary>Absolute include folders, in search order.</summary>
    public IReadOnlyList<string> IncludeDirectories { get; }

    /// <summary>Primary headers: the include spelling (<c>linux/io_uring.h</c>) and the absolute path.</summary>
    public IReadOnlyList<(string Relative, string Full)> Headers { get; }

    public static HeaderSet Resolve(IReadOnlyList<string> includeDirectories, IReadOnlyList<string> patterns, string target = GeneratorOptions.DefaultTarget)
    {
        List<string> dirs = includeDirectories.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))).ToList();
        var headers = new List<(string, string)>();
        foreach (string pattern in patterns)
        {
            List<(string, string)> matches = Match(dirs, pattern);
            if (matches.Count == 0)
            {
                throw new FileNotFoundException($"no header matches '{pattern}' in the include folders");
            }

            foreach ((string rel, string full) in matches)
            {
                if (!headers.Any(h => h.Item2 == full))
                {
                    headers.Add((rel, full));
                }
            }
        }

        return new HeaderSet(dirs, headers, target);
    }

    private static List<(string, string)> Match(List<string> dirs, string pattern)
    {
        string folder = Path.GetDirectoryName(pattern) ?? string.Empty;
        string name = Path.GetFileName(pattern);
        foreach (string dir in dirs)
        {
            string full = Path.Combine(dir, folder);
            if (!Directory.Exists(full))
            {
                continue;
            }

            List<(string, string)> found = Directory.GetFiles(full, name)
                .Select(f => (Path.Combine(folder, Path.GetFileName(f)).Replace('\\', '/'), Path.GetFullPath(f)))
                .OrderBy(f => f.Item1, StringComparer.Ordinal)
                .ToList();
            if (found.Count > 0)
            {
                return found;
            }
        }

        return [];
    }

    /// <summary>Index of a primary header by absolute path, or -1 for any other file.</summary>
    public int IndexOf(string path)
    {
        if (path.Length == 0)
        {
            return -1;
        }

        string full = Path.GetFullPath(path);
        for (int i = 0; i < Headers.Count; i++)
        {
            if (Headers[i].Full == full)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The path relative to the include folder holding it (<c>linux/time_types.h</c>), never absolute.</summary>
    public string Relative(string path)
    {
        if (path.Length == 0)
        {
            return "<built-in>";
        }

        string full = Path.GetFullPath(path);
        foreach (string dir in IncludeDirectories.OrderBy(d => d.Length))
        {
            if (full.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return full[(dir.Length + 1)..].Replace('\\', '/');
            }
        }

        return Path.GetFileName(full);
    }

    /// <summary>The files clang read, sorted, each with its SHA-256.</summary>
    public IReadOnlyList<InputFile> Describe(IEnumerable<string> files) =>
        files.Select(f => (Rel: Relative(f), Full: Path.GetFullPath(f)))
            .DistinctBy(f => f.Full)
            .OrderBy(f => f.Rel, StringComparer.Ordinal)
            .Select(f => new InputFile(f.Rel, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f.Full)))))
            .ToList();

    /// <summary>The Debian package version named in the headers' provenance README, or "unknown".</summary>
    public static string PackageVersion(string? provenancePath)
    {
        if (provenancePath is null || !File.Exists(provenancePath))
        {
            return "unknown";
        }

        // headers/README.md says "- Version: `7.2.13-1`"; an archive name (linux-libc-dev_7.2.13-1_all.deb) also does.
        string text = File.ReadAllText(provenancePath);
        Match m = Regex.Match(text, @"^[\s*-]*Version:\s*`?(\d[0-9A-Za-z.+~:-]*[0-9A-Za-z])", RegexOptions.Multiline);
        if (!m.Success)
        {
            m = Regex.Match(text, @"linux-libc-dev[_ `=:]+v?(\d[0-9A-Za-z.+~:-]*[0-9A-Za-z])");
        }

        return m.Success ? "linux-libc-dev " + m.Groups[1].Value : "unknown";
    }
}
