using BenchmarkDotNet.Attributes;
using IoUring.Interop;
using IoUring.Interop.Native;

namespace IoUring.Benchmarks.Suites;

/// <summary>Setup and probing: what an application pays once per ring.</summary>
[MemoryDiagnoser]
public unsafe class ProbeBenchmarks
{
    private const int MaxOps = 256;
    private Ring _ring = null!;

    [GlobalSetup]
    public void Setup() => _ring = new Ring(8);

    [GlobalCleanup]
    public void Cleanup() => _ring.Dispose();

    /// <summary>io_uring_register(IORING_REGISTER_PROBE) into a stack buffer.</summary>
    [Benchmark]
    public int RegisterProbe()
    {
        byte* buffer = stackalloc byte[sizeof(io_uring_probe) + MaxOps * sizeof(io_uring_probe_op)];
        new System.Span<byte>(buffer, sizeof(io_uring_probe) + MaxOps * sizeof(io_uring_probe_op)).Clear();
        return Syscalls.io_uring_register(_ring.FileDescriptor, (uint)io_uring_register_op.IORING_REGISTER_PROBE, buffer, MaxOps);
    }

    /// <summary>A whole ring: io_uring_setup, the mmaps, and teardown.</summary>
    [Benchmark]
    public void CreateAndDisposeRing()
    {
        using var ring = new Ring(8);
    }
}
