using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Async;

/// <summary>Awaitable io_uring: one ring driven by its own thread, fed from any thread without locks, with each
/// operation a pooled <see cref="ValueTask"/> that owns its buffers and handles until the kernel's completion.</summary>
/// <remarks>
/// <para>Data flows caller → submission queue → kernel → completion queue → engine thread → continuation. By
/// default the engine thread is a reactor (<see cref="ContinuationMode.Reactor"/>): it runs each continuation itself,
/// and an operation started there goes straight into the submission queue, so a chain of awaits stays on one thread;
/// a continuation that blocks is survived by handing the loop to another thread. Other threads hand their requests
/// over through a lock-free queue and wake the engine only when it sleeps.</para>
/// <para>Lifetimes: the typed methods pin each <see cref="Memory{T}"/> and take a reference on each
/// <see cref="System.Runtime.InteropServices.SafeHandle"/> until the final completion; <see cref="SubmitAsync(SubmissionEntry, CancellationToken)"/>
/// leaves that to the caller. Cancellation asks the kernel (ASYNC_CANCEL) and ends the await with
/// <see cref="OperationCanceledException"/> only after the kernel's completion. A ValueTask may be awaited once.</para>
/// <para>Available since Linux 5.19 (COOP_TASKRUN; SINGLE_ISSUER and DEFER_TASKRUN from Linux 6.1 are used when present).</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
public sealed partial class RingEngine : IAsyncDisposable, IDisposable
{
    /// <summary>user_data of requests whose completion nobody waits for (the timers of cancel retries).</summary>
    internal const ulong IgnoredUserData = ulong.MaxValue;

    /// <summary>user_data of the engine's own eventfd read.</summary>
    internal const ulong WakeUserData = ulong.MaxValue - 1;

    private readonly RingEngineOptions _options;
    private readonly Thread _thread;
    private readonly OperationStack _submissions = new();
    private readonly ConcurrentQueue<CancelRequest> _cancels = new();
    private readonly ConcurrentQueue<EngineCommand> _commands = new();
    private readonly ConcurrentQueue<RingOperation> _pool = new();
    private readonly InFlightLimiter _limiter;
    private readonly Lock _tableLock = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SafeFileHandle _wakeup;

    private readonly System.Collections.Generic.Stack<int> _freeIds = new();
    private EngineOperation?[] _table = new EngineOperation?[64];
    private int _tableCount;
    private int _sleeping;
    private volatile bool _disposeRequested;
    private long _submittedCount;
    private long _completionCount;
    private long _enterCount;
    private long _sleepCount;
    private long _wakeupCount;
    private bool _isDefault;

    /// <summary>Creates an engine: sets up its ring on a new thread and starts it.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    /// <param name="options">Ring size, in-flight bound, continuation mode; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="IoUringException">io_uring_setup(2) failed even with the fallback set-ups.</exception>
    public RingEngine(RingEngineOptions? options = null)
    {
        _options = (options ?? new RingEngineOptions()).Validated();
        _limiter = new InFlightLimiter(_options.MaxInFlight);
        _wakeup = EngineWakeup.Create();
        _mode = _options.Continuations;
        _context = new ReactorSynchronizationContext(this);
        _stallTicks = (long)(_options.StallThreshold.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        _thread = new Thread(static state => ((RingEngine)state!).Run())
        {
            IsBackground = true,
            Name = _options.ThreadName ?? "io_uring engine",
        };

        using var started = new ManualResetEventSlim();
        _startedSignal = started;
        _thread.UnsafeStart(this);
        started.Wait();
        _startedSignal = null;
        if (_startError is not null)
        {
            _wakeup.Dispose();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_startError);
        }

        if (_mode == ContinuationMode.Reactor)
        {
            ReactorWatchdog.Add(this);
        }

        RingEngineMetrics.Track(this);
    }

    /// <summary>The first engine of <see cref="RingEngineGroup.Default"/>.</summary>
    /// <remarks>Shared by the whole process and never disposed. Available since Linux 5.19.</remarks>
    public static RingEngine Default => RingEngineGroup.Default.Engines[0];

