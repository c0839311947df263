using System;
using System.Threading.Tasks;
using IoUring.Interop.Async;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Benchmarks.Harness;

/// <summary>The io_uring side of <c>async-read</c>: the same loops as the RandomAccess side, awaiting <see cref="RingEngine.ReadAsync(SafeFileHandle, Memory{byte}, long, System.Threading.CancellationToken)"/>.</summary>
internal static class RingAsyncReads
{
    public static Measurement Run(SafeFileHandle file, AlignedBuffers buffers, long blocks, AsyncReadOptions options, double warmup)
    {
        // Engines of the default options (each its own ring and thread), as a program that creates them would get;
        // one unless --engines says otherwise.
        using var group = new RingEngineGroup(options.Engines, new RingEngineOptions { Continuations = Continuations.Mode(options.Continuations), SubmitFromCallerWhenIdle = options.CallerSubmits });
        Measurement measurement = AsyncWorkers.Run(
            options.QueueDepth, warmup, options.Seconds,
            (workers, i) => LoopAsync(workers, i, group.Engines[i % group.Engines.Count], file, buffers[i], blocks, options.PoolCallers),
            CostSample.ThisProcess);
        foreach (RingEngine engine in group.Engines)
        {
            EngineCounters.Report(engine);
        }

        return measurement;
    }

    private static async Task LoopAsync(AsyncWorkers workers, int worker, RingEngine engine, SafeFileHandle file, Memory<byte> buffer, long blocks, bool poolCallers)
    {
        XorShift64 offsets = AsyncReadHarness.Offsets(worker);
        while (!workers.Stopping)
        {
            int read = await engine.ReadAsync(file, buffer, offsets.NextOffset(blocks, buffer.Length)).ConfigureAwait(false);
            AsyncReadHarness.CheckRead(read, buffer.Length);
            workers.Count(worker);
            if (poolCallers)
            {
                await ThreadPoolHop.Instance;
            }
        }
    }
}
