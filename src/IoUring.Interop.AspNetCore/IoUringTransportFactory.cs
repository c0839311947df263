using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.AspNetCore.Internal;
using IoUring.Interop.Async;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IoUring.Interop.AspNetCore;

/// <summary>
/// Kestrel's connection listener factory for the io_uring transport: binds IPv4, IPv6 and Unix domain socket endpoints
/// on rings of <see cref="RingEngine"/>, or hands every bind to the Sockets transport when io_uring is unavailable.
/// </summary>
/// <remarks>
/// Available since Linux 5.6. The decision is taken once, at the first bind: the probe creates a ring
/// (io_uring_setup(2)); on failure the factory logs one warning with the errno and its likely cause and falls back, or,
/// with <see cref="IoUringTransportOptions.RequireIoUring"/>, throws <see cref="PlatformNotSupportedException"/> so that
/// start-up fails.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
public sealed class IoUringTransportFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector, IAsyncDisposable
{
    /// <summary>The name of the transport's <see cref="System.Diagnostics.Metrics.Meter"/>: io_uring.transport.connections,
    /// .active_connections, .bytes (tagged network.io.direction) and .accept_errors (docs/aspnetcore.md). The rings
    /// themselves report on <see cref="IoUring.Interop.Async.RingEngine.MeterName"/>.</summary>
    public const string MeterName = "IoUring.Interop.AspNetCore";

    private readonly IoUringTransportOptions _options;
    private readonly IOptions<SocketTransportOptions> _socketOptions;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IMemoryPoolFactory<byte>? _memoryPoolFactory;
    private readonly Lock _gate = new();
    private TransportChoice? _choice;
    private IoUringAvailability? _availability;
    private SocketTransportFactory? _fallback;
    private RingEngineGroup? _engines;
    private MemoryPool<byte>? _memoryPool;
    private ReceiveBufferPools? _receivePools;

    /// <summary>Creates the factory (dependency injection calls this; see <see cref="WebHostBuilderIoUringExtensions.UseIoUring"/>).</summary>
    /// <param name="options">The transport's options.</param>
    /// <param name="socketOptions">The Sockets transport's options, used when falling back.</param>
    /// <param name="loggerFactory">Where the transport logs.</param>
    /// <param name="memoryPoolFactory">Kestrel's memory pool factory, when registered; otherwise the shared pool is used.</param>
    public IoUringTransportFactory(
        IOptions<IoUringTransportOptions> options,
        IOptions<SocketTransportOptions> socketOptions,
        ILoggerFactory loggerFactory,
        IMemoryPoolFactory<byte>? memoryPoolFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(socketOptions);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        Validate(_options);
        _socketOptions = socketOptions;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("IoUring.Interop.AspNetCore");
        _memoryPoolFactory = memoryPoolFactory;
    }

    /// <summary>Whether connections go through io_uring (false after a fallback); runs the probe if no bind did yet.</summary>
    public bool UsesIoUring => Decide() == TransportChoice.IoUring;

    /// <summary>What the io_uring probe found (runs it if no bind did yet).</summary>
    public IoUringAvailability Availability
    {
        get
        {
            Decide();
            return _availability!;
        }
    }

    /// <inheritdoc/>
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        switch (Decide())
        {
            case TransportChoice.Fail:
                throw TransportDecision.FailureException(_availability!);
            case TransportChoice.SocketsFallback:
                return _fallback!.BindAsync(endpoint, cancellationToken);
        }

        if (endpoint is not (IPEndPoint or UnixDomainSocketEndPoint))
        {
            throw new NotSupportedException($"The io_uring transport cannot bind {endpoint.GetType().Name} '{endpoint}' (CanBind is false for it).");
        }

        (RingEngineGroup engines, MemoryPool<byte> pool, ReceiveBufferPools? receivePools) = Engines();
        IConnectionListener listener = _options.ReusePortListeners && endpoint is IPEndPoint ip && engines.Engines.Count > 1
            ? ReusePortConnectionListener.Bind(ip, engines, pool, receivePools, _options, _logger)
            : IoUringConnectionListener.Bind(endpoint, engines, pool, receivePools, _options, _logger);
        return ValueTask.FromResult(listener);
    }

    /// <inheritdoc/>
    public bool CanBind(EndPoint endpoint) => Decide() switch
    {
        TransportChoice.SocketsFallback => _fallback!.CanBind(endpoint),
        // Bind reports the failure; claiming the endpoint makes sure it is this factory that does.
        TransportChoice.Fail => true,
        _ => endpoint is IPEndPoint or UnixDomainSocketEndPoint,
    };

    /// <summary>Stops the rings (after Kestrel has closed its connections) and the memory pool.</summary>
    public async ValueTask DisposeAsync()
    {
        RingEngineGroup? engines;
        ReceiveBufferPools? receivePools;
        lock (_gate)
        {
            engines = _engines;
            _engines = null;
            receivePools = _receivePools;
            _receivePools = null;
        }

        // Before the rings: a pool unregisters through its ring's thread (and ends the streams still open over it).
        receivePools?.Dispose();

        if (engines is not null)
        {
            await engines.DisposeAsync().ConfigureAwait(false);
        }

        _memoryPool?.Dispose();
    }

    private TransportChoice Decide()
    {
        lock (_gate)
        {
            if (_choice is { } known)
            {
                return known;
            }

            _availability = (_options.ProbeOverride ?? IoUringAvailability.Probe)();
            TransportChoice choice = TransportDecision.Decide(_availability, _options.RequireIoUring);
            if (choice == TransportChoice.SocketsFallback)
            {
                Log.Fallback(_logger, TransportDecision.FallbackMessage(_availability));
                _fallback = new SocketTransportFactory(_socketOptions, _loggerFactory);
            }

            _choice = choice;
            return choice;
        }
    }

    private (RingEngineGroup Engines, MemoryPool<byte> Pool, ReceiveBufferPools? ReceivePools) Engines()
    {
        lock (_gate)
        {
            _memoryPool ??= _memoryPoolFactory?.Create(new MemoryPoolOptions()) ?? MemoryPool<byte>.Shared;
            _engines ??= new RingEngineGroup(_options.EngineCount, new RingEngineOptions
            {
                Entries = _options.RingEntries,
                MaxInFlight = _options.MaxInFlightPerEngine,
                Continuations = _options.Continuations,
                ThreadName = "io_uring transport",
            });
            if (_options.MultishotReceive)
            {
                _receivePools ??= ReceiveBufferPools.Create(_engines, _options.MultishotBufferCount, _options.MultishotBufferSize, _logger);
            }

            return (_engines, _memoryPool, _receivePools);
        }
    }

    private static void Validate(IoUringTransportOptions options)
    {
        if (options.EngineCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EngineCount, "IoUringTransportOptions.EngineCount must be at least 1.");
        }

        if (options.RingEntries is < 1 or > 32768)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RingEntries, "IoUringTransportOptions.RingEntries must be between 1 and 32768 (io_uring_setup(2): EINVAL above IORING_MAX_ENTRIES).");
        }

        if (options.MinimumReceiveBufferSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinimumReceiveBufferSize, "IoUringTransportOptions.MinimumReceiveBufferSize must be positive.");
        }

        if (options.MaxInFlightPerEngine < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxInFlightPerEngine, "IoUringTransportOptions.MaxInFlightPerEngine must be at least 2 (one receive and one send).");
        }

        if (options.MaxReadBufferSize < 0 || options.MaxWriteBufferSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "IoUringTransportOptions.MaxReadBufferSize and MaxWriteBufferSize must not be negative.");
        }
    }
}
