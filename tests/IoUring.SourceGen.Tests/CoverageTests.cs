using System.Linq;
using FluentAssertions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace IoUring.SourceGen.Tests;

/// <summary>What a maintainer sees after regenerating the Native layer from a newer kernel header.</summary>
public sealed class CoverageTests
{
    [Fact]
    public void A_newer_header_with_an_extra_opcode_yields_the_coverage_warning_naming_it()
    {
        string[] sources = [FakeNative.NewerRegisterOpEnum, FakeNative.Types, FakeNative.Constants, FakeNative.Syscalls,
            FakeTable.AllShapes, FakeTable.Enter, FakeTable.Enums];

        GeneratorHarness.Result result = GeneratorHarness.Run(sources);

        Diagnostic warning = result.GeneratorDiagnostics.Should().ContainSingle().Subject;
        warning.Id.Should().Be("IOU004");
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.GetMessage().Should().Contain("io_uring_register_op.IORING_REGISTER_FAKE_NEW (= 38)");
        result.CompileErrors.Should().BeEmpty();
    }

    [Fact]
    public void The_same_table_on_the_older_header_is_silent()
        => GeneratorHarness.Run(FakeTable.Complete()).GeneratorDiagnostics.Should().BeEmpty();

    [Fact]
    public void A_newer_header_constant_in_a_flag_group_appears_with_no_table_edit()
    {
        string constants = FakeNative.Constants.Replace(
            "public const uint IORING_SETUP_CQSIZE = 8;",
            "public const uint IORING_SETUP_CQSIZE = 8;\n        public const uint IORING_SETUP_FAKE_NEW = 1U << 20;");

        GeneratorHarness.Result result = GeneratorHarness.Run(FakeNative.RegisterOpEnum, FakeNative.Types, constants, FakeNative.Syscalls,
            FakeTable.AllShapes, FakeTable.Enter, FakeTable.Enums);

        result.GeneratorDiagnostics.Should().BeEmpty();
        result.Source("IoUring.Interop.SetupFlags.g.cs").Should().Contain("FakeNew = global::IoUring.Interop.Native.Constants.IORING_SETUP_FAKE_NEW,");
    }
}
