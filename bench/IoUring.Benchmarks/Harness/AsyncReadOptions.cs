using System;

namespace IoUring.Benchmarks.Harness;

/// <summary>Which code path serves the awaited reads.</summary>
internal enum AsyncReadEngine
{
    /// <summary>IoUring.Interop's async layer: <c>RingEngine.ReadAsync</c>.</summary>
    IoUring,

    /// <summary>.NET's <see cref="System.IO.RandomAccess"/>.ReadAsync (a thread-pool pread per read).</summary>
    RandomAccess,
}

/// <summary>Arguments of <c>async-read --engine iouring|randomaccess --file PATH --qd Q [--block 4096] [--seconds S] [--direct] [--continuations pool|inline] [--engines N] [--callers pool] [--no-caller-submit]</c>.</summary>
/// <param name="Direct">Open the file with O_DIRECT, so every read goes to the device instead of the page cache.</param>
/// <param name="Continuations">No flag: the engine's default (io_uring: the reactor); pool or inline (io_uring: RingEngineOptions.Continuations; RandomAccess has one set-up, so the flag is accepted and changes nothing).</param>
/// <param name="PoolCallers">iouring only: every read is started from a thread-pool thread (the loop moves to the pool after each read), as code outside the reactors would (RandomAccess's loops run there anyway).</param>
/// <param name="CallerSubmits">iouring only: RingEngineOptions.SubmitFromCallerWhenIdle (--no-caller-submit turns it off: callers outside the reactor always queue and wake it).</param>
/// <param name="Engines">iouring only: how many engines (rings and their threads) share the loops, loop i on engine i mod N.</param>
internal sealed record AsyncReadOptions(string File, int QueueDepth, int Block, double Seconds, bool Direct, AsyncReadEngine Engine, ContinuationChoice Continuations = ContinuationChoice.Default, int Engines = 1, bool PoolCallers = false, bool CallerSubmits = true)
{
    public static AsyncReadOptions Parse(ReadOnlySpan<string> args)
    {
        string? file = null;
        int qd = 0;
        int block = 4096;
        double seconds = 3;
        bool direct = false;
        AsyncReadEngine? engine = null;
        ContinuationChoice continuations = ContinuationChoice.Default;
        int engines = 1;
        bool poolCallers = false;
        bool callerSubmits = true;
        var reader = new ArgReader(args);
        while (reader.MoveNext())
        {
            switch (reader.Name)
            {
                case "file": file = reader.Value(); break;
                case "qd": qd = (int)reader.Int64(1, 4096); break;
                case "block": block = (int)reader.Int64(512, 1 << 24); break;
                case "seconds": seconds = reader.Seconds(); break;
                case "direct": direct = true; break;
                case "engine": engine = ParseEngine(reader.Value()); break;
                case "continuations": continuations = Harness.Continuations.Parse(reader.Value()); break;
                case "engines": engines = (int)reader.Int64(1, 64); break;
                case "no-caller-submit": callerSubmits = false; break;
                case "callers":
                    poolCallers = reader.Value() == "pool" ? true : throw new ArgumentException("--callers takes pool");
                    break;
                default: throw reader.Unknown();
            }
        }

        if (file is null || qd == 0 || engine is null)
        {
            throw new ArgumentException("async-read needs --engine iouring|randomaccess, --file PATH and --qd Q");
        }

        if (direct && block % 512 != 0)
        {
            throw new ArgumentException("--direct needs --block to be a multiple of 512 (the device's sector)");
        }

        if (engines != 1 && engine != AsyncReadEngine.IoUring)
        {
            throw new ArgumentException("--engines applies to the iouring engine only");
        }

        return new AsyncReadOptions(file, qd, block, seconds, direct, engine.Value, continuations, engines, poolCallers, callerSubmits);
    }

    public static string EngineName(AsyncReadEngine engine) => engine == AsyncReadEngine.RandomAccess ? "randomaccess" : "iouring";

    private static AsyncReadEngine ParseEngine(string text) => text switch
    {
        "iouring" => AsyncReadEngine.IoUring,
        "randomaccess" => AsyncReadEngine.RandomAccess,
        _ => throw new ArgumentException($"--engine must be iouring or randomaccess, got '{text}'"),
    };
}
