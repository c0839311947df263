using System;

namespace IoUring.Benchmarks.Harness;

/// <summary>Which code path serves the reads.</summary>
internal enum ReadEngine
{
    /// <summary>IoUring.Interop: Q reads in flight on one ring.</summary>
    IoUring,

    /// <summary><see cref="System.IO.RandomAccess.Read(Microsoft.Win32.SafeHandles.SafeFileHandle, Span{byte}, long)"/> on one thread (pread).</summary>
    RandomAccess,

    /// <summary>Q concurrent <see cref="System.IO.RandomAccess.ReadAsync(Microsoft.Win32.SafeHandles.SafeFileHandle, Memory{byte}, long, System.Threading.CancellationToken)"/> loops.</summary>
    RandomAccessAsync,
}

/// <summary>Arguments of <c>read --file PATH --qd Q [--block 4096] [--seconds S] [--fixed] [--engine E]</c>.</summary>
internal sealed record ReadOptions(string File, int QueueDepth, int Block, double Seconds, bool Fixed, ReadEngine Engine)
{
    public static ReadOptions Parse(ReadOnlySpan<string> args)
    {
        string? file = null;
        int qd = 0;
        int block = 4096;
        double seconds = 3;
        bool isFixed = false;
        ReadEngine engine = ReadEngine.IoUring;
        var reader = new ArgReader(args);
        while (reader.MoveNext())
        {
            switch (reader.Name)
            {
                case "file": file = reader.Value(); break;
                case "qd": qd = (int)reader.Int64(1, 4096); break;
                case "block": block = (int)reader.Int64(512, 1 << 24); break;
                case "seconds": seconds = reader.Seconds(); break;
                case "fixed": isFixed = true; break;
                case "engine": engine = ParseEngine(reader.Value()); break;
                default: throw reader.Unknown();
            }
        }

        if (file is null || qd == 0)
        {
            throw new ArgumentException("read needs --file PATH and --qd Q");
        }

        if (isFixed && engine != ReadEngine.IoUring)
        {
            throw new ArgumentException("--fixed applies to the iouring engine only");
        }

        return new ReadOptions(file, qd, block, seconds, isFixed, engine);
    }

    public static string EngineName(ReadEngine engine) => engine switch
    {
        ReadEngine.RandomAccess => "randomaccess",
        ReadEngine.RandomAccessAsync => "randomaccess-async",
        _ => "iouring",
    };

    private static ReadEngine ParseEngine(string text) => text switch
    {
        "iouring" => ReadEngine.IoUring,
        "randomaccess" => ReadEngine.RandomAccess,
        "randomaccess-async" => ReadEngine.RandomAccessAsync,
        _ => throw new ArgumentException($"--engine must be iouring, randomaccess or randomaccess-async, got '{text}'"),
    };
}
