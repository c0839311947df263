using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using FluentAssertions;
using IoUring.HeaderGen.Model;
using IoUring.HeaderGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>
/// One assembly serves x86-64 and arm64: the tool parses each target, warns (IOUHG003) where a shared name would mean
/// different bytes, and emits a reviewed difference once per architecture, each variant matching its own gcc.
/// </summary>
public sealed class ArchComparisonTests
{
    private const string Namespace = "HeaderGen.Arch";
    private static readonly string ArchFixtures = Path.Combine(Repo.Fixtures, "Arch");

    private static GeneratorOptions Options(params string[] extra) => GeneratorOptions.Parse(
        ["--include-dir", ArchFixtures, "--header", "arch_specific.h", "--namespace", Namespace,
         "--target", Repo.X86_64, "--target", Repo.Aarch64, .. extra]);

    [Fact]
    public void A_difference_nobody_reviewed_is_warning_IOUHG003_with_both_layouts()
    {
        (int exitCode, _, string stderr) = ToolProcess.Run(
            "--include-dir", ArchFixtures, "--header", "arch_specific.h", "--target", Repo.X86_64, "--target", Repo.Aarch64,
            "--reviewed-skip", "FIXTURE_ARCH_SPECIFIC_H", "--reviewed-skip", "ARCH_PACKED");

        exitCode.Should().Be(0, stderr);
        stderr.Should().Contain(
            "warning IOUHG003: arch_event differs between the architectures (x86_64: struct arch_event : size 12, align 1, "
            + "struct arch_event.data : ulong @ 4; aarch64: struct arch_event : size 16, align 8, struct arch_event.data : ulong @ 8)");
        stderr.Should().Contain("warning IOUHG003: arch_holder differs").And.Contain(
            "warning IOUHG003: ARCH_WORD differs between the architectures (x86_64: const ARCH_WORD : int = 1; aarch64: const ARCH_WORD : int = 2)");
        stderr.Should().NotContain("arch_shared").And.NotContain("ARCH_SAME").And.NotContain("IOUHG004");
        // MSBuild reads "FILE: warning CODE: text": the file is the header that declares it.
        stderr.Should().Contain(Path.Combine(ArchFixtures, "arch_specific.h") + ": warning IOUHG003: arch_event");
    }

    [Fact]
    public void Reviewed_differences_are_emitted_per_architecture_and_each_variant_matches_its_gcc()
    {
        GeneratorOptions options = Options("--arch-specific", "arch_event", "--arch-specific", "arch_holder", "--arch-specific", "ARCH_WORD");
        string text = Generator.Generate(options, out HeaderModel emitted, out _, out IReadOnlyList<ArchDifference> differences);
        ArchComparison.Warnings(differences, options).Should().BeEmpty();
        (Assembly? assembly, IReadOnlyList<Diagnostic> diagnostics) = InMemoryCompiler.Compile(text, "Fixture_arch_specific");
        diagnostics.Select(d => d.ToString()).Should().BeEmpty();

        emitted.Types.Select(t => t.Name).Should().Equal(
            "arch_event_x86_64", "arch_event_aarch64", "arch_holder_x86_64", "arch_holder_aarch64", "arch_shared");
        emitted.Constants.Select(c => (c.Name, c.Value)).Should().Equal(("ARCH_WORD_x86_64", "1"), ("ARCH_WORD_aarch64", "2"), ("ARCH_SAME", "7"));
        Marshal.SizeOf(assembly!.GetType(Namespace + ".arch_event_x86_64")!).Should().Be(12);
        Marshal.SizeOf(assembly.GetType(Namespace + ".arch_event_aarch64")!).Should().Be(16);
        assembly.GetType(Namespace + ".arch_holder_aarch64")!.GetField("first")!.FieldType.Name.Should().Be("arch_event_aarch64");
        assembly.GetType(Namespace + ".arch_event").Should().BeNull("a name whose layout differs is never emitted under the shared name");
        text.Should().Contain("from arch_specific.h (aarch64 layout)");

        // Each architecture's variants (and the shared declarations) against that architecture's compiler.
        IReadOnlyList<TargetModel> models = Generator.BuildModels(options, out _);
        foreach ((TargetModel model, string compiler) in models.Zip([Gcc.Native, Gcc.Aarch64]))
        {
            Oracle.Report report = Oracle.Check(model.Model, assembly, Namespace, [ArchFixtures], ["arch_specific.h"], compiler, model.Suffix);
            report.Mismatches.Should().BeEmpty(compiler);
            report.Records.Should().Be(3);
        }
    }

