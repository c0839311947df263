using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Async;

/// <summary>A seekable <see cref="Stream"/> over a file whose asynchronous reads and writes are positional requests
/// through a <see cref="RingEngine"/>; the stream keeps the position itself (the file's own offset is not used).</summary>
/// <remarks>Unbuffered: each call is one request (wrap it in a <see cref="BufferedStream"/> for many small calls).
/// Like <see cref="FileStream"/>, one operation at a time. The synchronous members use <see cref="RandomAccess"/>.
/// Available since Linux 5.19.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/pread.2.html"/>
public sealed partial class RingFileStream : Stream
{
    private const int F_GETFL = 3;
    private const int O_ACCMODE = 3;

    private readonly RingEngine _engine;
    private readonly SafeFileHandle _file;
    private readonly bool _ownsHandle;
    private readonly bool _canRead;
    private readonly bool _canWrite;
    private long _position;
    private bool _disposed;

    /// <summary>Wraps <paramref name="file"/>, starting at position 0; reading and writing follow the descriptor's open mode.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    /// <param name="engine">The engine that runs the reads and writes.</param>
    /// <param name="file">An open regular file.</param>
    /// <param name="ownsHandle">Whether disposing the stream disposes the handle.</param>
    /// <exception cref="ArgumentException">The handle is closed or invalid.</exception>
    public RingFileStream(RingEngine engine, SafeFileHandle file, bool ownsHandle = true)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(file);
        if (file.IsInvalid || file.IsClosed)
        {
            throw new ArgumentException("The file handle is closed or invalid.", nameof(file));
        }

        // Under a reference on the handle: a Dispose on another thread cannot close the descriptor (and let open(2)
        // reuse its number for another file) between the check above and the call.
        bool referenced = false;
        int flags;
        int errno = 0;
        try
        {
            file.DangerousAddRef(ref referenced);
            flags = fcntl((int)file.DangerousGetHandle(), F_GETFL);
            if (flags < 0)
            {
                errno = Marshal.GetLastPInvokeError();
            }
        }
        catch (ObjectDisposedException)
        {
            throw new ArgumentException("The file handle is closed or invalid.", nameof(file));
        }
        finally
        {
            if (referenced)
            {
                file.DangerousRelease();
            }
        }

        if (flags < 0)
        {
            throw new ArgumentException($"fcntl(F_GETFL) failed on the handle: {new IoUringException(errno, "fcntl").Message}", nameof(file));
        }

        _engine = engine;
        _file = file;
        _ownsHandle = ownsHandle;
        _canRead = (flags & O_ACCMODE) != 1;
        _canWrite = (flags & O_ACCMODE) != 0;
    }

    /// <summary>The file handle underneath.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public SafeFileHandle SafeFileHandle => _file;

    /// <inheritdoc/>
    public override bool CanRead => !_disposed && _canRead;

    /// <inheritdoc/>
    public override bool CanWrite => !_disposed && _canWrite;

    /// <inheritdoc/>
    public override bool CanSeek => !_disposed;

    /// <inheritdoc/>
    public override long Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return RandomAccess.GetLength(_file);
        }
    }

    /// <inheritdoc/>
    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfCannot(_canRead, "read");
        return ReadAt(buffer, cancellationToken);
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
        ThrowIfCannot(_canWrite, "write");
        return buffer.IsEmpty ? default : WriteAt(buffer, cancellationToken);
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
        ThrowIfCannot(_canRead, "read");
        int read = RandomAccess.Read(_file, buffer, _position);
        _position += read;
        return read;
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
        ThrowIfCannot(_canWrite, "write");
        RandomAccess.Write(_file, buffer, _position);
        _position += buffer.Length;
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <summary>Nothing to flush: writes are not buffered (use <see cref="RingEngine.FlushAsync"/> to reach the disk).</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Begin, Current or End."),
        };

        if (target < 0)
        {
            throw new IOException($"Seeking to {target} would move before the start of the file.");
        }

        return _position = target;
    }

    /// <inheritdoc/>
    public override void SetLength(long value)
    {
        ThrowIfCannot(_canWrite, "resize");
        RandomAccess.SetLength(_file, value);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (_ownsHandle)
            {
                _file.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void ThrowIfCannot(bool allowed, string what)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!allowed)
        {
            throw new NotSupportedException($"The file was not opened to {what}.");
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadAt(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int read = await _engine.ReadAsync(_file, buffer, _position, cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    // pwrite(2) may write less than asked (a full disk, a signal); a stream write takes everything or throws.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteAt(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            int written = await _engine.WritePartialAsync(_file, buffer, _position, cancellationToken).ConfigureAwait(false);
            if (written == 0)
            {
                throw new IOException("The file accepted no bytes (pwrite returned 0).");
            }

            _position += written;
            buffer = buffer[written..];
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fcntl(int fd, int command);
}
