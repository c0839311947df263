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
/// lost or reordered. The socket's handle is referenced from construction until <see cref="DisposeAsync"/>, and every
/// arm uses the descriptor number read under that reference. A re-arm is refused, ending the stream with
/// <see cref="ObjectDisposedException"/>, once the handle was closed (<see cref="RingEngine.CloseAsync"/> may have
/// closed the number, which another file may reuse) or the stream's <see cref="ProvidedBufferPool"/> was disposed
/// (its group is gone: the kernel would only answer ENOBUFS, for ever).</remarks>
internal sealed class MultishotOperation : EngineOperation, IValueTaskSource<bool>
{
    private static readonly Action<object?> CancelCallback = static state => ((MultishotOperation)state!).OnTokenCancelled();

    private readonly RingEngine _engine;
    private readonly SafeHandle _handle;
    private readonly SubmissionEntry _entry;
    private readonly ProvidedBufferPool? _pool;
    private readonly bool _endsOnZero;
    private readonly Queue<CompletionEntry> _items = new();
    private readonly Lock _lock = new();
    private readonly CancellationToken _token;
    private readonly CancellationTokenRegistration _registration;
    private ManualResetValueTaskSourceCore<bool> _signal;
    private bool _waiting;
    private bool _active;
    private bool _needsRearm;
    private bool _starved;
    private bool _ended;
    private int _errno;
    private OperationOutcome _outcome = OperationOutcome.Completed;
    private bool _handleAdded;
    private volatile bool _poolDisposed;
    private volatile int _armPending;
    private ObjectDisposedException? _refused;

