using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Async;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>A bound, listening socket whose accepts come from one multishot accept on a ring; each connection is
/// served by the next ring.</summary>
/// <remarks>One multishot request (<see cref="RingEngine.AcceptManyAsync"/>) rather than one accept per call: when
/// hundreds of clients connect at once, the kernel reports them all and Kestrel's accept loop takes them one after
/// the other without a trip through the ring each. With single accepts, each one waited behind every continuation
/// queued meanwhile, and under load (256 connections opened while others were served) the last connections were
/// accepted hundreds of milliseconds late.</remarks>
internal sealed class IoUringConnectionListener : IConnectionListener
{
    private readonly RingEngineGroup _engines;
    private readonly RingEngine _acceptEngine;
    private readonly MemoryPool<byte> _memoryPool;
    private readonly ReceiveBufferPools? _receivePools;
    private readonly IoUringTransportOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _unbind = new();
    private readonly Socket _listenSocket;
    private readonly string? _unixSocketPath;
    private int _unbound;
    private int _accepting;
    private int _closed;

    // The multishot stream (made on the first accept) and a move a cancelled AcceptAsync left pending.
    private IAsyncEnumerator<Socket>? _accepts;
    private Task<bool>? _pendingMove;

    private IoUringConnectionListener(Socket listenSocket, RingEngineGroup engines, MemoryPool<byte> memoryPool, ReceiveBufferPools? receivePools, IoUringTransportOptions options, ILogger logger)
    {
        _receivePools = receivePools;
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
    public static IoUringConnectionListener Bind(EndPoint endPoint, RingEngineGroup engines, MemoryPool<byte> memoryPool, ReceiveBufferPools? receivePools, IoUringTransportOptions options, ILogger logger)
    {
        Socket socket = ListenSocket.Open(endPoint, options.Backlog, reusePort: false);
        var listener = new IoUringConnectionListener(socket, engines, memoryPool, receivePools, options, logger);
        Log.Listening(logger, engines.Engines.Count, options.RingEntries, listener.EndPoint.ToString() ?? string.Empty);
        return listener;
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        // Paired with UnbindAsync (Dekker): one of the two sees the other and closes the socket.
        Interlocked.Exchange(ref _accepting, 1);
        try
        {
            return await AcceptCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _accepting, 0);
            if (Volatile.Read(ref _unbound) != 0)
            {
                await CloseAsync().ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<ConnectionContext?> AcceptCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Socket accepted;
            try
            {
                if (!await NextAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                accepted = _accepts!.Current;
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
                // The client gave up before we accepted it; the listener is fine (accept(2): ECONNABORTED). The
                // stream ended with the error: start a new one.
                TransportMetrics.AcceptError();
                Log.AcceptRetried(_logger, EndPoint.ToString() ?? string.Empty, e.SocketErrorCode.ToString());
                await DisposeStreamAsync().ConfigureAwait(false);
                continue;
            }

            RingEngine engine = _engines.Next();
            return IoUringConnection.StartAccepted(accepted, engine, _memoryPool, _receivePools?.For(engine), _options, _logger);
        }
    }

    // The next accepted socket of the stream. A token that fires ends this call only: the move it interrupted stays
    // pending and the next call takes its result, so no connection is lost.
    private ValueTask<bool> NextAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _unbound) != 0)
        {
            return ValueTask.FromResult(false);
        }

        _accepts ??= _acceptEngine.AcceptManyAsync(_listenSocket, _unbind.Token).GetAsyncEnumerator(_unbind.Token);
        Task<bool>? pending = _pendingMove;
        _pendingMove = null;
        if (pending is null)
        {
            ValueTask<bool> move = _accepts.MoveNextAsync();
            if (move.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return move;
            }

            pending = move.AsTask();
        }

        return cancellationToken.CanBeCanceled ? WaitAsync(pending, cancellationToken) : new ValueTask<bool>(pending);
    }

    private async ValueTask<bool> WaitAsync(Task<bool> move, CancellationToken cancellationToken)
    {
        try
        {
            return await move.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!move.IsCompleted)
        {
            _pendingMove = move;
            throw;
        }
    }

    private async ValueTask DisposeStreamAsync()
    {
        IAsyncEnumerator<Socket>? accepts = _accepts;
        Task<bool>? pending = _pendingMove;
        _accepts = null;
        _pendingMove = null;
        if (accepts is null)
        {
            return;
        }

        if (pending is not null)
        {
            // The stream cannot be disposed while a move is in flight; unbinding ends that move.
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Its outcome no longer matters: the listener is going away or restarting the stream.
            }
        }

        try
        {
            // Closes connections the kernel accepted that nobody took.
            await accepts.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            // An AcceptAsync without a token still awaits its move (Kestrel unbinds, then disposes): the stream ends
            // with the unbind token and its finally closes what was left; the accepted Socket objects' own
            // finalizers are the last resort.
        }
    }

    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _unbound, 1) == 0)
        {
            // The stream's multishot accept is cancelled in the kernel (ASYNC_CANCEL). The socket is closed only once
            // the stream is disposed: the stream holds a reference on the socket's handle, and Socket.Dispose spins
            // until every reference is gone. An AcceptAsync still running closes it when it returns.
            _unbind.Cancel();
            if (Volatile.Read(ref _accepting) == 0)
            {
                await CloseAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await UnbindAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _accepting) == 0)
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    // Once: ends the stream (closing connections accepted but not taken), then the listening socket.
    private async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        await DisposeStreamAsync().ConfigureAwait(false);
        _listenSocket.Dispose();
        if (_unixSocketPath is not null)
        {
            TryDelete(_unixSocketPath);
        }

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
