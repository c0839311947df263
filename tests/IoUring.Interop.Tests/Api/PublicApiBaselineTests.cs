using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using IoUring.Interop.Tests.Audit;
using Xunit;

namespace IoUring.Interop.ApiTests;

/// <summary>The public API baseline is in place: the analyzer is referenced and the recorded surface covers handwritten
/// and generated members alike (the build itself fails on any unrecorded change: RS0016/RS0017).</summary>
public class PublicApiBaselineTests
{
    private static readonly string Project = Path.Combine(Repo.Root(), "src", "IoUring.Interop");

    [Fact]
    public void The_project_references_the_analyzer_and_both_baseline_files()
    {
        string csproj = File.ReadAllText(Path.Combine(Project, "IoUring.Interop.csproj"));

        csproj.Should().Contain("Microsoft.CodeAnalysis.PublicApiAnalyzers")
            .And.Contain("PublicAPI.Shipped.txt").And.Contain("PublicAPI.Unshipped.txt");
    }

    [Fact]
    public void The_baseline_records_handwritten_and_generated_members()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Project, "PublicAPI.Shipped.txt"))
            .Concat(File.ReadAllLines(Path.Combine(Project, "PublicAPI.Unshipped.txt"))).ToArray();

        lines.Should().Contain("IoUring.Interop.Errno.EAGAIN = 11 -> IoUring.Interop.Errno", "handwritten");
        lines.Should().Contain(l => l.StartsWith("IoUring.Interop.Opcode.Nop = ", StringComparison.Ordinal), "generated from the header's enum");
        lines.Should().Contain(l => l.StartsWith("const IoUring.Interop.Native.Constants.IORING_SETUP_SQPOLL = ", StringComparison.Ordinal), "the Native layer");
        lines.Should().Contain(l => l.StartsWith("static IoUring.Interop.Native.Syscalls.RegisterFiles(", StringComparison.Ordinal), "generated register calls");
    }
}
