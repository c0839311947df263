using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Benchmarks.Harness;

/// <summary>
/// Q awaits in flight: Q async loops, each reading 4 KiB blocks at random offsets and awaiting each read before the
/// next, through the async layer or through <see cref="RandomAccess"/>.ReadAsync. The same file handle, buffers and offset
/// sequences for both; measured in the loops' steady state (<see cref="AsyncWorkers"/>), cost = this process.
/// </summary>
internal static class AsyncReadHarness
{
    public static BenchResult Run(AsyncReadOptions options)
    {
        using SafeFileHandle file = FileOpen.ForReading(options.File, options.Direct);
        long blocks = RandomAccess.GetLength(file) / options.Block;
        if (blocks == 0)
        {
            throw new ArgumentException($"{options.File} is smaller than one block of {options.Block} bytes");
        }

        using var buffers = new AlignedBuffers(options.QueueDepth, options.Block);
        double warmup = Clock.WarmupSeconds(options.Seconds);
        Measurement m = options.Engine switch
        {
            AsyncReadEngine.RandomAccess => AsyncWorkers.Run(
                options.QueueDepth, warmup, options.Seconds,
                (workers, i) => RandomAccessLoopAsync(workers, i, file, buffers[i], blocks),
                CostSample.ThisProcess),
            _ => RingAsyncReads.Run(file, buffers, blocks, options, warmup),
        };

        string prefix = string.Create(
            CultureInfo.InvariantCulture,
            $"async-read engine={AsyncReadOptions.EngineName(options.Engine)} qd={options.QueueDepth} bs={options.Block} direct={(options.Direct ? 1 : 0)}{Continuations.Field(options.Continuations)}{(options.PoolCallers ? " callers=pool" : "")}{(options.CallerSubmits ? "" : " caller_submit=0")}");
        return new BenchResult(prefix, m.Ops, m.Seconds, m.AllocatedBytes, m.CpuSeconds, string.Empty);
    }

    /// <summary>Loop <paramref name="worker"/>'s own offset sequence: the shared seed mixed with its number.</summary>
    public static XorShift64 Offsets(int worker) => new(XorShift64.Seed ^ ((ulong)(worker + 1) * 0xD1B54A32D192ED03UL));

    /// <summary>Throws unless a read returned the whole block.</summary>
    public static void CheckRead(int read, int block)
    {
        if (read != block)
        {
            throw new IOException($"short read: {read} of {block} bytes");
        }
    }

    private static async Task RandomAccessLoopAsync(AsyncWorkers workers, int worker, SafeFileHandle file, Memory<byte> buffer, long blocks)
    {
        XorShift64 offsets = Offsets(worker);
        while (!workers.Stopping)
        {
            int read = await RandomAccess.ReadAsync(file, buffer, offsets.NextOffset(blocks, buffer.Length)).ConfigureAwait(false);
            CheckRead(read, buffer.Length);
            workers.Count(worker);
        }
    }
}
