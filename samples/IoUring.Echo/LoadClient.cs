using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Samples.Echo;

/// <summary>What the load client measured.</summary>
public readonly record struct LoadResult(long Requests, TimeSpan Elapsed, bool TimedOut);

/// <summary>
/// C blocking ping-pong connections on 127.0.0.1, each sending R messages and reading each echo back in full;
/// bounded by count and by the deadline, and every connection is closed at the end so the server stops.
/// </summary>
public static class LoadClient
{
    public static LoadResult Run(IPEndPoint server, EchoOptions options, DateTime deadline)
    {
        long requests = 0;
        int timedOut = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = new Task[options.Connections];
        for (int c = 0; c < workers.Length; c++)
        {
            int connection = c;
            workers[c] = Task.Factory.StartNew(
                () =>
                {
                    (long done, bool late) = PingPong(server, options, deadline, connection);
                    Interlocked.Add(ref requests, done);
                    if (late)
                    {
                        Interlocked.Exchange(ref timedOut, 1);
                    }
                },
                TaskCreationOptions.LongRunning);
        }

        Task.WaitAll(workers);
        return new LoadResult(requests, stopwatch.Elapsed, timedOut != 0);
    }

    private static (long Done, bool Late) PingPong(IPEndPoint server, EchoOptions options, DateTime deadline, int connection)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        int remainingMs = (int)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds);
        socket.ReceiveTimeout = remainingMs;
        socket.SendTimeout = remainingMs;
        socket.Connect(server);
        byte[] request = new byte[options.Size];
        byte[] reply = new byte[options.Size];
        long done = 0;
        for (int r = 0; r < options.Requests; r++)
        {
            if ((r & 255) == 0 && DateTime.UtcNow >= deadline)
            {
                return (done, true);
            }

            // Each message carries its connection and sequence number, so a misrouted or reordered echo fails.
            BitConverter.TryWriteBytes(request, (connection << 24) ^ r);
            socket.Send(request);
            int got = 0;
            while (got < reply.Length)
            {
                int n = socket.Receive(reply, got, reply.Length - got, SocketFlags.None);
                if (n == 0)
                {
                    throw new InvalidOperationException($"server closed connection {connection} after {done} requests");
                }

                got += n;
            }

            if (!reply.AsSpan().SequenceEqual(request))
            {
                throw new InvalidOperationException($"connection {connection}: echo {r} differs from the request");
            }

            done++;
        }

        socket.Shutdown(SocketShutdown.Both);
        return (done, false);
    }
}
