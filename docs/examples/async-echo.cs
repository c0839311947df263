// complete: async-echo; prints: hello
using System.Net;
using System.Net.Sockets;
using System.Text;
using IoUring.Interop.Async;

// docs/async.md, "2. An echo server and a client", with the engine and the server's stopping token it leaves to you.
RingEngine engine = RingEngine.Default;
using var stop = new CancellationTokenSource();
CancellationToken stopping = stop.Token;

using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
listener.Listen();

// Server: one multishot accept, one echo loop per connection.
Task server = Task.Run(async () =>
{
    await foreach (Socket connection in engine.AcceptManyAsync(listener, stopping))
        _ = EchoAsync(engine, connection);
});

static async Task EchoAsync(RingEngine engine, Socket connection)
{
    using (connection)
    {
        byte[] buffer = new byte[4096];
        int received;
        while ((received = await engine.ReceiveAsync(connection, buffer)) > 0)   // 0: the peer closed
            await engine.SendAsync(connection, buffer.AsMemory(0, received));
    }
}

// Client.
using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
await engine.ConnectAsync(client, listener.LocalEndPoint!);
await engine.SendAsync(client, "hello"u8.ToArray());
byte[] reply = new byte[5];
int got = await engine.ReceiveAsync(client, reply);
Console.WriteLine(Encoding.ASCII.GetString(reply, 0, got));   // hello

stop.Cancel();                                          // leaving the await foreach cancels the accept in the kernel
try
{
    await server.WaitAsync(TimeSpan.FromSeconds(30));
}
catch (OperationCanceledException)
{
}
