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

    /// <summary>The engine set-ups every behaviour runs on: the default reactor (a COOP_TASKRUN ring any thread may drive), and thread-pool
    /// continuations on a DEFER_TASKRUN ring and on the COOP_TASKRUN fallback.</summary>
    public static TheoryData<EngineSetUp> SetUps => new() { EngineSetUp.Reactor, EngineSetUp.DeferTaskRun, EngineSetUp.CoopTaskRun };

    /// <summary>An engine of the given set-up (<paramref name="inline"/>: inline continuations on the ring of a
    /// thread-pool set-up).</summary>
    internal static RingEngine Engine(EngineSetUp setUp, bool inline = false, int maxInFlight = 4096) => new(Options(setUp, inline, maxInFlight));

    /// <summary>The options of <see cref="Engine(EngineSetUp, bool, int)"/>.</summary>
    internal static RingEngineOptions Options(EngineSetUp setUp, bool inline = false, int maxInFlight = 4096) => new()
    {
        UseDeferTaskRun = setUp != EngineSetUp.CoopTaskRun,
        Continuations = setUp == EngineSetUp.Reactor ? ContinuationMode.Reactor : inline ? ContinuationMode.Inline : ContinuationMode.ThreadPool,
        MaxInFlight = maxInFlight,
    };

    /// <summary>An engine with thread-pool (or inline) continuations on a DEFER_TASKRUN ring or its fallback.</summary>
    internal static RingEngine Engine(bool deferTaskrun, bool inline = false, int maxInFlight = 4096) =>
        Engine(deferTaskrun ? EngineSetUp.DeferTaskRun : EngineSetUp.CoopTaskRun, inline, maxInFlight);
}

/// <summary>How a test's engine is set up.</summary>
public enum EngineSetUp
{
    /// <summary>The default: continuations on the reactor, a ring without SINGLE_ISSUER, DEFER_TASKRUN or COOP_TASKRUN.</summary>
    Reactor,

    /// <summary>Thread-pool continuations, SINGLE_ISSUER and DEFER_TASKRUN.</summary>
    DeferTaskRun,

    /// <summary>Thread-pool continuations, COOP_TASKRUN (the fallback of kernels before 6.1).</summary>
    CoopTaskRun,
}
