using System;
using System.IO;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace IoUring.SourceGen.Tests;

/// <summary>The shipped tables over the Native layer the header tool generated from the vendored header.</summary>
public sealed class RealTableTests
{
    private static string Metadata(string key) => typeof(RealTableTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>The repository the tests were built from.</summary>
    internal static string RepoRoot => Metadata("RepoRoot");

    /// <summary>The configuration the tests (and the projects they reference) were built in.</summary>
    internal static string Configuration => Metadata("Configuration");

    private static string LibraryDir => Path.Combine(RepoRoot, "src", "IoUring.Interop");

    /// <summary>The library's handwritten Native files (tables, Syscalls, iovec) and its generated Native.g.cs.</summary>
    private static string[] LibrarySources(Func<string, string>? editNative = null)
    {
        string native = Path.Combine(LibraryDir, "obj", Configuration, "net10.0", "Native.g.cs");
        File.Exists(native).Should().BeTrue($"the build of src/IoUring.Interop writes {native}");
        return LibrarySources((editNative ?? (s => s))(File.ReadAllText(native)));
    }

    /// <summary>The library's handwritten Native files (tables, Syscalls, iovec) and the given Native layer text.</summary>
    internal static string[] LibrarySources(string nativeText)
    {
        string[] handwritten = Directory.GetFiles(Path.Combine(LibraryDir, "Native"), "*.cs").Order(StringComparer.Ordinal).ToArray();
        handwritten.Select(Path.GetFileName).Should().Contain(["RegisterTable.cs", "EnterTable.cs", "EnumTable.cs", "ReviewTable.cs", "Syscalls.cs"]);
        return [.. handwritten.Select(File.ReadAllText), nativeText];
    }

    [Fact]
    public void The_real_tables_cover_every_opcode_and_compile_without_diagnostics()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(LibrarySources());

        result.GeneratorDiagnostics.Should().BeEmpty();
        // Only the LibraryImport half of Syscalls.syscall is missing: that generator does not run in this harness.
        result.CompileErrors.Where(e => e.Id != "CS8795").Should().BeEmpty();
        string register = result.Source("IoUring.Interop.Native.Syscalls.Register.g.cs");
        // One method per [RegisterOp] row (no IOU004 above means every io_uring_register_op member has a row or a skip).
        System.Text.RegularExpressions.Regex.Matches(register, @"public static int \w+\(int ringFd").Count
            .Should().Be(RowCount("RegisterTable.cs", "[RegisterOp("));
        register.Should().Contain("public static int RegisterBpfFilter(int ringFd, in global::IoUring.Interop.Native.io_uring_bpf arg, bool registeredRing = false)");
    }

    [Fact]
    public void Every_real_enum_row_but_the_unverified_ones_says_since_which_Linux()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(LibrarySources());

        string[] enums = result.RunResult.GeneratedSources.Select(s => s.HintName)
            .Where(h => h.StartsWith("IoUring.Interop.", StringComparison.Ordinal) && !h.StartsWith("IoUring.Interop.Native.", StringComparison.Ordinal))
            .ToArray();
        enums.Should().HaveCount(RowCount("EnumTable.cs", "[GeneratedEnum("));
        // The kernel version of the first IORING_MSG_RING_* flag is not settled yet.
        enums.Where(h => !System.Text.RegularExpressions.Regex.IsMatch(result.Source(h), @"/// <remarks>Available since Linux \d+\.\d+\.</remarks>\n"))
            .Should().BeEquivalentTo("IoUring.Interop.MsgRingFlags.g.cs");
        result.Source("IoUring.Interop.CqeFlags.g.cs").Should().Contain("Available since Linux 5.7.");
    }

    /// <summary>How many rows of <paramref name="attribute"/> the table file <paramref name="file"/> has.</summary>
    private static int RowCount(string file, string attribute)
    {
        string text = File.ReadAllText(Path.Combine(LibraryDir, "Native", file));
        int count = text.Split(attribute).Length - 1;
        count.Should().BePositive($"{file} has {attribute} rows");
        return count;
    }

    /// <summary>Inserts a fake member before IORING_REGISTER_LAST, whatever value the header gives it.</summary>
    internal static string WithFakeRegisterOp(string native, string member)
    {
        System.Text.RegularExpressions.Match last = System.Text.RegularExpressions.Regex.Match(native, @"IORING_REGISTER_LAST = (\d+),");
        last.Success.Should().BeTrue("the Native layer has io_uring_register_op.IORING_REGISTER_LAST");
        int value = int.Parse(last.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return native.Replace(last.Value, $"{member} = {value},\n    IORING_REGISTER_LAST = {value + 1},");
    }

    [Fact]
    public void A_fake_new_register_op_member_makes_the_build_report_IOU004_naming_it()
    {
        string[] sources = LibrarySources(native => WithFakeRegisterOp(native, "IORING_REGISTER_FAKE_NEW"));
        sources.Last().Should().Contain("IORING_REGISTER_FAKE_NEW", "the edit must reach the enum");

        ShouldReportOnlyTheCoverageWarning(GeneratorHarness.Run(sources), "IORING_REGISTER_FAKE_NEW");
    }

    /// <summary>Asserts that the only generator diagnostic is IOU004 naming <paramref name="member"/>, placed on RegisterTable.</summary>
    internal static void ShouldReportOnlyTheCoverageWarning(GeneratorHarness.Result result, string member)
    {
        Diagnostic warning = result.GeneratorDiagnostics.Should().ContainSingle().Subject;
        warning.Id.Should().Be("IOU004");
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.GetMessage().Should().Contain(member);
        SyntaxTree table = result.Output.SyntaxTrees.Single(t => t.FilePath == warning.Location.GetLineSpan().Path);
        table.ToString().Substring(warning.Location.SourceSpan.Start, warning.Location.SourceSpan.Length).Should().Be("RegisterTable");
    }
}
