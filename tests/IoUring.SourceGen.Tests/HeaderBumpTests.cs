using System;
using System.Diagnostics;
using System.IO;
using FluentAssertions;
using Xunit;

namespace IoUring.SourceGen.Tests;

/// <summary>
/// A header bump end to end: a copy of the vendored headers with one more io_uring_register_op member goes through
/// the built IoUring.HeaderGen tool (with the MSBuild target's arguments) and then through the source generator over
/// the shipped tables, which must name the new member in an IOU004 warning.
/// </summary>
public sealed class HeaderBumpTests
{
    private const string LastMarker = "/* this goes last */";
    private const string FakeMember = "IORING_REGISTER_FAKE_NEW";

    [Fact]
    public void A_fake_register_op_in_a_copy_of_the_header_yields_one_IOU004_naming_it()
    {
        string native = GenerateNativeFromCopy(header =>
        {
            header.Split(LastMarker).Length.Should().Be(2, $"io_uring.h has one \"{LastMarker}\", the one of io_uring_register_op");
            return header.Replace(LastMarker, FakeMember + ",\n\t" + LastMarker);
        });
        native.Should().Contain(FakeMember + " = ");

        RealTableTests.ShouldReportOnlyTheCoverageWarning(GeneratorHarness.Run(RealTableTests.LibrarySources(native)), FakeMember);
    }

    [Fact]
    public void The_unmodified_copy_yields_no_diagnostic()
    {
        string native = GenerateNativeFromCopy(header => header);
        native.Should().NotContain(FakeMember);

        GeneratorHarness.Run(RealTableTests.LibrarySources(native)).GeneratorDiagnostics.Should().BeEmpty();
    }

    /// <summary>Copies headers/include to a temp folder, edits the copy's linux/io_uring.h, runs the tool on it and returns its output.</summary>
    private static string GenerateNativeFromCopy(Func<string, string> editHeader)
    {
        string root = RealTableTests.RepoRoot;
        string work = Directory.CreateTempSubdirectory("iou-header-bump-").FullName;
        try
        {
            string include = Path.Combine(work, "include");
            CopyTree(Path.Combine(root, "headers", "include"), include);
            string header = Path.Combine(include, "linux", "io_uring.h");
            File.WriteAllText(header, editHeader(File.ReadAllText(header)));

            // The arguments of GenerateNativeLayer in src/IoUring.Interop/IoUring.Interop.HeaderGen.targets.
            string output = Path.Combine(work, "Native.g.cs");
            (int exitCode, string stderr) = RunTool(
                "@" + Path.Combine(root, "generator", "IoUring.HeaderGen", "io_uring.rsp"),
                "--include-dir", Path.Combine(include, "x86_64-linux-gnu"),
                "--include-dir", include + Path.DirectorySeparatorChar,
                "--provenance", Path.Combine(root, "headers", "README.md"),
                "--output", output);
            exitCode.Should().Be(0, stderr);
            return File.ReadAllText(output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    /// <summary>Runs the built tool (a ProjectReference of this project, so it is built first) as its own process.</summary>
    private static (int ExitCode, string Stderr) RunTool(params string[] args)
    {
        string tool = Path.Combine(RealTableTests.RepoRoot, "generator", "IoUring.HeaderGen", "bin", RealTableTests.Configuration, "net10.0", "IoUring.HeaderGen.dll");
        File.Exists(tool).Should().BeTrue($"the build of generator/IoUring.HeaderGen writes {tool}");
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
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr.Result);
    }
}
