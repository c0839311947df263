using System;
using BenchmarkDotNet.Attributes;
using IoUring.Interop;
using IoUring.Interop.Opcodes;

namespace IoUring.Benchmarks.Suites;

/// <summary>The submission side: preparing entries, and the whole prepare+push+submit+reap round trip of a batch.</summary>
[MemoryDiagnoser]
public class SubmissionBenchmarks
{
    private const int Batch = 32;
    private readonly SubmissionEntry[] _entries = new SubmissionEntry[Batch];
    private Ring _ring = null!;

    [GlobalSetup]
    public void Setup() => _ring = new Ring(256);

    [GlobalCleanup]
    public void Cleanup() => _ring.Dispose();

    /// <summary>Builds a batch of NOP entries into a buffer (no kernel call).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void PrepareNop()
    {
        Span<SubmissionEntry> entries = _entries;
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = new Nop().Build().WithUserData((ulong)i);
        }
    }

    /// <summary>Pushes a batch of NOPs, one submit-and-wait for all, reaps them.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int PreparePushSubmitReap()
    {
        SubmissionQueue sq = _ring.SubmissionQueue;
        for (int i = 0; i < Batch; i++)
        {
            sq.TryPush(new Nop().Build().WithUserData((ulong)i));
        }

        _ring.SubmitAndWait(Batch);
        return Reap.All(_ring.CompletionQueue);
    }

    /// <summary>Pushes one NOP and submits it with the default enter (no waiting), then reaps whatever is there.</summary>
    [Benchmark]
    public int PushSubmitOne()
    {
        _ring.SubmissionQueue.TryPush(new Nop().Build());
        _ring.Submit();
        return Reap.All(_ring.CompletionQueue);
    }
}