    /// <summary>Whether the ring runs with SINGLE_ISSUER and DEFER_TASKRUN (false: the COOP_TASKRUN fallback).</summary>
    /// <remarks>Available since Linux 6.1.</remarks>
    public bool UsesDeferTaskRun { get; private set; }

    /// <summary>The engine's options (a copy taken at creation).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public RingEngineOptions Options => _options;

    /// <summary>The engine's counters so far (submissions, completions, system calls, sleeps, wake-ups).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public RingEngineStatistics Statistics => new()
    {
        Submitted = Volatile.Read(ref _submittedCount),
        Completions = Volatile.Read(ref _completionCount),
        Enters = Volatile.Read(ref _enterCount),
        Sleeps = Volatile.Read(ref _sleepCount),
        Wakeups = Volatile.Read(ref _wakeupCount),
        ContinuationRunners = Volatile.Read(ref _runnerCount),
        ReactorHandoffs = Volatile.Read(ref _handoffCount),
        SubmittedByCallers = Volatile.Read(ref _outsideSubmitCount),
        TimeoutRecoveries = Volatile.Read(ref _timeoutRecoveries),
        CancelRetries = Volatile.Read(ref _cancelRetries),
    };

    /// <summary>Engine thread: whether disposal began (in-flight requests are being cancelled).</summary>
    internal bool IsShuttingDown { get; private set; }

    /// <summary>Marks the engines of the shared default group, which callers may not dispose.</summary>
    internal void MarkDefault() => _isDefault = true;

    /// <summary>Cancels every operation in flight in the kernel, waits for all their completions (their awaits end
    /// with <see cref="ObjectDisposedException"/> unless they completed first), unpins, then closes the ring.</summary>
    /// <remarks>Idempotent and safe from any thread. Available since Linux 5.19.</remarks>
    /// <exception cref="InvalidOperationException">The engine belongs to <see cref="RingEngineGroup.Default"/>.</exception>
    public ValueTask DisposeAsync()
    {
        if (_isDefault)
        {
            throw new InvalidOperationException("The default engines are shared by the whole process and cannot be disposed.");
        }

        if (!_disposeRequested)
        {
            _disposeRequested = true;
            Wake();
        }

        return new ValueTask(_stopped.Task);
    }

