using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using IoUring.Interop;
using IoUring.Samples.Copy;
using IoUring.Samples.Echo;
using IoUring.Samples.Probe;
using Xunit;

namespace IoUring.Package.Tests;

/// <summary>Smoke tests: each sample's entry point, in-process, with small arguments, against the real kernel.</summary>
public sealed class SampleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("iouring-samples-").FullName;

    [Fact]
    public void Probe_PrintsKernelFeaturesOpcodesRegisterOpsAndSetupFlags()
    {
        var output = new StringWriter();
        int exit = ProbeReport.Write(output);
        string text = output.ToString();

        exit.Should().Be(0, text);
        text.Should().StartWith("Kernel: Linux ");
        text.Should().Contain("Feature (IORING_FEAT_*)").And.Contain("Opcode (IORING_OP_*)")
            .And.Contain("Register op (IORING_[UN]REGISTER_*)").And.Contain("Setup flag (IORING_SETUP_*)");
        // NOP and REGISTER_BUFFERS exist since Linux 5.1; a kernel with io_uring has both.
        text.Split('\n').Should().Contain(l => l.StartsWith("IORING_OP_NOP ") && l.TrimEnd().EndsWith(" supported"));
        text.Split('\n').Should().Contain(l => l.StartsWith("IORING_REGISTER_BUFFERS ") && l.TrimEnd().EndsWith(" supported"));
        // Plain setup flags from Linux 5.x are accepted alone; a flag needing a companion names it.
        // (Rows are found by value: CLAMP is 0x10, DEFER_TASKRUN 0x2000 and it needs SINGLE_ISSUER, 0x1000.)
        string[] setupRows = text.Split('\n').SkipWhile(l => !l.StartsWith("Setup flag")).ToArray();
        setupRows.Should().Contain(l => l.Contains(" 0x10 ") && l.TrimEnd().EndsWith("accepted"));
        string deferRow = setupRows.Single(l => l.Contains(" 0x2000 "));
        deferRow.Should().Contain(SetupFlags.SingleIssuer.ToString()).And.EndWith("accepted");
        // The opcode table covers the header's whole enum, one row per opcode.
        int opcodeRows = text.Split('\n').Count(l => l.StartsWith("IORING_OP_"));
        opcodeRows.Should().Be((int)IoUring.Interop.Native.io_uring_op.IORING_OP_LAST);
    }

    [Fact]
    public void Copy_CopiesByteForByte_AndReportsThroughput()
    {
        string source = Path.Combine(_directory, "source.bin");
        string destination = Path.Combine(_directory, "copy.bin");
        byte[] data = new byte[(3 * 1024 * 1024) + 12345]; // not a multiple of the block: the last pair is short
        new Random(7).NextBytes(data);
        File.WriteAllBytes(source, data);
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = CopyCommand.Run([source, destination, "--block", "65536", "--depth", "4"], output, error);

        exit.Should().Be(0, error.ToString());
        File.ReadAllBytes(destination).Should().Equal(data);
        output.ToString().Should().Contain("progress: ").And.MatchRegex($@"copied {data.Length} bytes in \d+\.\d{{3}} s: \d+\.\d MiB/s \(49 read→write pairs");
    }

    [Fact]
    public void Copy_EmptyFile_GivesEmptyCopy()
    {
        string source = Path.Combine(_directory, "empty.bin");
        string destination = Path.Combine(_directory, "empty-copy.bin");
        File.WriteAllBytes(source, []);
        var output = new StringWriter();

        CopyCommand.Run([source, destination], output, new StringWriter()).Should().Be(0);
        new FileInfo(destination).Length.Should().Be(0);
        output.ToString().Should().Contain("copied 0 bytes");
    }

    [Theory]
    [InlineData("only-one-path")]
    [InlineData("a", "b", "c")]
    [InlineData("a", "b", "--depth", "0")]
    [InlineData("a", "b", "--block")]
    [InlineData("a", "b", "--speed", "9")]
    public void Copy_RejectsBadArguments(params string[] args)
    {
        var error = new StringWriter();
        CopyCommand.Run(args, new StringWriter(), error).Should().Be(2);
        error.ToString().Should().Contain("usage:");
    }

    [Fact]
    public void Echo_ServesTheBoundedLoad_AndReportsRequestsPerSecond()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = EchoCommand.Run(["--connections", "3", "--requests", "300", "--size", "100", "--seconds", "20"], output, error);

        string text = output.ToString();
        exit.Should().Be(0, text + error);
        text.Should().Contain("requests=900 ").And.MatchRegex(@"requests_per_s=\d+").And.Contain("accepted=3 ").And.Contain("echoed_bytes=90000 ");
        text.Should().NotContain("time limit");
    }

    [Fact]
    public void Echo_RejectsBadArguments()
    {
        var error = new StringWriter();
        EchoCommand.Run(["--connections", "zero"], new StringWriter(), error).Should().Be(2);
        error.ToString().Should().Contain("usage:");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
