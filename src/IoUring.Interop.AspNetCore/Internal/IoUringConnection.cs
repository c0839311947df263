using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Async;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>
/// One accepted socket served by one ring: a receive loop that fills the input pipe and a send loop that drains the
/// output pipe, each with at most one operation in flight, so the pipes' thresholds are the back-pressure.
/// </summary>
/// <remarks>
/// The life cycle follows Kestrel's Sockets transport so that Kestrel sees the same thing: the receive loop completes
/// the input on FIN, reset or abort and then fires <c>ConnectionClosed</c>; the send loop ends when Kestrel
/// completes the output or the connection is aborted, and then shuts the socket down, which also ends a receive still
/// in flight (shutdown(2) wakes the kernel's pending recv with 0 bytes).
/// </remarks>
internal sealed partial class IoUringConnection : ConnectionContext
{
    private readonly Socket _socket;
    private readonly RingEngine _engine;
    private readonly ILogger _logger;
    private readonly int _minimumReceiveBufferSize;
    private readonly ProvidedBufferPool? _receivePool;
    private readonly IDuplexPipe _application;
    private readonly CancellationTokenSource _connectionClosedSource = new();
    private readonly TaskCompletionSource _connectionClosedFired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _shutdownLock = new();
    private volatile Exception? _shutdownReason;
    private bool _socketShutDown;
    private Task _processing = Task.CompletedTask;
    private IDictionary<object, object?>? _items;

    // receivePool: the ring's pool for multishot receives (IoUringTransportOptions.MultishotReceive), or null to
    // receive one chunk at a time straight into the input pipe.
    public IoUringConnection(Socket socket, RingEngine engine, MemoryPool<byte> memoryPool, ProvidedBufferPool? receivePool, IoUringTransportOptions options, ILogger logger)
    {
        _receivePool = receivePool;
        _socket = socket;
        _engine = engine;
        _logger = logger;
        _minimumReceiveBufferSize = options.MinimumReceiveBufferSize;
        MemoryPool = memoryPool;
        ConnectionId = ConnectionIds.Next();
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
        ConnectionClosed = _connectionClosedSource.Token;

        // Inline schedulers: the engine already delivers completions where the options say (thread pool, or the ring
        // thread when InlineContinuations is set), so a second hop per read or write would only add latency. The send
        // loop alone waits for the end of the continuation that wrote the responses, to send them together.
        var input = new PipeOptions(memoryPool, PipeScheduler.Inline, PipeScheduler.Inline,
            pauseWriterThreshold: options.MaxReadBufferSize ?? 0, resumeWriterThreshold: (options.MaxReadBufferSize ?? 0) / 2,
            useSynchronizationContext: false);
        var output = new PipeOptions(memoryPool, AfterContinuationScheduler.Instance, PipeScheduler.Inline,
            pauseWriterThreshold: options.MaxWriteBufferSize ?? 0, resumeWriterThreshold: (options.MaxWriteBufferSize ?? 0) / 2,
            useSynchronizationContext: false);
        var inputPipe = new Pipe(input);
        var outputPipe = new Pipe(output);
        Transport = new DuplexPipe(inputPipe.Reader, outputPipe.Writer);
        _application = new DuplexPipe(outputPipe.Reader, inputPipe.Writer);
        Features = CreateFeatures();
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; }

    public override IDictionary<object, object?> Items
    {
        get => _items ??= new ConnectionItems();
        set => _items = value;
    }

    public override IDuplexPipe Transport { get; set; }

    public MemoryPool<byte> MemoryPool { get; }

    public Socket Socket => _socket;

