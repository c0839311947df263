using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using IoUring.Interop.Async;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Loopback socket pairs and engines for the async tests.</summary>
internal static class AsyncTestSupport
{
    /// <summary>Bounds every await of a test, so a bug shows up as a failure, not a hung run.</summary>
    internal static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>A listener on 127.0.0.1 with an ephemeral port.</summary>
    internal static Socket Listen(AddressFamily family = AddressFamily.InterNetwork, int backlog = 512)
    {
        var listener = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, 0));
        listener.Listen(backlog);
        return listener;
    }

    /// <summary>A connected pair (client, server) made with .NET's own sockets (the engine is not under test here).</summary>
    internal static (Socket Client, Socket Server) ConnectedPair()
    {
        using Socket listener = Listen();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        Socket server = listener.Accept();
        server.NoDelay = true;
        return (client, server);
    }

    /// <summary>Awaits <paramref name="task"/> within <see cref="Bound"/>.</summary>
    internal static async Task<T> Within<T>(this ValueTask<T> task) => await task.AsTask().WaitAsync(Bound);

    /// <summary>Awaits <paramref name="task"/> within <see cref="Bound"/>.</summary>
    internal static async Task Within(this ValueTask task) => await task.AsTask().WaitAsync(Bound);

    /// <summary>The two engine set-ups every behaviour runs on: DEFER_TASKRUN, and the COOP_TASKRUN fallback.</summary>
    public static TheoryData<bool> SetUps => new() { true, false };

    /// <summary>An engine with DEFER_TASKRUN or its fallback.</summary>
    internal static RingEngine Engine(bool deferTaskrun, bool inline = false, int maxInFlight = 4096) =>
        new(new RingEngineOptions { UseDeferTaskRun = deferTaskrun, InlineContinuations = inline, MaxInFlight = maxInFlight });
}
