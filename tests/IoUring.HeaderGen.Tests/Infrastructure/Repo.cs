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

    private static readonly Lazy<IReadOnlyList<TargetModel>> RealModels = new(() => Generator.BuildModels(RealOptions, out _));

    public static string Root => RootPath.Value;

    public static string Include => Path.Combine(Root, "headers", "include");

    /// <summary>The x86-64 include folders, in the same order as the MSBuild target gives the tool.</summary>
    public static IReadOnlyList<string> IncludeDirectories => IncludeDirectoriesFor(X86_64);

    /// <summary>The target triples of io_uring.rsp, the emitted one first.</summary>
    public const string X86_64 = "x86_64-linux-gnu";

    /// <summary>arm64's target triple (and multiarch folder).</summary>
    public const string Aarch64 = "aarch64-linux-gnu";

    /// <summary>One architecture's include folders: its asm/ headers first, then the shared ones.</summary>
    public static IReadOnlyList<string> IncludeDirectoriesFor(string target) => [Path.Combine(Include, target), Include];

    public static string ResponseFile => Path.Combine(Root, "generator", "IoUring.HeaderGen", "io_uring.rsp");

    public static string TestProject => Path.Combine(Root, "tests", "IoUring.HeaderGen.Tests");

    public static string Fixtures => Path.Combine(TestProject, "Fixtures");

    public static string Baselines => Path.Combine(TestProject, "Baselines");

    public static string NativeApiListing => Path.Combine(Root, "src", "IoUring.Interop", "Native", "NativeApi.txt");

    /// <summary>Golden files are rewritten only on request.</summary>
    public static bool UpdateBaselines => Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1";

    public static GeneratorOptions RealOptions => GeneratorOptions.Parse(
        new[] { "@" + ResponseFile }
            .Concat(["--include-dir", Path.Combine(Include, GeneratorOptions.TargetPlaceholder), "--include-dir", Include])
            .Concat(["--provenance", Path.Combine(Root, "headers", "README.md")]));

    /// <summary>The x86-64 model (the emitted one: no declaration of the io_uring headers differs between the architectures).</summary>
    public static HeaderModel Model => ModelFor(X86_64);

    /// <summary>One architecture's model of the real headers, parsed with its own clang target and asm/ headers.</summary>
    public static HeaderModel ModelFor(string target) => Models.Single(m => m.Target == target).Model;

    /// <summary>The model the build emits: every architecture's, compared and combined (docs/native-layer.md, Architectures).</summary>
    public static HeaderModel Emitted => Generator.Combine(Models, RealOptions, out _);

    /// <summary>Every architecture's model, in io_uring.rsp's order.</summary>
    public static IReadOnlyList<TargetModel> Models => RealModels.Value;

    /// <summary>The primary headers as include spellings (linux/io_uring.h, linux/io_uring/zcrx.h, ...).</summary>
    public static IReadOnlyList<string> PrimaryHeaders =>
        HeaderSet.Resolve(IncludeDirectories, RealOptions.Headers).Headers.Select(h => h.Relative).ToList();
}
