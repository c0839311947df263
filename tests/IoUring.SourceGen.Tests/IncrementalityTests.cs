using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using IoUring.SourceGen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace IoUring.SourceGen.Tests;

/// <summary>An edit outside the table leaves every named step cached; an edit of the table does not.</summary>
public sealed class IncrementalityTests
{
    private const string Unrelated = "namespace Elsewhere { public static class Work { public static int Answer() => 1; } }";

    private static readonly string[] TrackedSteps =
    [
        IoUringGenerator.Steps.RegisterRows, IoUringGenerator.Steps.RegisterSkips, IoUringGenerator.Steps.EnterRows,
        IoUringGenerator.Steps.EnumSpecs, IoUringGenerator.Steps.NameOverrides, IoUringGenerator.Steps.NativeLayer,
        IoUringGenerator.Steps.RegisterModel, IoUringGenerator.Steps.EnterModel, IoUringGenerator.Steps.EnumsModel,
        IoUringGenerator.Steps.ReviewRows, IoUringGenerator.Steps.EnumAliases, IoUringGenerator.Steps.FlagMemberSpecs,
        IoUringGenerator.Steps.ReviewModel, IoUringGenerator.Steps.FlagMembersModel,
    ];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, AdditionalText Listing) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(FakeTable.Complete(Unrelated));
        AdditionalText listing = NativeListingText.Text(compilation);
        GeneratorDriver driver = GeneratorHarness.Driver(listing).RunGenerators(compilation, TestContext.Current.CancellationToken);
        return (driver, compilation, listing);
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, string oldText, string newText)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(oldText));
        SyntaxTree edited = CSharpSyntaxTree.ParseText(tree.ToString().Replace(oldText, newText), GeneratorHarness.ParseOptions, tree.FilePath);
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static Dictionary<string, IncrementalStepRunReason[]> Reasons(GeneratorDriver driver)
    {
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        return TrackedSteps.ToDictionary(
            step => step,
            step => run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray());
    }

    [Fact]
    public void An_edit_outside_the_table_leaves_every_step_cached_or_unchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, AdditionalText listing) = FirstRun();
        CSharpCompilation edited = Edit(compilation, "=> 1;", "=> 42;");

        driver = NativeListingText.Rerun(driver, ref listing, edited, TestContext.Current.CancellationToken);

        foreach ((string step, IncrementalStepRunReason[] reasons) in Reasons(driver))
        {
            reasons.Should().NotBeEmpty(step);
            reasons.Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged, step);
        }
    }

    [Fact]
    public void An_unrelated_edit_does_not_re_read_the_native_layer()
    {
        // The Native layer comes from the header tool's listing (an AdditionalFile), not from the compilation: an edit
        // elsewhere leaves the listing as it was, so the step is Cached (not re-run and found Unchanged).
        (GeneratorDriver driver, CSharpCompilation compilation, AdditionalText listing) = FirstRun();
        CSharpCompilation edited = Edit(compilation, "=> 1;", "=> 42;");

        driver = NativeListingText.Rerun(driver, ref listing, edited, TestContext.Current.CancellationToken);

        Reasons(driver)[IoUringGenerator.Steps.NativeLayer].Should().Equal(IncrementalStepRunReason.Cached);
        Reasons(driver)[IoUringGenerator.Steps.ReviewModel].Should().Equal(IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Adding_an_unrelated_file_leaves_the_models_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, AdditionalText listing) = FirstRun();
        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Another { }", GeneratorHarness.ParseOptions, "Another.cs", cancellationToken: TestContext.Current.CancellationToken));

        driver = NativeListingText.Rerun(driver, ref listing, edited, TestContext.Current.CancellationToken);

        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(driver);
        reasons[IoUringGenerator.Steps.RegisterModel].Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        reasons[IoUringGenerator.Steps.EnumsModel].Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void An_edit_of_a_row_modifies_the_register_model_and_nothing_else()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, AdditionalText listing) = FirstRun();
        CSharpCompilation edited = Edit(compilation, "\"5.14\", \"Sets the io-wq CPU affinity.\"", "\"5.15\", \"Sets the io-wq CPU affinity.\"");

        driver = NativeListingText.Rerun(driver, ref listing, edited, TestContext.Current.CancellationToken);

        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(driver);
        reasons[IoUringGenerator.Steps.RegisterRows].Should().Contain(IncrementalStepRunReason.Modified);
        reasons[IoUringGenerator.Steps.RegisterModel].Should().Equal(IncrementalStepRunReason.Modified);
        reasons[IoUringGenerator.Steps.EnumsModel].Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        driver.GetRunResult().Results.Single().GeneratedSources
            .Single(s => s.HintName == "IoUring.Interop.Native.Syscalls.Register.g.cs").SourceText.ToString()
            .Should().Contain("Available since Linux 5.15.");
    }

    [Fact]
    public void A_header_change_reaches_the_enums()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, AdditionalText listing) = FirstRun();
        CSharpCompilation edited = Edit(compilation, "IORING_SETUP_CQSIZE = 8;", "IORING_SETUP_CQSIZE = 8; public const uint IORING_SETUP_CLAMP = 16;");

        driver = NativeListingText.Rerun(driver, ref listing, edited, TestContext.Current.CancellationToken);

        Dictionary<string, IncrementalStepRunReason[]> reasons = Reasons(driver);
        reasons[IoUringGenerator.Steps.NativeLayer].Should().Equal(IncrementalStepRunReason.Modified);
        reasons[IoUringGenerator.Steps.EnumsModel].Should().Equal(IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        string Generate() => string.Join("\n", GeneratorHarness.Run(FakeTable.Complete()).RunResult.GeneratedSources.Select(s => s.HintName + "\n" + s.SourceText));

        Generate().Should().Be(Generate());
    }
}