    /// <summary>Wraps a socket a listener accepted (TCP_NODELAY as the options say), counts it and starts it on
    /// <paramref name="engine"/>.</summary>
    public static IoUringConnection StartAccepted(Socket accepted, RingEngine engine, MemoryPool<byte> memoryPool, ProvidedBufferPool? receivePool, IoUringTransportOptions options, ILogger logger)
    {
        if (options.NoDelay && accepted.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
        {
            accepted.NoDelay = true;
        }

        var connection = new IoUringConnection(accepted, engine, memoryPool, receivePool, options, logger);
        TransportMetrics.ConnectionOpened();
        connection.Start();
        return connection;
    }

    /// <summary>The ring that serves this connection.</summary>
    public RingEngine Engine => _engine;

    /// <summary>Starts the receive and send loops.</summary>
    public void Start() => _processing = RunAsync();

    public override void Abort(ConnectionAbortedException abortReason)
    {
        // Kestrel calls this from any thread; shutting the socket down ends the kernel's pending recv and send.
        Shutdown(abortReason);
        _application.Input.CancelPendingRead();
    }

    // 1 while the connection counts as active in the transport's meter.
    private int _counted = 1;

    public override async ValueTask DisposeAsync()
    {
        Transport.Input.Complete();
        Transport.Output.Complete();
        try
        {
            await _processing.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.UnexpectedError(_logger, ConnectionId, e);
        }
        finally
        {
            _socket.Dispose();
            _connectionClosedSource.Dispose();
            if (Interlocked.Exchange(ref _counted, 0) == 1)
            {
                TransportMetrics.ConnectionClosed();
            }
        }
    }

    private async Task RunAsync()
    {
        Task receiving = ReceiveLoopAsync();
        Task sending = SendLoopAsync();
        await receiving.ConfigureAwait(false);
        await sending.ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync()
    {
        PipeWriter input = _application.Output;
        Exception? error = null;
        try
        {
            if (_receivePool is { } pool)
            {
                await ReceiveManyAsync(input, pool).ConfigureAwait(false);
            }
            else
            {
                while (true)
                {
                    Memory<byte> buffer = input.GetMemory(_minimumReceiveBufferSize);
                    int received = await _engine.ReceiveAsync(_socket, buffer).ConfigureAwait(false);
                    if (received == 0)
                    {
                        Log.ReadFin(_logger, ConnectionId);
                        break;
                    }

                    input.Advance(received);
                    TransportMetrics.Received(received);

                    // Back-pressure: FlushAsync waits while Kestrel has MaxReadBufferSize unread; no receive is in
                    // flight meanwhile, so the kernel's receive buffer fills and TCP closes the client's window.
                    FlushResult flush = await input.FlushAsync().ConfigureAwait(false);
                    if (flush.IsCompleted || flush.IsCanceled)
                    {
                        break;
                    }
                }
            }
        }
        catch (SocketException e) when (SocketErrors.IsReset(e.SocketErrorCode))
        {
            error = new ConnectionResetException(e.Message, e);
            if (_shutdownReason is null)
            {
                Log.ConnectionReset(_logger, ConnectionId);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException || (e is SocketException se && SocketErrors.IsAbort(se.SocketErrorCode)))
        {
            // Expected after an abort: _shutdownReason says why.
            error = e;
        }
        catch (Exception e)
        {
            error = new IOException(e.Message, e);
            Log.UnexpectedError(_logger, ConnectionId, e);
        }
        finally
        {
            // If the connection was shut down first, that is why the loop ended: Kestrel expects that reason.
            await input.CompleteAsync(_shutdownReason ?? error).ConfigureAwait(false);
            FireConnectionClosed();
            await _connectionClosedFired.Task.ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync()
    {
        PipeReader output = _application.Input;
        Exception? shutdownReason = null;
        Exception? unexpectedError = null;
        try
        {
            while (true)
            {
                ReadResult result = await output.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    break;
                }

                ReadOnlySequence<byte> buffer = result.Buffer;
                while (!buffer.IsEmpty)
                {
                    // One send (or sendmsg over every segment) per round; the kernel may take less than all of it.
                    int sent = buffer.IsSingleSegment
                        ? await _engine.SendAsync(_socket, buffer.First).ConfigureAwait(false)
                        : await _engine.SendAsync(_socket, buffer).ConfigureAwait(false);
                    buffer = buffer.Slice(sent);
                    TransportMetrics.Sent(sent);
                }

                output.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (SocketException e) when (SocketErrors.IsReset(e.SocketErrorCode))
        {
            shutdownReason = new ConnectionResetException(e.Message, e);
            Log.ConnectionReset(_logger, ConnectionId);
        }
        catch (Exception e) when (e is ObjectDisposedException || (e is SocketException se && SocketErrors.IsAbort(se.SocketErrorCode)))
        {
            shutdownReason = e;
        }
        catch (Exception e)
        {
            shutdownReason = e;
            unexpectedError = e;
            Log.UnexpectedError(_logger, ConnectionId, e);
        }
        finally
        {
            Shutdown(shutdownReason);
            await output.CompleteAsync(unexpectedError).ConfigureAwait(false);
            // A receive loop waiting on back-pressure must notice the end too.
            _application.Output.CancelPendingFlush();
        }
    }

    private void Shutdown(Exception? reason)
    {
        lock (_shutdownLock)
        {
            if (_socketShutDown)
            {
                return;
            }

            _socketShutDown = true;
            // Kept as it is (a ConnectionResetException stays one): Kestrel treats a reset differently from an abort.
            _shutdownReason = reason ?? new ConnectionAbortedException("The io_uring transport's send loop completed gracefully.");
            Log.ConnectionWriteFin(_logger, ConnectionId, _shutdownReason.Message);
            try
            {
                // shutdown(2) sends the FIN and wakes the ring's pending recv/send on this socket; the close comes in
                // DisposeAsync, once no operation holds the descriptor.
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already disconnected (ENOTCONN): nothing to shut down.
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private void FireConnectionClosed()
    {
        // Kestrel's callbacks on ConnectionClosed may be slow; never run them on the ring's thread.
        ThreadPool.UnsafeQueueUserWorkItem(
            static connection =>
            {
                connection.CancelConnectionClosed();
                connection._connectionClosedFired.TrySetResult();
            },
            this,
            preferLocal: false);
    }

    private void CancelConnectionClosed()
    {
        try
        {
            _connectionClosedSource.Cancel();
        }
        catch (Exception e)
        {
            Log.UnexpectedError(_logger, ConnectionId, e);
        }
    }
}
