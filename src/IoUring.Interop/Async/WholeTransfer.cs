using System;
using System.Buffers;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Async;

/// <summary>One write-everything or send-everything call: issues the partial form, and again for the rest after a
/// short count, then completes the caller's awaitable once with the total.</summary>
/// <remarks>A pooled object rather than an async method: an async method's box is allocated whenever the first request
/// does not complete synchronously (nearly always), and the per-core pool of PoolingAsyncValueTaskMethodBuilder
/// misses when the box is returned on the engine thread and rented on a caller's. This object waits on the partial
/// request with a delegate made once, so the steady state allocates nothing.</remarks>
internal sealed class WholeTransfer : IValueTaskSource, IValueTaskSource<int>
{
    private readonly RingEngine _engine;
    private readonly Action _onStep;
    private ManualResetValueTaskSourceCore<int> _core;
    private ValueTask<int> _pending;
    private SafeFileHandle? _file;
    private Socket? _socket;
    private ReadOnlyMemory<byte> _buffer;
    private ReadOnlySequence<byte> _sequence;
    private bool _isSequence;
    private long _offset;
    private SocketFlags _flags;
    private CancellationToken _token;
    private long _done;
    private long _total;

    internal WholeTransfer(RingEngine engine)
    {
        _engine = engine;
        _onStep = OnStep;
        _core.RunContinuationsAsynchronously = false;
    }

    /// <summary>Starts writing all of <paramref name="buffer"/>; <paramref name="first"/> is the first partial write.</summary>
    internal ValueTask StartWrite(ValueTask<int> first, SafeFileHandle file, ReadOnlyMemory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        _file = file;
        _buffer = buffer;
        _offset = offset;
        _token = cancellationToken;
        _total = buffer.Length;
        return new ValueTask(this, BeginVersion(first));
    }

    /// <summary>Starts sending all of <paramref name="buffer"/>; <paramref name="first"/> is the first partial send.</summary>
    internal ValueTask<int> StartSend(ValueTask<int> first, Socket socket, ReadOnlyMemory<byte> buffer, SocketFlags flags, CancellationToken cancellationToken)
    {
        _socket = socket;
        _buffer = buffer;
        _flags = flags;
        _token = cancellationToken;
        _total = buffer.Length;
        return new ValueTask<int>(this, BeginVersion(first));
    }

    /// <summary>Starts sending all of <paramref name="buffers"/>; <paramref name="first"/> is the first partial send.</summary>
    internal ValueTask<int> StartSend(ValueTask<int> first, Socket socket, ReadOnlySequence<byte> buffers, SocketFlags flags, CancellationToken cancellationToken)
    {
        _socket = socket;
        _sequence = buffers;
        _isSequence = true;
        _flags = flags;
        _token = cancellationToken;
        _total = buffers.Length;
        return new ValueTask<int>(this, BeginVersion(first));
    }

    private short BeginVersion(ValueTask<int> first)
    {
        short version = _core.Version;
        Continue(first);
        return version;
    }

    private void OnStep() => Continue(_pending);

    // Runs each finished step; stops when a step is still in flight (its completion calls back) or when done.
    private void Continue(ValueTask<int> step)
    {
        while (true)
        {
            if (!step.IsCompleted)
            {
                _pending = step;
                step.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onStep);
                return;
            }

            _pending = default;
            try
            {
                int count = step.Result;
                _done += count;
                if (_done >= _total)
                {
                    _core.SetResult((int)Math.Min(_done, int.MaxValue));
                    return;
                }

                if (count == 0)
                {
                    // The kernel reports errors; a request that takes nothing of a non-empty buffer would repeat forever.
                    throw new IOException($"The {(_file is null ? "send" : "write")} took 0 bytes of a non-empty buffer; stopping rather than retrying forever.");
                }

                step = Next();
            }
            catch (Exception exception)
            {
                _core.SetException(exception);
                return;
            }
        }
    }

    private ValueTask<int> Next()
    {
        if (_file is not null)
        {
            return _engine.WritePartialAsync(_file, _buffer[(int)_done..], _offset < 0 ? _offset : _offset + _done, _token);
        }

        return _isSequence
            ? _engine.SendPartialAsync(_socket!, _sequence.Slice(_done), _flags, _token)
            : _engine.SendPartialAsync(_socket!, _buffer[(int)_done..], _flags, _token);
    }

    private int Take(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            _file = null;
            _socket = null;
            _buffer = default;
            _sequence = default;
            _isSequence = false;
            _token = default;
            _done = 0;
            _engine.ReturnWholeTransfer(this);
        }
    }

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <inheritdoc/>
    void IValueTaskSource.GetResult(short token) => Take(token);

    /// <inheritdoc/>
    int IValueTaskSource<int>.GetResult(short token) => Take(token);
}
