using System;
using System.Globalization;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Benchmarks.Harness;

/// <summary>Random block-aligned reads over one file (served from the page cache), by the chosen engine.</summary>
internal static class ReadHarness
{
    public static BenchResult Run(ReadOptions options)
    {
        FileOptions fileOptions = options.Engine == ReadEngine.RandomAccessAsync ? FileOptions.Asynchronous : FileOptions.None;
        using SafeFileHandle file = File.OpenHandle(options.File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, fileOptions);
        long blocks = RandomAccess.GetLength(file) / options.Block;
        if (blocks == 0)
        {
            throw new ArgumentException($"{options.File} is smaller than one block of {options.Block} bytes");
        }

        (long ops, double seconds, long allocated, double cpuSeconds) = options.Engine switch
        {
            ReadEngine.RandomAccess => RandomAccessEngine.RunSync(file, blocks, options),
            ReadEngine.RandomAccessAsync => RandomAccessEngine.RunAsync(file, blocks, options),
            _ => IoUringReadEngine.Run(file, blocks, options),
        };

        string prefix = string.Create(CultureInfo.InvariantCulture, $"read qd={options.QueueDepth} bs={options.Block}");
        // The engine is not echoed: the twin protocol (docs/benchmarks.md) keeps one line shape for every engine.
        return new BenchResult(prefix, ops, seconds, allocated, cpuSeconds, string.Empty);
    }
}
