// complete: newcomer-echo-builtin
using System.Net;
using System.Net.Sockets;

// An echo server and its client on loopback, both on .NET's Socket: 10,000 round trips, every echo checked.
const int RoundTrips = 10_000;
using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
listener.Listen();

Task server = Task.Run(async () =>
{
    using Socket connection = await listener.AcceptAsync();
    byte[] buffer = new byte[4096];
    int received;
    while ((received = await connection.ReceiveAsync(buffer)) > 0)   // 0: the client closed
        await connection.SendAsync(buffer.AsMemory(0, received));
});

using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
client.NoDelay = true;
await client.ConnectAsync(listener.LocalEndPoint!);
byte[] request = new byte[64], reply = new byte[64];
for (int i = 0; i < RoundTrips; i++)
{
    BitConverter.TryWriteBytes(request, i);
    await client.SendAsync(request);
    for (int got = 0; got < reply.Length;)
        got += await client.ReceiveAsync(reply.AsMemory(got));
    if (!reply.AsSpan().SequenceEqual(request))
        throw new InvalidDataException($"round trip {i}: the echo differs from the request");
}

client.Shutdown(SocketShutdown.Send);
await server.WaitAsync(TimeSpan.FromSeconds(30));
Console.WriteLine($"{RoundTrips} round trips ok");
