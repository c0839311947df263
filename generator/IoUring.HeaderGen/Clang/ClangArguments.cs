using System.Collections.Generic;
using System.Linq;

namespace IoUring.HeaderGen.Clang;

/// <summary>The compiler command line and the synthetic translation units the generator parses.</summary>
internal static class ClangArguments
{
    /// <summary>The in-memory main file's name; it is never read from disk and never appears in the output.</summary>
    public const string MainFile = "headergen_input.c";

    /// <summary>Linux C for one target triple (x86_64-linux-gnu, aarch64-linux-gnu), no host headers: only the vendored include folders are searched.</summary>
    public static List<string> For(HeaderSet headers)
    {
        var args = new List<string> { "-x", "c", "--target=" + headers.Target, "-std=gnu11", "-nostdinc" };
        foreach (string dir in headers.IncludeDirectories)
        {
            args.Add("-I");
            args.Add(dir);
        }

        return args;
    }

    /// <summary>A C file that includes every primary header, in the given order.</summary>
    public static string IncludeAll(HeaderSet headers) =>
        string.Concat(headers.Headers.Select(h => $"#include <{h.Relative}>\n"));
}
