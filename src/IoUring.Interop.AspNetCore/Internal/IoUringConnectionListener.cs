using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Async;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>A bound, listening socket whose accepts go through a ring; each connection is served by the next ring.</summary>
internal sealed class IoUringConnectionListener : IConnectionListener
{
    private readonly RingEngineGroup _engines;
    private readonly RingEngine _acceptEngine;
    private readonly MemoryPool<byte> _memoryPool;
    private readonly IoUringTransportOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _unbind = new();
    private readonly Socket _listenSocket;
    private readonly string? _unixSocketPath;
    private int _unbound;

    private IoUringConnectionListener(Socket listenSocket, RingEngineGroup engines, MemoryPool<byte> memoryPool, IoUringTransportOptions options, ILogger logger)
    {
        _listenSocket = listenSocket;
        _engines = engines;
        _acceptEngine = engines.Next();
        _memoryPool = memoryPool;
        _options = options;
        _logger = logger;
        EndPoint = listenSocket.LocalEndPoint!;
        _unixSocketPath = (EndPoint as UnixDomainSocketEndPoint)?.ToString();
    }

    public EndPoint EndPoint { get; }

    /// <summary>Creates the socket for <paramref name="endPoint"/>, binds and listens, as Kestrel's Sockets transport does.</summary>
    public static IoUringConnectionListener Bind(EndPoint endPoint, RingEngineGroup engines, MemoryPool<byte> memoryPool, IoUringTransportOptions options, ILogger logger)
    {
        Socket socket = endPoint switch
        {
            UnixDomainSocketEndPoint => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified),
            IPEndPoint ip => new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp),
            _ => throw new NotSupportedException($"The io_uring transport cannot bind {endPoint.GetType().Name} '{endPoint}'."),
        };
        try
        {
            if (endPoint is IPEndPoint { Address: var address } && address.Equals(IPAddress.IPv6Any))
            {
                // [::] takes IPv4 clients too, as Kestrel's Sockets transport arranges.
                socket.DualMode = true;
            }

            socket.Bind(endPoint);
            socket.Listen(options.Backlog);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new AddressInUseException(e.Message, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var listener = new IoUringConnectionListener(socket, engines, memoryPool, options, logger);
        Log.Listening(logger, engines.Engines.Count, options.RingEntries, listener.EndPoint.ToString() ?? string.Empty);
        return listener;
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _unbind.Token);
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await _acceptEngine.AcceptAsync(_listenSocket, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_unbind.IsCancellationRequested)
            {
                return null;
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted && Volatile.Read(ref _unbound) != 0)
            {
                return null;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // The client gave up before we accepted it; the listener is fine (accept(2): ECONNABORTED).
                Log.AcceptRetried(_logger, EndPoint.ToString() ?? string.Empty, e.SocketErrorCode.ToString());
                continue;
            }

            if (_options.NoDelay && accepted.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            {
                accepted.NoDelay = true;
            }

            var connection = new IoUringConnection(accepted, _engines.Next(), _memoryPool, _options, _logger);
            connection.Start();
            return connection;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _unbound, 1) == 0)
        {
            // The ring's pending accept is cancelled in the kernel (ASYNC_CANCEL); the await ends after its CQE.
            _unbind.Cancel();
            _listenSocket.Dispose();
            if (_unixSocketPath is not null)
            {
                TryDelete(_unixSocketPath);
            }
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await UnbindAsync().ConfigureAwait(false);
        _unbind.Dispose();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
