using System;
using System.Globalization;
using System.IO;
using FluentAssertions;
using IoUring.Benchmarks.Harness;
using Xunit;

namespace IoUring.Package.Tests;

/// <summary>
/// The C# benchmark harness speaks the twin protocol (docs/benchmarks.md): one line, these fields, in this
/// order, invariant numbers. Short runs; nothing here asserts a speed. Not run in parallel with other classes: the async
/// commands measure allocations process-wide, which another test's work would inflate.
/// </summary>
[Collection(nameof(HarnessTests))]
[CollectionDefinition(nameof(HarnessTests), DisableParallelization = true)]
public sealed class HarnessTests : IDisposable
{
    private const string Tail = @" ops=\d+ secs=\d+\.\d{3} ops_per_s=\d+ ns_per_op=\d+\.\d alloc_bytes_per_op=(?<alloc>[0-9.]+) cpu_secs=\d+\.\d{3} ops_per_cpu_s=\d+$";
    private readonly string _directory = Directory.CreateTempSubdirectory("iouring-harness-").FullName;

    [Theory]
    [InlineData("none")]
    [InlineData("single")]
    [InlineData("coop")]
    [InlineData("defer")]
    public void Nop_PrintsOneProtocolLine_AndAllocatesNothing(string flags)
    {
        string line = RunOk("nop", "--batch", "8", "--entries", "64", "--seconds", "0.05", "--flags", flags);

        line.Should().MatchRegex($"^nop N=8 entries=64 flags={flags}{Tail}");
        line.Should().Contain(" alloc_bytes_per_op=0 ", "the io_uring rows allocate nothing per operation");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_IoUring_PrintsOneProtocolLine_AndAllocatesNothing(bool isFixed)
    {
        string file = DataFile();
        string line = isFixed
            ? RunOk("read", "--file", file, "--qd", "4", "--seconds", "0.05", "--fixed")
            : RunOk("read", "--file", file, "--qd", "4", "--seconds", "0.05");

        line.Should().MatchRegex($"^read qd=4 bs=4096{Tail}");
        line.Should().Contain(" alloc_bytes_per_op=0 ");
    }

    [Theory]
    [InlineData("randomaccess")]
    [InlineData("randomaccess-async")]
    public void Read_RandomAccessEngines_PrintTheSameLineShape(string engine)
    {
        string line = RunOk("read", "--file", DataFile(), "--qd", "2", "--block", "8192", "--seconds", "0.05", "--engine", engine);

        line.Should().MatchRegex($"^read qd=2 bs=8192{Tail}", "the engine is not echoed on the line");
    }

    [Theory]
    [InlineData("randomaccess", false)]
    [InlineData("randomaccess", true)]
    [InlineData("iouring", false)]
    [InlineData("iouring", true)]
    public void AsyncRead_PrintsOneProtocolLine(string engine, bool direct)
    {
        string file = DataFile();
        string line = direct
            ? RunOk("async-read", "--engine", engine, "--file", file, "--qd", "4", "--seconds", "0.05", "--direct")
            : RunOk("async-read", "--engine", engine, "--file", file, "--qd", "4", "--seconds", "0.05");

        // No allocation bound here: async-read counts allocations process-wide, and in a test host the runner's own
        // threads allocate too (the async layer's zero-allocation test is tests/IoUring.Interop.Tests/Async's).
        line.Should().MatchRegex($"^async-read engine={engine} qd=4 bs=4096 direct={(direct ? 1 : 0)}{Tail}");
    }

    [Theory]
    [InlineData("sockets", 1, 64)]
    [InlineData("sockets", 3, 4096)]
    [InlineData("iouring", 1, 64)]
    [InlineData("iouring", 3, 4096)]
    public void Echo_PrintsOneProtocolLine_WithTheServersCost(string engine, int connections, int size)
    {
        string line = RunOk("echo", "--engine", engine, "--connections", connections.ToString(CultureInfo.InvariantCulture),
            "--size", size.ToString(CultureInfo.InvariantCulture), "--seconds", "0.2");

        line.Should().MatchRegex($"^echo engine={engine} connections={connections} size={size}{Tail}");
        line.Should().NotContain(" cpu_secs=0.000 ", "the server process's CPU time is measured");
        // No allocation bound: the tests run Debug builds, whose unoptimized code allocates where the Release harness
        // (bench/compare.sh) measures ~0 bytes per round trip; the async layer's own test asserts zero allocation.
    }

    [Theory]
    [InlineData("nop")]
    [InlineData("nop", "--batch", "300")]
    [InlineData("nop", "--batch", "4", "--flags", "fast")]
    [InlineData("read", "--qd", "4")]
    [InlineData("async-read", "--file", "x", "--qd", "4")]
    [InlineData("async-read", "--engine", "pread", "--file", "x", "--qd", "4")]
    [InlineData("echo", "--engine", "sockets", "--size", "64")]
    [InlineData("echo", "--engine", "epoll", "--connections", "1", "--size", "64")]
    [InlineData("frobnicate")]
    public void BadArguments_PrintUsage_AndExit2(params string[] args)
    {
        var error = new StringWriter();
        HarnessCommand.Run(args, new StringWriter(), error).Should().Be(2);
        error.ToString().Should().Contain("usage:");
    }

    private static string RunOk(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = HarnessCommand.Run(args, output, error);
        exit.Should().Be(0, error.ToString());
        string[] lines = output.ToString().TrimEnd('\n').Split('\n');
        lines.Should().ContainSingle("the harness prints exactly one line per run");
        return lines[0];
    }

    private string DataFile()
    {
        string path = Path.Combine(_directory, "data.bin");
        byte[] data = new byte[1024 * 1024];
        new Random(3).NextBytes(data);
        File.WriteAllBytes(path, data);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
