using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using IoUring.Interop.Async;

namespace IoUring.Benchmarks.Harness;

/// <summary>
/// The child process of <c>echo</c>: a loopback echo server on the chosen engine, sending back every byte it receives
/// on each connection; controlled over stdin/stdout by <see cref="EchoServerProcess"/>.
/// </summary>
internal static class EchoServer
{
    /// <summary>The command name the parent starts this with.</summary>
    public const string Command = "echo-server";

    // Each connection's buffer: a 4096-byte round trip fits, larger ones are echoed in pieces.
    private const int BufferSize = 64 * 1024;

    public static int Run(ReadOnlySpan<string> args, TextReader input, TextWriter output)
    {
        EchoEngine? engine = null;
        ContinuationChoice continuations = ContinuationChoice.Default;
        var reader = new ArgReader(args);
        while (reader.MoveNext())
        {
            switch (reader.Name)
            {
                case "engine": engine = EchoOptions.ParseEngine(reader.Value()); break;
                case "continuations": continuations = Continuations.Parse(reader.Value()); break;
                default: throw reader.Unknown();
            }
        }

        if (engine is null)
        {
            throw new ArgumentException($"{Command} needs --engine iouring|sockets");
        }

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1024);
        // One engine (one ring, one thread), as RingEngineGroup.Default has on this 2-core machine.
        using RingEngine? ring = engine == EchoEngine.IoUring ? new RingEngine(new RingEngineOptions { Continuations = Continuations.Mode(continuations) }) : null;
        Task accepting = ring is null ? AcceptSocketsAsync(listener) : RingEchoServer.AcceptAsync(ring, listener, BufferSize);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"port={((IPEndPoint)listener.LocalEndPoint!).Port}"));
        output.Flush();

        while (input.ReadLine() is { } command && command != "quit")
        {
            if (accepting.IsFaulted)
            {
                accepting.GetAwaiter().GetResult();
            }

            if (command == "sample")
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu={ProcessCpu.Now():F6} alloc={GC.GetTotalAllocatedBytes(precise: true)}"));
                output.Flush();
            }
        }

        return 0;
    }

    private static async Task AcceptSocketsAsync(Socket listener)
    {
        while (true)
        {
            Socket connection = await listener.AcceptAsync().ConfigureAwait(false);
            connection.NoDelay = true;
            _ = ServeSocketAsync(connection);
        }
    }

    private static async Task ServeSocketAsync(Socket connection)
    {
        using (connection)
        {
            byte[] buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
            try
            {
                while (true)
                {
                    int received = await connection.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                    if (received == 0)
                    {
                        return;
                    }

                    int sent = 0;
                    while (sent < received)
                    {
                        sent += await connection.SendAsync(buffer.AsMemory(sent, received - sent), SocketFlags.None).ConfigureAwait(false);
                    }
                }
            }
            catch (SocketException)
            {
                // The client went away (reset at the end of a run): nothing to serve.
            }
        }
    }
}
