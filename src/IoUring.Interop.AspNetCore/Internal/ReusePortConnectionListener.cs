using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using IoUring.Interop.Async;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>One listening socket per ring in a SO_REUSEPORT group, each with its own multishot accept on its own ring:
/// the kernel spreads the connections over the sockets, and each connection is served by the ring that accepted it.</summary>
/// <remarks>Each ring's accept loop runs on that ring (its reactor), wraps and starts the connection there, so the
/// first receive goes straight into that ring with no hand-off, and offers it to one bounded channel that
/// <see cref="AcceptAsync"/> reads: Kestrel has a single accept loop. The channel holds at most the listen backlog;
/// beyond it the rings stop taking connections and the kernel's queues hold them, as with one socket.</remarks>
internal sealed class ReusePortConnectionListener : IConnectionListener
{
    private readonly Socket[] _sockets;
    private readonly RingEngine[] _engines;
    private readonly MemoryPool<byte> _memoryPool;
    private readonly ReceiveBufferPools? _receivePools;
    private readonly IoUringTransportOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _unbind = new();
    private readonly Channel<IoUringConnection> _accepted;
    private readonly Task[] _loops;
    private int _unbound;
    private int _accepting;
    private int _closed;

    private ReusePortConnectionListener(Socket[] sockets, RingEngine[] engines, MemoryPool<byte> memoryPool, ReceiveBufferPools? receivePools, IoUringTransportOptions options, ILogger logger)
    {
        _receivePools = receivePools;
        _sockets = sockets;
        _engines = engines;
        _memoryPool = memoryPool;
        _options = options;
        _logger = logger;
        EndPoint = sockets[0].LocalEndPoint!;

        // One reader (Kestrel's accept loop): its ReadAsync without a token reuses one awaiter. Continuations are not
        // run synchronously, so the accept loop never runs Kestrel's code on a ring's thread.
        _accepted = Channel.CreateBounded<IoUringConnection>(new BoundedChannelOptions(Math.Max(1, options.Backlog))
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loops = new Task[sockets.Length];
        for (int i = 0; i < sockets.Length; i++)
        {
            int index = i;
            _loops[i] = engines[i].RunAsync(() => AcceptLoopAsync(index));
        }
    }

    public EndPoint EndPoint { get; }

    /// <summary>Binds one SO_REUSEPORT socket per ring on <paramref name="endPoint"/> (port 0: the first socket's port
    /// for the others) and starts each ring's accept loop.</summary>
    /// <exception cref="AddressInUseException">A socket outside the group holds the address.</exception>
    public static ReusePortConnectionListener Bind(IPEndPoint endPoint, RingEngineGroup engines, MemoryPool<byte> memoryPool, ReceiveBufferPools? receivePools, IoUringTransportOptions options, ILogger logger)
    {
        RingEngine[] rings = [.. engines.Engines];
        var sockets = new Socket[rings.Length];
        int opened = 0;
        try
        {
            sockets[0] = ListenSocket.Open(endPoint, options.Backlog, reusePort: true);
            opened = 1;
            var group = new IPEndPoint(endPoint.Address, ((IPEndPoint)sockets[0].LocalEndPoint!).Port);
            for (; opened < sockets.Length; opened++)
            {
                sockets[opened] = ListenSocket.Open(group, options.Backlog, reusePort: true);
            }
        }
        catch
        {
            for (int i = 0; i < opened; i++)
            {
                sockets[i].Dispose();
            }

            throw;
        }

        var listener = new ReusePortConnectionListener(sockets, rings, memoryPool, receivePools, options, logger);
        Log.ListeningReusePort(logger, rings.Length, options.RingEntries, listener.EndPoint.ToString() ?? string.Empty);
        return listener;
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        // Paired with UnbindAsync (Dekker): one of the two sees the other and closes the sockets, so the drain of the
        // channel never runs beside a read.
        Interlocked.Exchange(ref _accepting, 1);
        try
        {
            if (Volatile.Read(ref _unbound) != 0)
            {
                return null;
            }

            IoUringConnection connection;
            try
            {
                // A token that fires leaves the connection in the channel for the next call: none is lost.
                connection = await _accepted.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException e) when (e.InnerException is null)
            {
                return null;
            }
            catch (ChannelClosedException e)
            {
                // A ring's accept failed in a way that is not the client's doing: the listener fails as the single
                // socket's would, since the connections the kernel hashes to that socket would never be taken.
                ExceptionDispatchInfo.Throw(e.InnerException!);
                throw;
            }

            if (Volatile.Read(ref _unbound) != 0)
            {
                await CloseUntakenAsync(connection).ConfigureAwait(false);
                return null;
            }

            return connection;
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

    // Runs on ring index's reactor (or the thread pool, as its ContinuationMode says) until the listener is unbound.
    // Catches everything: CloseAsync awaits these tasks.
    private async Task AcceptLoopAsync(int index)
    {
        RingEngine engine = _engines[index];
        Socket socket = _sockets[index];
        CancellationToken unbind = _unbind.Token;
        while (!unbind.IsCancellationRequested)
        {
            try
            {
                await foreach (Socket accepted in engine.AcceptManyAsync(socket, unbind).ConfigureAwait(false))
                {
                    IoUringConnection connection = IoUringConnection.StartAccepted(accepted, engine, _memoryPool, _receivePools?.For(engine), _options, _logger);
                    if (!_accepted.Writer.TryWrite(connection))
                    {
                        await OfferAsync(connection, unbind).ConfigureAwait(false);
                    }
                }

                return;
            }
            catch (Exception) when (unbind.IsCancellationRequested)
            {
                // Unbinding cancels the multishot accept (ASYNC_CANCEL) and ends the stream with OperationCanceled,
                // ECANCELED or a closed handle; the stream's finally has closed what the kernel accepted meanwhile.
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // The client gave up before we accepted it; the listener is fine (accept(2): ECONNABORTED). The
                // stream ended with the error: start a new one.
                TransportMetrics.AcceptError();
                Log.AcceptRetried(_logger, EndPoint.ToString() ?? string.Empty, e.SocketErrorCode.ToString());
            }
            catch (Exception e)
            {
                _accepted.Writer.TryComplete(e);
                return;
            }
        }
    }

    // The channel is full (Kestrel is behind): wait for room; an unbind in the meantime closes the connection.
    private async ValueTask OfferAsync(IoUringConnection connection, CancellationToken unbind)
    {
        try
        {
            await _accepted.Writer.WriteAsync(connection, unbind).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            await CloseUntakenAsync(connection).ConfigureAwait(false);
        }
    }

    private static async ValueTask CloseUntakenAsync(IoUringConnection connection)
    {
        // Shut down first, so that the receive in flight ends and DisposeAsync does not wait on the client.
        connection.Abort(new ConnectionAbortedException("The listener was unbound before Kestrel took the connection."));
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _unbound, 1) == 0)
        {
            // Every ring's multishot accept is cancelled in the kernel; completing the channel wakes an AcceptAsync
            // that waits (it returns null and closes, as does UnbindAsync itself when no AcceptAsync runs). The
            // sockets are closed only once the loops have disposed their streams: each stream holds a reference on
            // its socket's handle, and Socket.Dispose spins until every reference is gone.
            _unbind.Cancel();
            _accepted.Writer.TryComplete();
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

    // Once: ends every ring's stream (closing what the kernel accepted and nobody took), closes the connections left in
    // the channel, then the listening sockets.
    private async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
        while (_accepted.Reader.TryRead(out IoUringConnection? connection))
        {
            await CloseUntakenAsync(connection).ConfigureAwait(false);
        }

        foreach (Socket socket in _sockets)
        {
            socket.Dispose();
        }

        _unbind.Dispose();
    }
}
