using System;
using System.Net.Sockets;
using System.Threading.Tasks;
using IoUring.Interop.Async;

namespace IoUring.Benchmarks.Harness;

/// <summary>The io_uring side of the echo server: the same loops as the Socket side, awaiting the async layer.</summary>
internal static class RingEchoServer
{
    public static async Task AcceptAsync(RingEngine engine, Socket listener, int bufferSize)
    {
        while (true)
        {
            Socket connection = await engine.AcceptAsync(listener).ConfigureAwait(false);
            connection.NoDelay = true;
            _ = ServeAsync(engine, connection, bufferSize);
        }
    }

    private static async Task ServeAsync(RingEngine engine, Socket connection, int bufferSize)
    {
        using (connection)
        {
            byte[] buffer = GC.AllocateUninitializedArray<byte>(bufferSize, pinned: true);
            try
            {
                while (true)
                {
                    int received = await engine.ReceiveAsync(connection, buffer.AsMemory()).ConfigureAwait(false);
                    if (received == 0)
                    {
                        return;
                    }

                    int sent = 0;
                    while (sent < received)
                    {
                        sent += await engine.SendAsync(connection, buffer.AsMemory(sent, received - sent)).ConfigureAwait(false);
                    }
                }
            }
            catch (SocketException)
            {
                // The client went away (reset at the end of a run): nothing to serve.
            }
            catch (ObjectDisposedException)
            {
                // The engine is shutting down with the process.
            }
        }
    }
}
