using System.IO;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Package.Tests.Support;
using Xunit;

namespace IoUring.Package.Tests;

/// <summary>A fresh console app that references the packed package from the test feed only.</summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerTests(PackageFixture fixture)
{
    private static readonly string[] ExpectedLines =
    [
        "nop user_data=42 res=0",
        $"read user_data=7 res={PackageFixture.DataText.Length + 1} text={PackageFixture.DataText}",
    ];

    [Fact]
    public async Task Jit_NopRoundTrip_AndFileRead()
    {
        fixture.Pack.ExitCode.Should().Be(0, fixture.Pack.ToString());
        ProcessResult run = await fixture.JitRun;
        run.ExitCode.Should().Be(0, run.ToString());
        Lines(run).Should().Equal(ExpectedLines, run.ToString());
    }

    [Fact]
    public async Task NativeAot_PublishesWithoutWarnings_AndPrintsTheSameAsJit()
    {
        fixture.Pack.ExitCode.Should().Be(0, fixture.Pack.ToString());
        if (PackageFixture.MissingLinker is { } missing)
        {
            Assert.Fail(missing);
        }

        ProcessResult aot = await fixture.AotRun;
        aot.ExitCode.Should().Be(0, aot.ToString());
        // A native executable (ELF), not a managed app behind a host: the publish really compiled ahead of time.
        byte[] head = new byte[4];
        using (FileStream binary = File.OpenRead(fixture.AotBinary))
        {
            binary.ReadExactly(head);
        }

        head.Should().Equal(0x7F, (byte)'E', (byte)'L', (byte)'F');
        File.Exists(Path.ChangeExtension(fixture.AotBinary, ".dll")).Should().BeFalse();
        fixture.AotPublish!.StandardOutput.Should().NotMatchRegex(@"warning IL\d{4}", "the package is IsAotCompatible: trimming and AOT analysis must be clean");
        ProcessResult jit = await fixture.JitRun;
        Lines(aot).Should().Equal(Lines(jit), $"{aot}\n{jit}");
        Lines(aot).Should().Equal(ExpectedLines);
    }

    private static string[] Lines(ProcessResult run) => run.StandardOutput.TrimEnd().Split('\n');
}
