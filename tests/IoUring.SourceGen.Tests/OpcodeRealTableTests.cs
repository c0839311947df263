using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using FluentAssertions;
using IoUring.SourceGen.Opcodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace IoUring.SourceGen.Tests;

/// <summary>
/// The shipped opcode table over the build's Native layer: every io_uring_op has a builder, and a Native layer with
/// one more opcode (what a header bump brings) yields exactly one IOU020 naming it, at the table.
/// </summary>
public sealed class OpcodeRealTableTests
{
    private const string FakeOpcode = "IORING_OP_FAKE_NEW";

    private static string BuildOutput(string name)
    {
        string path = Path.Combine(RealTableTests.RepoRoot, "src", "IoUring.Interop", "obj", RealTableTests.Configuration, "net10.0", name);
        File.Exists(path).Should().BeTrue($"the build of src/IoUring.Interop writes {path}");
        return File.ReadAllText(path);
    }

    /// <summary>Runs the opcode generator over the shipped table, the build's Native.g.cs and a Native listing.</summary>
    private static ImmutableArray<Diagnostic> Run(string listing) => Run(listing, BuildOutput("Native.g.cs"));

    /// <summary>Runs the opcode generator over the shipped table, a Native layer and its listing (as the header tool wrote them).</summary>
    internal static ImmutableArray<Diagnostic> Run(string listing, string native)
    {
        string[] tables = Directory.GetFiles(Path.Combine(RealTableTests.RepoRoot, "src", "IoUring.Interop", "Opcodes", "Table"), "*.cs")
            .Order(StringComparer.Ordinal).ToArray();
        tables.Should().NotBeEmpty();
        CSharpCompilation input = GeneratorHarness.Compilation([.. tables.Select(File.ReadAllText), native]);
        CSharpGeneratorDriver.Create([new OpcodeGenerator().AsSourceGenerator()], additionalTexts: [NativeListingText.Text(listing)], parseOptions: GeneratorHarness.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out _, out ImmutableArray<Diagnostic> diagnostics, TestContext.Current.CancellationToken);
        return diagnostics;
    }

    [Fact]
    public void The_real_table_covers_every_opcode_without_diagnostics()
    {
        Run(BuildOutput("NativeApi.g.txt")).Should().BeEmpty();
    }

    [Fact]
    public void One_more_opcode_in_the_native_layer_is_named_by_IOU020()
    {
        string listing = BuildOutput("NativeApi.g.txt");
        System.Text.RegularExpressions.Match last = System.Text.RegularExpressions.Regex.Match(listing, @"enum io_uring_op\.IORING_OP_LAST = (\d+)\n");
        last.Success.Should().BeTrue("io_uring_op ends with IORING_OP_LAST");
        int count = int.Parse(last.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        string bumped = listing.Replace(last.Value, $"enum io_uring_op.{FakeOpcode} = {count}\nenum io_uring_op.IORING_OP_LAST = {count + 1}\n");

        Diagnostic warning = Run(bumped).Should().ContainSingle().Subject;
        warning.Id.Should().Be("IOU020");
        warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().Contain(FakeOpcode).And.Contain(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