    /// <summary>Takes a reference on <paramref name="handle"/> for the stream's life and builds the entry from the
    /// descriptor number read under it.</summary>
    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    /// <exception cref="InvalidOperationException">The engine's operation table is full.</exception>
    internal MultishotOperation(RingEngine engine, SafeHandle handle, Func<int, SubmissionEntry> build, bool endsOnZero, ProvidedBufferPool? pool, CancellationToken cancellationToken)
    {
        _engine = engine;
        _handle = handle;
        _endsOnZero = endsOnZero;
        _pool = pool;
        _token = cancellationToken;
        _signal.RunContinuationsAsynchronously = false;
        Sequence = 1;
        handle.DangerousAddRef(ref _handleAdded);
        try
        {
            _entry = build((int)handle.DangerousGetHandle());
            engine.Register(this);
        }
        catch
        {
            // Nothing will ever call DisposeAsync: the reference would keep the descriptor open for ever (and make
            // Socket.Dispose wait for it).
            _handleAdded = false;
            handle.DangerousRelease();
            throw;
        }

        _needsRearm = true;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(CancelCallback, this);
        }
    }

    /// <summary>The pool the receive takes buffers from (kept reachable with the operation, so its memory outlives
    /// every request that may write to it), or null.</summary>
    internal ProvidedBufferPool? Pool => _pool;

    /// <summary>Any thread: the handle the stream holds a reference on, for <see cref="RingEngine.CloseAsync"/>.</summary>
    internal SafeHandle HeldHandle => _handle;

    /// <summary>Any thread: whether an arm passed its handle check and has not reached the submission queue yet, so a
    /// close of the handle's number must wait for it (<see cref="RingEngine.CloseAsync"/>).</summary>
    internal bool ArmPending => _armPending != 0;

    /// <summary>Any thread: the pool was disposed; cancels the request and ends the stream with
    /// <see cref="ObjectDisposedException"/>.</summary>
    internal void OnPoolDisposed()
    {
        _poolDisposed = true;
        OnTokenCancelled();
    }

    /// <summary>Any thread: a buffer came back to the pool this stream waits on after ENOBUFS; wakes the consumer to
    /// re-arm. False when the stream no longer waits for one (it was cancelled meanwhile), so the pool wakes another.</summary>
    internal bool OnBufferReturned()
    {
        lock (_lock)
        {
            if (!_starved || !_waiting || _active)
            {
                return false;
            }

            _starved = false;
            _waiting = false;
        }

        Signal();
        return true;
    }

    /// <summary>What the consumer does next (<see cref="Poll"/>).</summary>
    internal enum Step
    {
        /// <summary>A completion was taken.</summary>
        Item,

        /// <summary>The stream ended (at the peer's end of stream, or for good).</summary>
        End,

        /// <summary>Await <see cref="WaitAsync"/>, then poll again.</summary>
        Wait,

        /// <summary>Await the engine's admission, <see cref="RingEngine.Enqueue"/> the stream, then poll again.</summary>
        Arm,
    }

    /// <summary>Consumer: one step towards the next completion (a result with <c>Result &gt; 0</c> or an fd).</summary>
    /// <remarks>Steps rather than one async method: the consumer's own state machine (the stream's iterator, made
    /// once) does the awaiting, so a consumer that waits for every chunk allocates nothing per chunk, even where
    /// async state machines are classes (Debug builds).</remarks>
    /// <exception cref="OperationCanceledException">The stream's token fired.</exception>
    /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
    internal Step Poll(out CompletionEntry item)
    {
        lock (_lock)
        {
            if (_items.TryDequeue(out item))
            {
                return Step.Item;
            }

            if (_ended)
            {
                ThrowIfFailed();
                return Step.End;
            }

            if (!_active && CancelRequested)
            {
                _ended = true;
                _outcome = OperationOutcome.Canceled;
                ThrowIfFailed();
            }

            if (!_active && _needsRearm && !(_starved && _pool!.WaitForBuffer(this)))
            {
                // After ENOBUFS only once the pool has a buffer again (OnBufferReturned wakes the wait below):
                // re-arming into an empty ring would meet ENOBUFS again at once.
                _starved = false;
                if (RefuseArm())
                {
                    _ended = true;
                    ThrowIfFailed();
                }

                _needsRearm = false;
                _active = true;
                return Step.Arm;
            }

            _signal.Reset();
            _waiting = true;
            return Step.Wait;
        }
    }

    /// <summary>Consumer, after <see cref="Step.Wait"/>: completes when a completion, the end or a buffer arrives.</summary>
    internal ValueTask<bool> WaitAsync() => new(this, _signal.Version);

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
    internal override bool TryPush(SubmissionQueue queue)
    {
        if (!queue.TryPush(_entry.WithUserData(UserData)))
        {
            return false;
        }

        // In the queue ahead of any close pushed later: the kernel takes the file when it issues the entry.
        _armPending = 0;
        return true;
    }

    // Consumer, under _lock, before an arm: whether a dependency is gone. The arm is marked pending before the handle
    // is checked, and CloseAsync marks the handle closed before it looks for pending arms (both with full fences), so
    // either the arm sees the handle closed or the close waits until the entry is in the submission queue.
    private bool RefuseArm()
    {
        Interlocked.Exchange(ref _armPending, 1);
        if (_handle.IsClosed)
        {
            _refused = new ObjectDisposedException(_handle.GetType().Name, "The handle the stream was started on is closed; its descriptor number may now name another file, so the stream is not re-armed.");
        }
        else if (_pool is { IsDisposed: true })
        {
            _refused = PoolDisposedException();
        }
        else
        {
            return false;
        }

        _armPending = 0;
        return true;
    }

    private static ObjectDisposedException PoolDisposedException() =>
        new(nameof(ProvidedBufferPool), "The buffer pool was disposed while the stream was open; its buffers are no longer given to the kernel.");

    /// <inheritdoc/>
    internal override bool OnCompletion(in CompletionEntry completion)
    {
        bool final = !completion.HasMore;
        int result = completion.Result;
        _pool?.OnCompletion(this, completion.BufferId is not null);

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
                if (result == -(int)Errno.ENOBUFS || ((result > 0 || (result == 0 && !_endsOnZero)) && !CancelRequested))
                {
                    // The kernel stopped (buffers ran out, or it chose to): re-armed once the consumer drained, and
                    // after ENOBUFS once the pool has a buffer again.
                    _needsRearm = true;
                    _starved = result == -(int)Errno.ENOBUFS && _pool is not null;
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
        _armPending = 0;
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
        if (_refused is not null)
        {
            throw _refused;
        }

        if (_outcome == OperationOutcome.Canceled && _poolDisposed && !_token.IsCancellationRequested)
        {
            throw PoolDisposedException();
        }

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