    /// <summary>Like <see cref="DisposeAsync"/>, blocking until the engine stopped (unless called on the engine's
    /// reactor itself, from a continuation: then it only starts the shutdown).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public void Dispose()
    {
        ValueTask stopping = DisposeAsync();
        if (t_driving != this)
        {
            stopping.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Takes a pooled operation for a new request (creating one when the pool is empty).</summary>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    internal RingOperation Rent(string name, RingOperation.ErrorKind errors, CancellationToken cancellationToken)
    {
        ThrowIfStopped();
        if (!_pool.TryDequeue(out RingOperation? operation))
        {
            operation = new RingOperation(this);
            Register(operation);
        }

        operation.Begin(name, errors, cancellationToken);
        return operation;
    }

    /// <summary>Gives a finished operation back to the pool.</summary>
    internal void ReturnToPool(RingOperation operation) => _pool.Enqueue(operation);

    /// <summary>Adds an operation object to the user_data table, which gives it its <see cref="EngineOperation.Id"/>.</summary>
    internal void Register(EngineOperation operation)
    {
        lock (_tableLock)
        {
            if (_freeIds.TryPop(out int free))
            {
                operation.Id = free;
                Volatile.Write(ref _table[free], operation);
                return;
            }

            int id = _tableCount;
            if (id >= OperationIdLimit)
            {
                throw new InvalidOperationException("The engine's operation table is full.");
            }

            EngineOperation?[] table = _table;
            if (id == table.Length)
            {
                Array.Resize(ref table, table.Length * 2);
            }

            table[id] = operation;
            operation.Id = id;

            // Published before the operation can be queued (the queue push is a full fence), so the engine thread
            // always finds it.
            Volatile.Write(ref _table, table);
            Volatile.Write(ref _tableCount, id + 1);
        }
    }

    /// <summary>Frees the table slot of an operation object that will never be submitted again (a finished stream).</summary>
    internal void Unregister(EngineOperation operation)
    {
        lock (_tableLock)
        {
            Volatile.Write(ref _table[operation.Id], null);
            _freeIds.Push(operation.Id);
        }
    }

    /// <summary>Hands a prepared operation to the engine and returns its awaitable.</summary>
    internal ValueTask<T> Start<T>(RingOperation operation)
    {
        ValueTask<T> task = operation.AsValueTask<T>();
        Launch(operation);
        return task;
    }

    /// <summary>Hands a prepared operation to the engine and returns its awaitable (no result).</summary>
    internal ValueTask Start(RingOperation operation)
    {
        ValueTask task = operation.AsValueTask();
        Launch(operation);
        return task;
    }

    private void Launch(RingOperation operation)
    {
        operation.RegisterCancellation();
        if (_limiter.TryEnter())
        {
            if (!TrySubmitOnDriver(operation) && !TrySubmitFromOutside(operation))
            {
                Enqueue(operation);
            }
        }
        else
        {
            _ = EnqueueWhenAllowed(operation);
        }
    }

    private async Task EnqueueWhenAllowed(EngineOperation operation)
    {
        await _limiter.WaitAsync().ConfigureAwait(false);
        Enqueue(operation);
    }

    /// <summary>Queues an operation that holds an in-flight permit, and wakes the engine if it sleeps.</summary>
    internal void Enqueue(EngineOperation operation)
    {
        if (_submissions.TryPush(operation))
        {
            if (!DeferWake())
            {
                Wake();
            }
        }
        else
        {
            // The engine has stopped: the kernel never saw the request.
            operation.Abort(OperationOutcome.Disposed);
        }
    }

    /// <summary>Takes an in-flight permit for a multishot stream, waiting when the engine is at its bound.</summary>
    internal ValueTask EnterAsync() => _limiter.TryEnter() ? default : new ValueTask(_limiter.WaitAsync());

    /// <summary>Any thread: asks the engine to cancel use <paramref name="sequence"/> of <paramref name="operation"/> in the kernel.</summary>
    internal void RequestCancel(EngineOperation operation, uint sequence)
    {
        _cancels.Enqueue(new CancelRequest(operation, sequence));
        Wake();
    }

    /// <summary>Runs <paramref name="action"/> on the engine thread (registrations must come from the single issuer).</summary>
    internal Task RunOnEngineAsync(Action<Ring> action)
    {
        var command = new EngineCommand(this, action);
        if (TryEnterRing(out bool fromUser))
        {
            try
            {
                command.Run(_ring!);
            }
            finally
            {
                ExitRing(fromUser);
            }

            return command.Completion.Task;
        }

        ThrowIfStopped();
        _commands.Enqueue(command);
        Wake();
        return command.Completion.Task;
    }

    /// <summary>Wakes the engine thread if, and only if, it is asleep (or about to be).</summary>
    /// <remarks>Dekker's handshake: the caller published its work with a full fence (the queue's interlocked push)
    /// before reading the flag here; the engine sets the flag with a full fence before its last look at the queues.
    /// At least one side sees the other, so no work is stranded while the engine sleeps.</remarks>
    private void Wake()
    {
        if (Volatile.Read(ref _sleeping) != 0 && Interlocked.Exchange(ref _sleeping, 0) != 0)
        {
            Interlocked.Increment(ref _wakeupCount);
            EngineWakeup.Ring(_wakeup);
        }
    }

    /// <summary>A cancel request for one use of an operation.</summary>
    private readonly record struct CancelRequest(EngineOperation Operation, uint Sequence);

    /// <summary>Work that must run on the engine thread.</summary>
    private sealed class EngineCommand(RingEngine engine, Action<Ring> action)
    {
        internal TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal void Run(Ring ring)
        {
            try
            {
                action(ring);
                Completion.TrySetResult();
            }
            catch (Exception exception)
            {
                Completion.TrySetException(exception);
            }
        }

        // With the fault, if the engine stopped on one, as the inner exception.
        internal void Fail() => Completion.TrySetException(engine.StoppedException("The engine stopped before running the command."));
    }
}
