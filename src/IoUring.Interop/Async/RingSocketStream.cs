using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Interop.Async;

/// <summary>A <see cref="Stream"/> over a connected socket whose asynchronous reads and writes go through a
/// <see cref="RingEngine"/>, so <c>SslStream</c>, <c>StreamReader</c>, <c>CopyToAsync</c> and pipelines work on top.</summary>
/// <remarks>Not seekable. The synchronous <see cref="Read(Span{byte})"/> and <see cref="Write(ReadOnlySpan{byte})"/>
/// call the socket directly (blocking) rather than block a thread on the engine. One reader and one writer may run at
/// the same time, as with <see cref="NetworkStream"/>. Available since Linux 5.19.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/recv.2.html"/>
public sealed class RingSocketStream : Stream
{
    private readonly RingEngine _engine;
    private readonly Socket _socket;
    private readonly bool _ownsSocket;
    private bool _disposed;

    /// <summary>Wraps <paramref name="socket"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    /// <param name="engine">The engine that runs the reads and writes.</param>
    /// <param name="socket">A connected stream socket.</param>
    /// <param name="ownsSocket">Whether disposing the stream disposes the socket.</param>
    /// <exception cref="IOException"><paramref name="socket"/> is not connected (or is disposed), or is not a stream socket.</exception>
    public RingSocketStream(RingEngine engine, Socket socket, bool ownsSocket = true)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(socket);

        // NetworkStream's rules: a stream reads and writes one peer, so the socket must be a connected stream socket.
        if (!socket.Connected)
        {
            throw new IOException("The operation is not allowed on non-connected sockets.");
        }

        if (socket.SocketType != SocketType.Stream)
        {
            throw new IOException("The operation is not allowed on non-stream oriented sockets.");
        }

        _engine = engine;
        _socket = socket;
        _ownsSocket = ownsSocket;
    }

    /// <summary>The socket underneath.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public Socket Socket => _socket;

    /// <inheritdoc/>
    public override bool CanRead => !_disposed;

    /// <inheritdoc/>
    public override bool CanWrite => !_disposed;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException("A socket stream has no length.");

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException("A socket stream has no position.");
        set => throw new NotSupportedException("A socket stream has no position.");
    }

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _engine.ReceiveAsync(_socket, buffer, SocketFlags.None, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc/>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return buffer.IsEmpty ? default : WriteAll(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _socket.Receive(buffer);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!buffer.IsEmpty)
        {
            buffer = buffer[_socket.Send(buffer)..];
        }
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A socket stream cannot seek.");

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("A socket stream has no length.");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (_ownsSocket)
            {
                _socket.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    // send(2) may take less than asked; a stream write takes everything.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteAll(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            int sent = await _engine.SendPartialAsync(_socket, buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            buffer = buffer[sent..];
        }
    }
}
