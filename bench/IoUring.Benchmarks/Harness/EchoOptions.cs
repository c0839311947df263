using System;

namespace IoUring.Benchmarks.Harness;

/// <summary>Which code path serves the echo server's connections.</summary>
internal enum EchoEngine
{
    /// <summary>IoUring.Interop's async layer: <c>RingEngine.AcceptAsync</c>/<c>ReceiveAsync</c>/<c>SendAsync</c>.</summary>
    IoUring,

    /// <summary>.NET's <see cref="System.Net.Sockets.Socket"/>.AcceptAsync/ReceiveAsync/SendAsync (epoll and the thread pool).</summary>
    Sockets,
}

/// <summary>Arguments of <c>echo --engine iouring|sockets --connections N --size B [--seconds S] [--continuations pool|inline]</c>.</summary>
/// <param name="Continuations">No flag: each engine's default set-up; inline: the fastest (io_uring: ContinuationMode.Inline; sockets: the server child runs with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1); pool: io_uring's thread-pool runners.</param>
internal sealed record EchoOptions(EchoEngine Engine, int Connections, int Size, double Seconds, ContinuationChoice Continuations = ContinuationChoice.Default)
{
    public static EchoOptions Parse(ReadOnlySpan<string> args)
    {
        EchoEngine? engine = null;
        int connections = 0;
        int size = 0;
        double seconds = 3;
        ContinuationChoice continuations = ContinuationChoice.Default;
        var reader = new ArgReader(args);
        while (reader.MoveNext())
        {
            switch (reader.Name)
            {
                case "engine": engine = ParseEngine(reader.Value()); break;
                case "connections": connections = (int)reader.Int64(1, 10_000); break;
                case "size": size = (int)reader.Int64(1, 1 << 20); break;
                case "seconds": seconds = reader.Seconds(); break;
                case "continuations": continuations = Harness.Continuations.Parse(reader.Value()); break;
                default: throw reader.Unknown();
            }
        }

        if (engine is null || connections == 0 || size == 0)
        {
            throw new ArgumentException("echo needs --engine iouring|sockets, --connections N and --size B");
        }

        return new EchoOptions(engine.Value, connections, size, seconds, continuations);
    }

    public static string EngineName(EchoEngine engine) => engine == EchoEngine.Sockets ? "sockets" : "iouring";

    public static EchoEngine ParseEngine(string text) => text switch
    {
        "iouring" => EchoEngine.IoUring,
        "sockets" => EchoEngine.Sockets,
        _ => throw new ArgumentException($"--engine must be iouring or sockets, got '{text}'"),
    };
}
