using System.Linq;
using FluentAssertions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace IoUring.SourceGen.Tests;

/// <summary>Every IOU diagnostic fires with its id at the row (or table) that causes it.</summary>
public sealed class DiagnosticTests
{
    private static string Table(params string[] rows) => $$"""
        using IoUring.Interop.SourceGeneration;
        namespace IoUring.Interop.Native
        {
        {{string.Join("\n", rows)}}
            internal static partial class BrokenTable { }
        }
        """;

    /// <summary>The complete fake table plus <paramref name="broken"/>; returns the generator diagnostics.</summary>
    private static (Diagnostic[] Diagnostics, string Source) Run(string broken)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(FakeTable.Complete(broken));
        return (result.GeneratorDiagnostics.ToArray(), broken);
    }

    private static string TextAt(Diagnostic diagnostic, string source)
        => source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    [Fact]
    public void IOU001_a_row_naming_an_unknown_opcode()
    {
        const string row = "[RegisterOp(\"IORING_REGISTER_NOPE\", ArgShape.None, \"5.1\", \"s\")]";
        (Diagnostic[] diagnostics, string source) = Run(Table(row));

        Diagnostic d = diagnostics.Should().ContainSingle().Subject;
        d.Id.Should().Be("IOU001");
        d.Severity.Should().Be(DiagnosticSeverity.Error);
        d.GetMessage().Should().Contain("IORING_REGISTER_NOPE");
        TextAt(d, source).Should().Be(row[1..^1]);
        d.Location.GetLineSpan().Path.Should().Be("Source7.cs");
    }

    [Fact]
    public void IOU001_an_enum_group_including_an_unknown_constant()
    {
        const string row = "[GeneratedEnum(\"OddFlags\", \"s\", \"IORING_ODD_\", Include = new[] { \"IORING_NOT_THERE\" })]";
        (Diagnostic[] diagnostics, string source) = Run(Table(row));

        Diagnostic d = diagnostics.Should().ContainSingle().Subject;
        d.Id.Should().Be("IOU001");
        d.GetMessage().Should().Contain("IORING_NOT_THERE");
        TextAt(d, source).Should().Be(row[1..^1]);
    }

    [Theory]
    [InlineData("[RegisterOp(\"IORING_UNREGISTER_FILES\", ArgShape.Array, \"5.1\", \"s\")]", "needs an unmanaged element type")]
    [InlineData("[RegisterOp(\"IORING_UNREGISTER_FILES\", ArgShape.None, typeof(iovec), \"5.1\", \"s\")]", "takes no argument type")]
    [InlineData("[RegisterOp(\"IORING_UNREGISTER_FILES\", ArgShape.Struct, typeof(int), \"5.1\", \"s\")]", "needs an unmanaged struct")]
    [InlineData("[RegisterOp(\"IORING_UNREGISTER_FILES\", ArgShape.Bytes, typeof(int), \"5.1\", \"s\")]", "passes bytes")]
    [InlineData("[RegisterOp(\"IORING_UNREGISTER_FILES\", ArgShape.FixedArray, typeof(uint), \"5.1\", \"s\")]", "needs Count > 0")]
    [InlineData("[RegisterOp(\"IORING_UNREGISTER_FILES\", ArgShape.Value, \"5.1\", \"s\", InOut = true)]", "cannot be InOut")]
    public void IOU002_a_shape_that_does_not_fit_the_argument_type(string row, string reason)
    {
        // The fake table skips IORING_UNREGISTER_FILES; drop that skip so this row is the only one.
        string[] sources = FakeTable.Complete(Table(row))
            .Select(s => s.Replace("[RegisterOpSkip(nameof(io_uring_register_op.IORING_UNREGISTER_FILES), \"not in this test\")]", ""))
            .ToArray();
        Diagnostic[] diagnostics = GeneratorHarness.Run(sources).GeneratorDiagnostics.ToArray();

        Diagnostic d = diagnostics.Should().ContainSingle().Subject;
        d.Id.Should().Be("IOU002");
        d.GetMessage().Should().Contain("IORING_UNREGISTER_FILES").And.Contain(reason);
        TextAt(d, sources[7]).Should().Be(row[1..^1]);
    }

    [Fact]
    public void IOU003_a_second_row_for_the_same_opcode()
    {
        const string row = "[RegisterOp(\"IORING_REGISTER_BUFFERS\", ArgShape.Array, typeof(iovec), \"5.1\", \"again\", MethodName = \"RegisterBuffersAgain\")]";
        (Diagnostic[] diagnostics, string source) = Run(Table(row));

        Diagnostic d = diagnostics.Should().ContainSingle().Subject;
        d.Id.Should().Be("IOU003");
        d.GetMessage().Should().Contain("IORING_REGISTER_BUFFERS");
        TextAt(d, source).Should().Be(row[1..^1]);
    }

    [Fact]
    public void IOU003_a_skip_for_an_opcode_that_has_a_row()
    {
        const string row = "[RegisterOpSkip(\"IORING_REGISTER_FILES\", \"twice\")]";
        (Diagnostic[] diagnostics, string source) = Run(Table(row));

        Diagnostic d = diagnostics.Should().ContainSingle().Subject;
        d.Id.Should().Be("IOU003");
        TextAt(d, source).Should().Be(row[1..^1]);
    }

    [Fact]
    public void IOU004_an_opcode_with_neither_row_nor_skip_is_a_warning_at_the_table()
    {
        string table = FakeTable.AllShapes.Replace("[RegisterOpSkip(nameof(io_uring_register_op.IORING_UNREGISTER_FILES), \"not in this test\")]", "");
        GeneratorHarness.Result result = GeneratorHarness.Run([.. FakeNative.Layer, table, FakeTable.Enter, FakeTable.Enums]);

        Diagnostic d = result.GeneratorDiagnostics.Should().ContainSingle().Subject;
        d.Id.Should().Be("IOU004");
        d.Severity.Should().Be(DiagnosticSeverity.Warning);
        d.GetMessage().Should().Contain("IORING_UNREGISTER_FILES").And.Contain("= 3");
        TextAt(d, table).Should().Be("RegisterTable");
        result.CompileErrors.Should().BeEmpty("the rows that are there still generate");
    }

    [Fact]
    public void IOU005_an_enum_member_name_that_is_not_an_identifier()
    {
        string enums = FakeTable.Enums.Replace("[NameOverride(\"IORING_CQE_F_32\", \"Cqe32\")]", "");
        GeneratorHarness.Result result = GeneratorHarness.Run([.. FakeNative.Layer, FakeTable.AllShapes, FakeTable.Enter, enums]);

        Diagnostic d = result.GeneratorDiagnostics.Should().ContainSingle().Subject;
        d.Id.Should().Be("IOU005");
        d.GetMessage().Should().Contain("CqeFlags.32").And.Contain("IORING_CQE_F_32");
        TextAt(d, enums).Should().StartWith("GeneratedEnum(\"CqeFlags\"");
        result.CompileErrors.Should().BeEmpty();
    }

    [Fact]
    public void IOU006_a_table_without_the_register_op_enum()
    {
        string table = Table("[RegisterOp(\"IORING_REGISTER_BUFFERS\", ArgShape.Array, typeof(iovec), \"5.1\", \"s\")]");
        GeneratorHarness.Result result = GeneratorHarness.Run(FakeNative.Types, FakeNative.Constants, FakeNative.Syscalls, table);

        Diagnostic d = result.GeneratorDiagnostics.Should().ContainSingle().Subject;
        d.Id.Should().Be("IOU006");
        TextAt(d, table).Should().Be("BrokenTable");
    }
}