    [Fact]
    public void The_per_architecture_variants_fail_the_other_architectures_gcc()
    {
        // The oracle can fail: the x86-64 variant checked against arm64's compiler names the moved field.
        GeneratorOptions options = Options("--arch-specific", "arch_event", "--arch-specific", "arch_holder", "--arch-specific", "ARCH_WORD");
        string text = Generator.Generate(options, out _, out _, out _);
        Assembly assembly = InMemoryCompiler.Compile(text, "Fixture_arch_swapped").Assembly!;
        HeaderModel x86 = Generator.BuildModels(options, out _)[0].Model;

        Oracle.Report report = Oracle.Check(x86, assembly, Namespace, [ArchFixtures], ["arch_specific.h"], Gcc.Aarch64, "x86_64");
        report.Mismatches.Should().Contain("arch_event: sizeof C# 12 (StructLayout.Size 12), gcc 16")
            .And.Contain("arch_event.data: offset C# 4, gcc 8")
            .And.Contain("Constants.ARCH_WORD: C# 1, gcc 2 / 2");
    }

    [Fact]
    public void A_reviewed_name_that_does_not_differ_is_warning_IOUHG004()
    {
        GeneratorOptions options = Options("--arch-specific", "arch_shared", "--arch-specific", "arch_event");
        Generator.Generate(options, out HeaderModel emitted, out _, out IReadOnlyList<ArchDifference> differences);

        IReadOnlyList<string> warnings = ArchComparison.Warnings(differences, options);
        warnings.Should().ContainSingle(w => w.Contains("warning IOUHG004: --arch-specific arch_shared names nothing that differs"));
        warnings.Should().Contain(w => w.Contains("IOUHG003: arch_holder")).And.Contain(w => w.Contains("IOUHG003: ARCH_WORD"));
        emitted.Types.Select(t => t.Name).Should().Contain("arch_shared").And.Contain("arch_event_aarch64");
    }

    [Fact]
    public void One_target_compares_nothing_and_is_the_x86_64_default()
    {
        GeneratorOptions options = GeneratorOptions.Parse(["--include-dir", ArchFixtures, "--header", "arch_specific.h"]);
        options.Targets.Should().Equal(Repo.X86_64);
        Generator.Generate(options, out HeaderModel model, out _, out IReadOnlyList<ArchDifference> differences);
        differences.Should().BeEmpty();
        model.Types.OfType<RecordDecl>().Single(r => r.Name == "arch_event").Size.Should().Be(12);
    }

    [Fact]
    public void The_real_io_uring_headers_are_the_same_bytes_on_both_architectures()
    {
        Repo.RealOptions.Targets.Should().Equal(Repo.X86_64, Repo.Aarch64);
        ArchComparison.Compare(Repo.Models).Should().BeEmpty("no io_uring declaration needs a per-architecture variant today");
        Repo.RealOptions.ArchSpecific.Should().BeEmpty();
        Repo.ModelFor(Repo.Aarch64).Types.Count.Should().Be(Repo.Model.Types.Count).And.BeGreaterThan(50);
        Repo.ModelFor(Repo.Aarch64).Inputs.Select(i => i.Path).Should().Contain("aarch64-linux-gnu/asm/types.h")
            .And.NotContain(p => p.StartsWith("x86_64-linux-gnu/", System.StringComparison.Ordinal));
    }
}
