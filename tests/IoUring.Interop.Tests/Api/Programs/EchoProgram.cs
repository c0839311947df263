using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.ApiTests.Programs;

/// <summary>Issue 10's second program on the synchronous API: a TCP echo server on one ring and a client on another,
/// doing round trips of one message over loopback.</summary>
internal static class EchoProgram
{
    private const int Size = 64;

    public static int RoundTrips(int count)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var server = new Thread(() => Serve(listener)) { IsBackground = true };
        server.Start();

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using var ring = new Ring(4);
        // Pinned: the kernel reads and fills them after TryPush has returned.
        byte[] message = GC.AllocateArray<byte>(Size, pinned: true), reply = GC.AllocateArray<byte>(Size, pinned: true);
        int echoed = 0;
        for (int trip = 0; trip < count; trip++)
        {
            message.AsSpan().Fill((byte)trip);
            Run(ring, new Send(client, message).Build(), "send");
            for (int got = 0; got < Size;)
                got += Run(ring, new Recv(client, reply.AsSpan(got)).Build(), "recv");
            echoed += reply.AsSpan().SequenceEqual(message) ? 1 : 0;
        }

        client.Shutdown(SocketShutdown.Send);
        server.Join();
        return echoed;
    }

    private static void Serve(Socket listener)
    {
        using var ring = new Ring(4);
        Accept accept;
        unsafe
        {
            accept = new Accept(listener, address: null, addressLength: null);   // the peer's address is not wanted
        }

        var connection = new Fd(Run(ring, accept.Build(), "accept"));
        byte[] buffer = GC.AllocateArray<byte>(Size, pinned: true);
        int received;
        while ((received = Run(ring, new Recv(connection, buffer).Build(), "recv")) > 0)
            Run(ring, new Send(connection, buffer.AsSpan(0, received)).Build(), "send");
        Run(ring, new Close(connection).Build(), "close");
    }

    // One operation, synchronously: push, submit and wait, return its result or throw with the errno's name.
    private static int Run(Ring ring, SubmissionEntry entry, string operation)
    {
        ring.SubmissionQueue.TryPush(entry);
        ring.SubmitAndWait(1);
        ring.CompletionQueue.TryDequeue(out var cqe);
        return cqe.ThrowIfError(operation);
    }
}
