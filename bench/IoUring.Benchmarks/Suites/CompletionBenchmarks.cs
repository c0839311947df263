using System;
using BenchmarkDotNet.Attributes;
using IoUring.Interop;
using IoUring.Interop.Opcodes;

namespace IoUring.Benchmarks.Suites;

/// <summary>The completion side: reaping a full batch one by one and in bulk, and polling an empty queue.</summary>
[MemoryDiagnoser]
public class CompletionBenchmarks
{
    private const int Batch = 64;
    private readonly CompletionEntry[] _sink = new CompletionEntry[Batch];
    private Ring _ring = null!;

    [GlobalSetup]
    public void Setup() => _ring = new Ring(Batch);

    [GlobalCleanup]
    public void Cleanup() => _ring.Dispose();

    /// <summary>TryDequeue on an empty queue: the cost of looking.</summary>
    [Benchmark]
    public bool PollEmpty() => _ring.CompletionQueue.TryDequeue(out CompletionEntry _);

    /// <summary>Fills the CQ with NOP completions, then dequeues them one at a time.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int ReapOneByOne()
    {
        FillWithNops();
        return Reap.All(_ring.CompletionQueue);
    }

    /// <summary>Fills the CQ with NOP completions, then copies them out with one Fill call.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int ReapBulk()
    {
        FillWithNops();
        return _ring.CompletionQueue.Fill(_sink.AsSpan());
    }

    private void FillWithNops()
    {
        SubmissionQueue sq = _ring.SubmissionQueue;
        for (int i = 0; i < Batch; i++)
        {
            sq.TryPush(new Nop().Build());
        }

        _ring.SubmitAndWait(Batch);
    }
}
