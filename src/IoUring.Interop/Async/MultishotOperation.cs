using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace IoUring.Interop.Async;

/// <summary>One multishot request (accept or receive) seen as a queue of completions with a single consumer: the
/// engine thread appends each CQE; the consumer takes them in order and waits when none is there.</summary>
/// <remarks>The kernel ends a multishot on its own (no IORING_CQE_F_MORE) when it runs out of provided buffers
/// (ENOBUFS) or decides to stop; the consumer then re-arms it once it has drained what came before, so nothing is
/// lost or reordered. The socket's handle is referenced from the first submission until <see cref="DisposeAsync"/>.</remarks>
internal sealed class MultishotOperation : EngineOperation, IValueTaskSource<bool>
{
    private static readonly Action<object?> CancelCallback = static state => ((MultishotOperation)state!).OnTokenCancelled();

    private readonly RingEngine _engine;
    private readonly SafeHandle _handle;
    private readonly SubmissionEntry _entry;
    private readonly bool _endsOnZero;
    private readonly Queue<CompletionEntry> _items = new();
    private readonly Lock _lock = new();
    private readonly CancellationToken _token;
    private readonly CancellationTokenRegistration _registration;
    private ManualResetValueTaskSourceCore<bool> _signal;
    private bool _waiting;
    private bool _active;
    private bool _needsRearm;
    private bool _ended;
    private int _errno;
    private OperationOutcome _outcome = OperationOutcome.Completed;
    private bool _handleAdded;

    internal MultishotOperation(RingEngine engine, SafeHandle handle, SubmissionEntry entry, bool endsOnZero, CancellationToken cancellationToken)
    {
        _engine = engine;
        _handle = handle;
        _entry = entry;
        _endsOnZero = endsOnZero;
        _token = cancellationToken;
        _signal.RunContinuationsAsynchronously = false;
        Sequence = 1;
        handle.DangerousAddRef(ref _handleAdded);
        engine.Register(this);
        _needsRearm = true;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(CancelCallback, this);
        }
    }

    /// <summary>The descriptor the entry was built for (the handle is referenced while the stream lives).</summary>
    internal static int FdOf(SafeHandle handle) => (int)handle.DangerousGetHandle();

    /// <summary>Consumer: the next completion (a result with <c>Result &gt; 0</c> or an fd), or false at the end of the stream.</summary>
    /// <exception cref="OperationCanceledException">The stream's token fired.</exception>
    /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
    internal async ValueTask<(bool Has, CompletionEntry Item)> NextAsync()
    {
        while (true)
        {
            bool rearm = false;
            lock (_lock)
            {
                if (_items.TryDequeue(out CompletionEntry item))
                {
                    return (true, item);
                }

                if (_ended)
                {
                    ThrowIfFailed();
                    return (false, default);
                }

                if (!_active && CancelRequested)
                {
                    _ended = true;
                    _outcome = OperationOutcome.Canceled;
                    ThrowIfFailed();
                }

                if (!_active && _needsRearm)
                {
                    _needsRearm = false;
                    _active = true;
                    rearm = true;
                }
                else
                {
                    _signal.Reset();
                    _waiting = true;
                }
            }

            if (rearm)
            {
                await _engine.EnterAsync().ConfigureAwait(false);
                _engine.Enqueue(this);
                continue;
            }

            await new ValueTask<bool>(this, _signal.Version).ConfigureAwait(false);
        }
    }

    /// <summary>Consumer: cancels the request if it is still armed, waits for its last completion, and releases the
    /// socket; returns the completions nobody took (their buffers or descriptors belong to the caller to undo).</summary>
    internal async ValueTask<CompletionEntry[]> DisposeAsync()
    {
        while (true)
        {
            bool wait;
            lock (_lock)
            {
                wait = _active;
                if (wait)
                {
                    _signal.Reset();
                    _waiting = true;
                }
                else
                {
                    _ended = true;
                }
            }

            if (!wait)
            {
                break;
            }

            CancelRequested = true;
            _engine.RequestCancel(this, Sequence);
            await new ValueTask<bool>(this, _signal.Version).ConfigureAwait(false);
        }

        await _registration.DisposeAsync().ConfigureAwait(false);
        if (_handleAdded)
        {
            _handleAdded = false;
            _handle.DangerousRelease();
        }

        _engine.Unregister(this);
        lock (_lock)
        {
            CompletionEntry[] left = _items.ToArray();
            _items.Clear();
            return left;
        }
    }

    /// <inheritdoc/>
    internal override bool TryPush(SubmissionQueue queue) => queue.TryPush(_entry.WithUserData(UserData));

    /// <inheritdoc/>
    internal override bool OnCompletion(in CompletionEntry completion)
    {
        bool final = !completion.HasMore;
        int result = completion.Result;
        bool wake;
        lock (_lock)
        {
            if (result > 0 || (result == 0 && !_endsOnZero))
            {
                _items.Enqueue(completion);
            }

            if (final)
            {
                _active = false;
                if (result == -(int)Errno.ENOBUFS || (result > 0 && !CancelRequested))
                {
                    // The kernel stopped (buffers ran out, or it chose to): re-armed once the consumer drained.
                    _needsRearm = true;
                }
                else if (result == 0 && _endsOnZero)
                {
                    _ended = true;
                }
                else if (result < 0)
                {
                    _ended = true;
                    _errno = -result;
                    if (result is -(int)Errno.ECANCELED or -(int)Errno.EINTR)
                    {
                        _outcome = CancelRequested ? OperationOutcome.Canceled : _engine.IsShuttingDown ? OperationOutcome.Disposed : OperationOutcome.Completed;
                    }
                }
            }

            wake = _waiting;
            _waiting = false;
        }

        if (final)
        {
            _engine.OnOperationFinished(this);
        }

        if (wake)
        {
            Signal();
        }

        return final;
    }

    /// <inheritdoc/>
    internal override void Abort(OperationOutcome outcome)
    {
        bool wake;
        lock (_lock)
        {
            _active = false;
            _ended = true;
            _outcome = outcome;
            wake = _waiting;
            _waiting = false;
        }

        _engine.OnOperationFinished(this);
        if (wake)
        {
            Signal();
        }
    }

    private void Signal() => _engine.Continue(this);

    /// <inheritdoc/>
    internal override void RunContinuation() => _signal.SetResult(true);

    private void OnTokenCancelled()
    {
        CancelRequested = true;
        _engine.RequestCancel(this, Sequence);
        bool wake;
        lock (_lock)
        {
            // Not armed: wake a waiting consumer so it ends the stream itself.
            wake = !_active && _waiting;
            if (wake)
            {
                _waiting = false;
            }
        }

        if (wake)
        {
            Signal();
        }
    }

    private void ThrowIfFailed()
    {
        switch (_outcome)
        {
            case OperationOutcome.Canceled:
                throw new OperationCanceledException("The stream was cancelled; the kernel confirmed it.", _token);
            case OperationOutcome.Disposed:
                throw _engine.StoppedException("The engine was disposed while the stream was open.");
        }

        if (_errno != 0)
        {
            throw AsyncErrors.For(RingOperation.ErrorKind.Socket, _errno, "multishot");
        }
    }

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => _signal.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, _engine.WithoutOwnContext(flags));

    /// <inheritdoc/>
    public bool GetResult(short token) => _signal.GetResult(token);
}
