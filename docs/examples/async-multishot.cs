// complete: async-multishot; prints: received 15 bytes
using System.Net;
using System.Net.Sockets;
using IoUring.Interop.Async;

// docs/async.md, "4. Many results from one request: multishot", with a connection that sends three chunks and closes.
RingEngine engine = RingEngine.Default;
using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
CancellationToken cancellationToken = limit.Token;
using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
listener.Listen();
using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
await engine.ConnectAsync(client, listener.LocalEndPoint!);
using Socket connection = await engine.AcceptAsync(listener);
for (int i = 0; i < 3; i++)
    await engine.SendAsync(client, "hello"u8.ToArray());
client.Shutdown(SocketShutdown.Send);

int total = 0;
using var pool = new ProvidedBufferPool(engine, bufferCount: 64, bufferSize: 4096);
await foreach (ReceivedBuffer chunk in engine.ReceiveManyAsync(connection, pool, cancellationToken))
{
    using (chunk)                                   // Dispose gives the buffer back to the kernel
        Process(chunk.Memory.Span);
}                                                   // ends when the peer closes
Console.WriteLine($"received {total} bytes");

void Process(ReadOnlySpan<byte> data) => total += data.Length;
