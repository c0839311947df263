using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using IoUring.HeaderGen;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen.Tests.Infrastructure;

/// <summary>Paths of the repository the tests run from, and the model of the real io_uring headers (built once).</summary>
internal static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IoUring.Interop.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IoUring.Interop.sln not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<HeaderModel> RealModel = new(() => Generator.BuildModel(RealOptions, out _));

    public static string Root => RootPath.Value;

    public static string Include => Path.Combine(Root, "headers", "include");

    /// <summary>The same include folders, in the same order, as the MSBuild target gives the tool.</summary>
    public static IReadOnlyList<string> IncludeDirectories => [Path.Combine(Include, "x86_64-linux-gnu"), Include];

    public static string ResponseFile => Path.Combine(Root, "generator", "IoUring.HeaderGen", "io_uring.rsp");

    public static string TestProject => Path.Combine(Root, "tests", "IoUring.HeaderGen.Tests");

    public static string Fixtures => Path.Combine(TestProject, "Fixtures");

    public static string Baselines => Path.Combine(TestProject, "Baselines");

    public static string NativeApiListing => Path.Combine(Root, "src", "IoUring.Interop", "Native", "NativeApi.txt");

    /// <summary>Golden files are rewritten only on request.</summary>
    public static bool UpdateBaselines => Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1";

    public static GeneratorOptions RealOptions => GeneratorOptions.Parse(
        new[] { "@" + ResponseFile }
            .Concat(IncludeDirectories.SelectMany(d => new[] { "--include-dir", d }))
            .Concat(["--provenance", Path.Combine(Root, "headers", "README.md")]));

    public static HeaderModel Model => RealModel.Value;

    /// <summary>The primary headers as include spellings (linux/io_uring.h, linux/io_uring/zcrx.h, ...).</summary>
    public static IReadOnlyList<string> PrimaryHeaders =>
        HeaderSet.Resolve(IncludeDirectories, RealOptions.Headers).Headers.Select(h => h.Relative).ToList();
}
