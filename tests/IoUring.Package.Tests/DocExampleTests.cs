using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Package.Tests.Support;
using Xunit;

namespace IoUring.Package.Tests;

/// <summary>
/// Every C# block of README.md and docs/*.md is a complete program or a marked fragment of one (docs/README.md,
/// "Examples that compile"); every complete program compiles in a fresh console or web app made by README's install
/// commands, outside the library's namespaces, with the packed packages; the ones that say they run, run.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class DocExampleTests(FreshHomeFixture home)
{
    private static readonly Regex UnsafeCode = new(@"\bunsafe\b|\bfixed\s*\(|\w\*\s+\w+\s*=", RegexOptions.CultureInvariant);

    public static TheoryData<string> CompleteExamples => new(ExampleCatalog.Instance.Examples.Select(e => e.Name));

    public static TheoryData<string> RunnableExamples => new(ExampleCatalog.Instance.Examples.Where(e => e.Runs).Select(e => e.Name));

    [Fact]
    public void Every_csharp_block_is_a_complete_example_or_a_marked_fragment()
    {
        ExampleCatalog catalog = ExampleCatalog.Instance;

        catalog.Problems.Should().BeEmpty();
        catalog.CSharpBlocks.Should().HaveCountGreaterThan(10, "README and docs/ have C# blocks; finding none means the extraction broke");
        catalog.CSharpBlocks.Where(b => b.Marker is null).Select(b => b.Where).Should().BeEmpty(
            "each C# block is preceded by <!-- complete: NAME --> or <!-- fragment of: NAME --> (docs/README.md)");
    }

    [Fact]
    public void Every_fragment_is_part_of_its_complete_example()
    {
        var failures = new List<string>();
        foreach (Fragment fragment in ExampleCatalog.Instance.Fragments)
        {
            Example? whole = ExampleCatalog.Instance.Find(fragment.Of);
            if (whole is null)
            {
                failures.Add($"{fragment.Block.Where}: no complete example named '{fragment.Of}'");
                continue;
            }

            // Every line of the fragment, in order, is a line of the whole (indentation aside).
            string[] wholeLines = whole.Lines.Select(l => l.Trim()).ToArray();
            int at = 0;
            foreach (string line in fragment.Block.Lines.Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                int found = Array.IndexOf(wholeLines, line, at);
                if (found < 0)
                {
                    failures.Add($"{fragment.Block.Where}: line '{line}' is not in {whole.Where} ('{whole.Name}') after line {whole.FirstLine + at}");
                    break;
                }

                at = found + 1;
            }
        }

        ExampleCatalog.Instance.Fragments.Should().NotBeEmpty();
        failures.Should().BeEmpty();
    }

    [Fact]
    public void Only_examples_marked_unsafe_use_pointers()
    {
        ExampleCatalog.Instance.Examples
            .Where(e => !e.AllowsUnsafe && e.Lines.Any(l => UnsafeCode.IsMatch(l)))
            .Select(e => e.Where)
            .Should().BeEmpty("a newcomer's examples need no unsafe code; the raw-layer ones say 'unsafe' in their marker");
        ExampleCatalog.Instance.Examples.Should().Contain(e => e.AllowsUnsafe, "the raw layer's read example is marked");
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/getting-started.md")]
    public void Getting_started_leads_with_RingEngine_then_Kestrel_then_the_raw_ring(string page)
    {
        string path = Path.Combine(RepoPaths.Root, page);
        CodeBlock[] blocks = CodeBlock.Read(path).Where(b => b.Language == "csharp").ToArray();
        int firstRaw = Array.FindIndex(blocks, b => b.Text.Contains("new Ring(", StringComparison.Ordinal) || b.Text.Contains("Ring.Builder()", StringComparison.Ordinal));
        int kestrel = Array.FindIndex(blocks, b => b.Text.Contains("UseIoUring(", StringComparison.Ordinal));

        blocks.Should().NotBeEmpty();
        blocks[0].Text.Should().Contain("RingEngine", $"{page} starts with the async engine");
        blocks.Take(2).Should().OnlyContain(b => !UnsafeCode.IsMatch(b.Text), "the first examples need no unsafe code");
        blocks.Take(2).Should().Contain(b => b.Text.Contains("Socket", StringComparison.Ordinal), "files and sockets come first");
        blocks.Take(2).Should().Contain(b => b.Text.Contains("CancellationToken", StringComparison.Ordinal), "and cancellation");
        kestrel.Should().BeGreaterThan(0, "then the Kestrel one-liner");
        firstRaw.Should().BeGreaterThan(kestrel, "the raw Ring comes last");
    }

    [Theory]
    [MemberData(nameof(CompleteExamples))]
    public async Task Example_compiles(string name)
    {
        Example example = ExampleCatalog.Instance.Find(name)!;

        ProcessResult build = await home.Build;

        var errors = FreshHomeFixture.Errors(build)
            .Where(e => e.File == example.SourceFile && e.Line >= example.FirstLine && e.Line <= example.LastLine)
            .Select(e => $"{Path.GetRelativePath(RepoPaths.Root, e.File)}:{e.Line}: {e.Message}")
            .ToList();
        errors.Should().BeEmpty($"{example.Where} ('{name}') compiles in a fresh {example.Kind.ToString().ToLowerInvariant()} app");
        if (build.ExitCode != 0 && errors.Count == 0)
        {
            // The build failed elsewhere: say so when nothing of this example is to blame, so the failure is visible.
            FreshHomeFixture.Errors(build).Should().NotBeEmpty("a failed build names its errors:\n" + build);
        }
    }

    [Fact]
    public async Task The_examples_build_in_one_build_with_no_error_outside_the_examples()
    {
        ProcessResult build = await home.Build;
        var unexplained = FreshHomeFixture.Errors(build)
            .Where(e => !ExampleCatalog.Instance.Examples.Any(x => x.SourceFile == e.File && e.Line >= x.FirstLine && e.Line <= x.LastLine))
            .ToList();

        unexplained.Should().BeEmpty(build.ToString());
        if (FreshHomeFixture.Errors(build).Count == 0)
        {
            build.ExitCode.Should().Be(0, build.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(RunnableExamples))]
    public async Task Example_runs(string name)
    {
        Example example = ExampleCatalog.Instance.Find(name)!;
        ProcessResult build = await home.Build;
        build.ExitCode.Should().Be(0, "the examples must build before they run:\n" + build);

        if (example.Kind == ExampleKind.Console)
        {
            ProcessResult run = await home.RunConsoleAsync(name);
            run.ExitCode.Should().Be(0, run.ToString());
            if (example.Prints is not null)
            {
                run.StandardOutput.Should().Contain(example.Prints, run.ToString());
            }

            return;
        }

        await using WebAppProcess app = await home.StartWebAsync(name);
        using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        string answer = await client.GetStringAsync(example.GetPath, TestContext.Current.CancellationToken);
        answer.Should().Be(example.GetAnswer, app.Output);
    }
}
