using System;
using IoUring.Interop.Async;

namespace IoUring.Interop.AspNetCore;

/// <summary>Options of the io_uring transport; every member has a default that suits a small web server.</summary>
/// <remarks>Available since Linux 5.6.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
public sealed class IoUringTransportOptions
{
    /// <summary>The configuration section <c>UseIoUring()</c> binds these options from, next to Kestrel's own:
    /// <c>"Kestrel:IoUring"</c> (in appsettings.json, <c>{ "Kestrel": { "IoUring": { "EngineCount": 2 } } }</c>; in the
    /// environment, <c>Kestrel__IoUring__EngineCount=2</c>).</summary>
    public const string ConfigurationSectionName = "Kestrel:IoUring";

    /// <summary>How many rings (each with its own thread, a reactor by default) serve the connections, round-robin.</summary>
    /// <remarks>Default: one per processor, since with <see cref="ContinuationMode.Reactor"/> each ring's thread also runs
    /// its connections' requests (docs/aspnetcore.md, "Reactors").</remarks>
    public int EngineCount { get; set; } = Environment.ProcessorCount;

    /// <summary>The submission queue size of each ring (the completion queue is sized larger by the engine).</summary>
    public int RingEntries { get; set; } = 256;

    /// <summary>The most operations one ring keeps in flight; beyond it new receives and sends wait.</summary>
    /// <remarks>Each open connection holds one receive and at most one send in flight, so this bounds connections per ring times two.</remarks>
    public int MaxInFlightPerEngine { get; set; } = 16384;

    /// <summary>Where each connection's receive → Kestrel → application → send loop runs: on its ring's reactor thread,
    /// which hands its loop to another thread when a handler blocks (the default); on the thread pool; or inline on the
    /// ring's thread with no such safety net.</summary>
    /// <remarks>See <see cref="RingEngineOptions.Continuations"/>.</remarks>
    public ContinuationMode Continuations { get; set; } = ContinuationMode.Reactor;

    /// <summary>Shorthand for <see cref="Continuations"/>: true is <see cref="ContinuationMode.Inline"/>, false is
    /// <see cref="ContinuationMode.ThreadPool"/>.</summary>
    /// <remarks>With inline continuations a handler that blocks stalls every connection of that ring.</remarks>
    public bool InlineContinuations
    {
        get => Continuations == ContinuationMode.Inline;
        set => Continuations = value ? ContinuationMode.Inline : ContinuationMode.ThreadPool;
    }

    /// <summary>The smallest buffer a receive asks the pipe for (bytes).</summary>
    public int MinimumReceiveBufferSize { get; set; } = 4096;

    /// <summary>Whether each connection receives through one multishot receive (IORING_RECV_MULTISHOT) into a buffer
    /// pool its ring shares with its other connections, instead of one receive at a time into the input pipe.</summary>
    /// <remarks>Each ring registers a <see cref="ProvidedBufferPool"/> of 512 buffers of 4 KiB (2 MiB per ring); every
    /// chunk is copied into the input pipe and its buffer given back at once, so an idle connection holds no receive
    /// buffer and a busy one gets many chunks per request. When Kestrel falls behind (<see cref="MaxReadBufferSize"/>
    /// unread), the connection's multishot is cancelled and started again once Kestrel has caught up, so the client's
    /// TCP window closes as with single receives. Off by default until measured (docs/aspnetcore.md). Needs Linux 6.0;
    /// on an older kernel, or if the pool cannot be registered, the transport logs a warning and receives one at a time.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_recv_multishot.3.html"/>
    public bool MultishotReceive { get; set; }

    /// <summary>Test seam: the number of buffers in each ring's multishot receive pool.</summary>
    internal int MultishotBufferCount { get; set; } = 512;

    /// <summary>Test seam: the size in bytes of each buffer of each ring's multishot receive pool.</summary>
    internal int MultishotBufferSize { get; set; } = 4096;

    /// <summary>Bytes received but not yet read by Kestrel after which the transport stops receiving (null: unbounded).</summary>
    /// <remarks>The input pipe's PauseWriterThreshold: a slow reader stops the receives, so the kernel's window closes on the client.</remarks>
    public long? MaxReadBufferSize { get; set; } = 1024 * 1024;

    /// <summary>Bytes written by Kestrel but not yet sent after which Kestrel's writes wait (null: unbounded).</summary>
    /// <remarks>The output pipe's PauseWriterThreshold: a client that does not read cannot make the server's memory grow.</remarks>
    public long? MaxWriteBufferSize { get; set; } = 64 * 1024;

    /// <summary>The listen backlog.</summary>
    public int Backlog { get; set; } = 512;

    /// <summary>Whether an IP endpoint gets one listening socket per ring, each with SO_REUSEPORT and its own multishot
    /// accept on that ring, so that a connection is served by the ring that accepted it; false (the default): one
    /// listening socket whose accepts are handed to the rings round-robin.</summary>
    /// <remarks>With SO_REUSEPORT the kernel picks the socket, and so the ring, by a hash of the connection's addresses
    /// and ports (socket(7)): the spread is even over many clients, not an exact rotation, and a ring whose reactor is
    /// busy accepts its share late. Unix domain socket endpoints, and a single ring, keep the one socket. Beware that
    /// another process of the same user that also sets SO_REUSEPORT can bind the same port and take a share of the
    /// connections instead of failing with <see cref="Microsoft.AspNetCore.Connections.AddressInUseException"/>
    /// (docs/aspnetcore.md, "Listening sockets"). Available since Linux 3.9 (SO_REUSEPORT) and 5.19 (multishot accept).</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man7/socket.7.html"/>
    public bool ReusePortListeners { get; set; }

    /// <summary>Whether accepted TCP sockets get TCP_NODELAY (Nagle off), as the Sockets transport does by default.</summary>
    public bool NoDelay { get; set; } = true;

    /// <summary>Whether start-up fails when io_uring is unavailable, instead of falling back to the Sockets transport.</summary>
    public bool RequireIoUring { get; set; }

    /// <summary>Test seam: replaces the real io_uring probe (which tries io_uring_setup) with a fixed answer.</summary>
    internal Func<IoUringAvailability>? ProbeOverride { get; set; }
}
