using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace IoUring.Benchmarks.Harness;

/// <summary>
/// N connections doing round trips of B bytes against an echo server on the chosen engine. The server runs in a child
/// process (<c>echo-server</c>, <see cref="EchoServer"/>), so its CPU time and allocations are its own process's and
/// the client — this process, plain <see cref="Socket"/> async, the same code whatever the server — is not counted.
/// </summary>
internal static class EchoHarness
{
    public static BenchResult Run(EchoOptions options)
    {
        using var server = EchoServerProcess.Start(options.Engine, options.Continuations);
        var sockets = new Socket[options.Connections];
        try
        {
            for (int i = 0; i < sockets.Length; i++)
            {
                sockets[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                sockets[i].Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
            }

            Measurement m = AsyncWorkers.Run(
                options.Connections, Clock.WarmupSeconds(options.Seconds), options.Seconds,
                (workers, i) => RoundTripsAsync(workers, i, sockets[i], options.Size),
                server.Sample);
            string prefix = string.Create(
                CultureInfo.InvariantCulture,
                $"echo engine={EchoOptions.EngineName(options.Engine)} connections={options.Connections} size={options.Size}{Continuations.Field(options.Continuations)}");
            return new BenchResult(prefix, m.Ops, m.Seconds, m.AllocatedBytes, m.CpuSeconds, string.Empty);
        }
        finally
        {
            foreach (Socket? socket in sockets)
            {
                socket?.Dispose();
            }
        }
    }

    // One connection: send B bytes, read until all B came back, count, repeat.
    private static async Task RoundTripsAsync(AsyncWorkers workers, int worker, Socket socket, int size)
    {
        byte[] buffer = GC.AllocateUninitializedArray<byte>(size, pinned: true);
        buffer.AsSpan().Fill((byte)worker);
        while (!workers.Stopping)
        {
            await socket.SendAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
            int received = 0;
            while (received < size)
            {
                int n = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new InvalidOperationException("the echo server closed the connection");
                }

                received += n;
            }

            if (buffer[0] != (byte)worker || buffer[size - 1] != (byte)worker)
            {
                throw new InvalidOperationException("the echo server sent back other bytes than it received");
            }

            workers.Count(worker);
        }
    }
}
