using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.ApiTests.Programs;

/// <summary>Issue 10's second program on the synchronous API: a TCP echo server on one ring and a client on another,
/// doing round trips of one message over loopback.</summary>
internal static unsafe class EchoProgram
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
        var fd = new Fd((int)client.Handle);
        byte* message = stackalloc byte[Size], reply = stackalloc byte[Size];
        int echoed = 0;
        for (int trip = 0; trip < count; trip++)
        {
            new Span<byte>(message, Size).Fill((byte)trip);
            Run(ring, new Send(fd, message, Size).Build(), "send");
            for (int got = 0; got < Size;)
                got += Run(ring, new Recv(fd, reply + got, (uint)(Size - got)).Build(), "recv");
            echoed += new Span<byte>(reply, Size).SequenceEqual(new Span<byte>(message, Size)) ? 1 : 0;
        }

        client.Shutdown(SocketShutdown.Send);
        server.Join();
        return echoed;
    }

    private static void Serve(Socket listener)
    {
        using var ring = new Ring(4);
        var connection = new Fd(Run(ring, new Accept(new Fd((int)listener.Handle), null, null).Build(), "accept"));
        byte* buffer = stackalloc byte[Size];
        int received;
        while ((received = Run(ring, new Recv(connection, buffer, Size).Build(), "recv")) > 0)
            Run(ring, new Send(connection, buffer, (uint)received).Build(), "send");
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
