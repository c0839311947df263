using System;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace IoUring.Interop.Async;

// The reactor: the thread that drives the ring also runs the code that follows each completion, and an operation that
// code starts goes straight into the submission queue (docs/async-design.md, "Reactors").
//
// Driving the ring is a token: exactly one thread holds it and runs the loop. The token is one int, the generation of
// the holder in the high bits and its state in the low three: in the loop (touching the ring), in user code (a
// continuation or posted work), stolen, asleep in io_uring_enter, or lent to another thread for one submission
// (RingEngine.Outside.cs). The holder moves loop → user with a plain store and user → loop with a
// compare-exchange; the watchdog (ReactorWatchdog.cs) may move user → stolen with a compare-exchange when the holder
// has been in one piece of user code for longer than the stall threshold, and hands the loop to a standby thread
// (ReactorThreads.cs) with the next generation. The holder's compare-exchange then fails: it never touches the ring
// again and, once its user code returns, becomes a standby thread itself. This is Go's hand-off of a P whose M blocks,
// moved from goroutines to rings: the ring is never shared by two threads at once, and user code never runs while the
// loop is waited for.
//
// The kernel side of a hand-off: a Reactor ring has no SINGLE_ISSUER (a second thread could not submit) and no
// DEFER_TASKRUN (completions would wait for the blocked thread to enter io_uring_enter). It has COOP_TASKRUN: the
// task work that posts a completion is queued to the thread that submitted the request with TWA_SIGNAL_NO_IPI, which
// wakes that thread from an interruptible sleep (nanosleep, a futex wait, a blocking read) at once and otherwise runs
// on its next return from the kernel, a scheduler tick at the latest for a thread computing in user space
// (task_work_add, __set_notify_signal). What COOP saves is the interrupt (an IPI) per completion that arrives while
// the driver runs user code: measured at a third of the transport's CPU per request (docs/async-design.md).
public sealed partial class RingEngine
{
    private const int DriveLoop = 0;
    private const int DriveUser = 1;
    private const int DriveStolen = 2;

    // Waiting in io_uring_enter with nothing to run: another thread may borrow the ring to submit (RingEngine.Outside.cs).
    private const int DriveSleep = 3;
    private const int DriveBorrowed = 4;
    private const int DriveStateBits = 3;
    private const int DriveStateMask = (1 << DriveStateBits) - 1;

    /// <summary>How many continuations and posted items the loop runs before it submits and reaps again.</summary>
    private const int UserWorkBudget = 512;

    [ThreadStatic]
    private static RingEngine? t_driving;

    [ThreadStatic]
    private static int t_generation;

    private readonly ContinuationMode _mode;
    private readonly ConcurrentQueue<PostedWork> _posted = new();
    private readonly ReactorSynchronizationContext _context;
    private readonly long _stallTicks;

    // Generation << DriveStateBits | state (see above).
    private int _drive;

    // Bumped by the driver each time it starts a piece of user code: the watchdog's measure of progress.
    private int _userRuns;

    // The thread that holds the token (0 between a steal and the new driver's start).
    private volatile int _driverThreadId;

    private long _handoffCount;

    // An error from submitting straight from user code (MakeRoom's enter), rethrown by the loop, which faults the engine.
    private Exception? _directSubmitFault;

    // Watchdog thread only: what it last saw of this engine.
    private int _watchedDrive = -1;
    private int _watchedRuns;
    private long _watchedSince;

    /// <summary>The engine whose reactor the calling thread is running now (in a continuation or in work given to
    /// <see cref="RunAsync(Func{Task})"/>), or null.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public static RingEngine? Current => t_driving is { } engine && engine.HoldsToken() ? engine : null;

    /// <summary>Where this engine runs continuations.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public ContinuationMode Continuations => _mode;

    /// <summary>Whether continuations run on the engine's thread (reactor or inline), not on the thread pool.</summary>
    private bool RunsUserWork => _mode != ContinuationMode.ThreadPool;

    /// <summary>Whether the calling thread drives the ring now (both checks: a thread that lost the loop still has
    /// <see cref="t_driving"/> set until its user code returns, and a managed thread id is reused once its thread
    /// exits).</summary>
    private bool OnDriverThread => t_driving == this && Environment.CurrentManagedThreadId == _driverThreadId;

    /// <summary>Runs <paramref name="work"/> on this engine's reactor (its thread, with a synchronization context that
    /// brings every await back to it), and completes with its task. With <see cref="ContinuationMode.ThreadPool"/> it
    /// runs on the thread pool.</summary>
    /// <remarks>Operations <paramref name="work"/> starts go straight into the ring, and their continuations run on the
    /// reactor: a whole request loop stays on one core. Code that blocks is allowed (the loop moves to another thread
    /// after <see cref="RingEngineOptions.StallThreshold"/>), but costs a thread switch. Available since Linux 5.19.</remarks>
    /// <param name="work">The code to run.</param>
    /// <returns>A task that ends as <paramref name="work"/>'s task ends (its continuations run off the reactor).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    public Task RunAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(async () =>
        {
            await work();
            return true;
        });
    }

    /// <summary>Like <see cref="RunAsync(Func{Task})"/>, with a result.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    /// <param name="work">The code to run.</param>
    /// <returns>A task with <paramref name="work"/>'s result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    public Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfStopped();
        if (!RunsUserWork)
        {
            return Task.Run(work);
        }

        var run = new PostedRun<T>(work);
        Post(PostedRun<T>.Start, run);
        return run.Task;
    }

    /// <summary>Any thread: queues <paramref name="callback"/> to run on the reactor (the loop's next turn), waking it
    /// if it sleeps. Work left when the engine stops runs on the thread pool.</summary>
    internal void Post(SendOrPostCallback callback, object? state)
    {
        _posted.Enqueue(new PostedWork(callback, state));

        // The enqueue was a full fence; the engine sets the flag with one before its last look at the queue, so either
        // it takes this item or this sees the flag (an await that captured the reactor's context and resumes after the
        // engine was disposed must still resume).
        if (Volatile.Read(ref _userWorkClosed) != 0)
        {
            DrainUserWorkToPool();
        }
        else if (!OnDriverThread)
        {
            Wake();
        }
    }

    /// <summary>The awaiter's flags for an operation of this engine: an await on the reactor's own context drops the
    /// context, since the completion runs on the reactor anyway (a post would cost a queue trip and an allocation).</summary>
    internal ValueTaskSourceOnCompletedFlags WithoutOwnContext(ValueTaskSourceOnCompletedFlags flags) =>
        (flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0
        && SynchronizationContext.Current is ReactorSynchronizationContext context && context.Engine == this
            ? flags & ~ValueTaskSourceOnCompletedFlags.UseSchedulingContext
            : flags;

    /// <summary>Whether the calling thread holds this engine's token (in the loop or in user code).</summary>
    private bool HoldsToken()
    {
        int drive = Volatile.Read(ref _drive);
        return drive >> DriveStateBits == t_generation && (drive & DriveStateMask) != DriveStolen;
    }

    /// <summary>The calling thread takes the ring for a moment if it drives this engine: from user code (a compare-
    /// exchange the watchdog cannot race), or from the loop itself. False: go through the cross-thread queue.</summary>
    private bool TryEnterRing(out bool fromUser)
    {
        fromUser = false;
        if (t_driving != this)
        {
            return false;
        }

        int generation = t_generation << DriveStateBits;
        int drive = Volatile.Read(ref _drive);
        if (drive == (generation | DriveLoop))
        {
            return true;
        }

        if (drive == (generation | DriveUser)
            && Interlocked.CompareExchange(ref _drive, generation | DriveLoop, drive) == drive)
        {
            fromUser = true;
            return true;
        }

        return false;
    }

    private void ExitRing(bool fromUser)
    {
        if (fromUser)
        {
            Volatile.Write(ref _drive, (t_generation << DriveStateBits) | DriveUser);
        }
    }

    /// <summary>Submits <paramref name="operation"/> straight into the submission queue when the caller drives the ring
    /// (no hand-off, no wake-up: the loop submits it when the caller's user code returns).</summary>
    private bool TrySubmitOnDriver(EngineOperation operation)
    {
        if (!TryEnterRing(out bool fromUser))
        {
            return false;
        }

        try
        {
            Submit(_ring!, operation);
        }
        catch (Exception exception)
        {
            // MakeRoom's enter failed: the ring is broken. The loop faults the engine, which ends this operation too.
            _directSubmitFault ??= exception;
        }
        finally
        {
            ExitRing(fromUser);
        }

        return true;
    }

    /// <summary>Driver: runs the continuations of finished operations and posted work, each as user code that the
    /// watchdog may take the loop from. <paramref name="lost"/>: the token was taken; leave the loop at once.</summary>
    private bool RunUserWork(out bool lost)
    {
        lost = false;
        int generation = t_generation << DriveStateBits;
        int inUser = generation | DriveUser;
        int inLoop = generation | DriveLoop;
        bool any = false;
        for (int budget = UserWorkBudget; budget > 0; budget--)
        {
            bool isOperation = _finished.TryDequeue(out EngineOperation? operation);
            PostedWork work = default;
            if (!isOperation && !_posted.TryDequeue(out work))
            {
                break;
            }

            any = true;
            Volatile.Write(ref _userRuns, _userRuns + 1);
            Volatile.Write(ref _drive, inUser);
            try
            {
                if (isOperation)
                {
                    AfterContinuation.Run(operation!);
                }
                else
                {
                    work.Callback(work.State);
                }
            }
            catch (Exception exception)
            {
                // As on the thread pool: an exception nobody caught ends the process, but not on the reactor, whose
                // other work must not be lost with it.
                ExceptionDispatchInfo captured = ExceptionDispatchInfo.Capture(exception);
                ThreadPool.UnsafeQueueUserWorkItem(static state => ((ExceptionDispatchInfo)state!).Throw(), captured);
            }

            if (Interlocked.CompareExchange(ref _drive, inLoop, inUser) != inUser)
            {
                lost = true;
                return true;
            }
        }

        if (_directSubmitFault is { } fault)
        {
            _directSubmitFault = null;
            ExceptionDispatchInfo.Throw(fault);
        }

        return any;
    }

    /// <summary>Runs the loop on the calling thread until the engine stops (true) or the watchdog hands the loop to
    /// another thread (false).</summary>
    internal bool Drive(int generation)
    {
        t_driving = this;
        t_generation = generation;
        _driverThreadId = Environment.CurrentManagedThreadId;
        Volatile.Write(ref _drive, generation << DriveStateBits | DriveLoop);
        SynchronizationContext? previous = SynchronizationContext.Current;
        if (_mode == ContinuationMode.Reactor)
        {
            SynchronizationContext.SetSynchronizationContext(_context);
        }

        try
        {
            try
            {
                if (!Loop(_ring!))
                {
                    return false;
                }
            }
            catch (Exception exception)
            {
                // An escaping exception would end the process; the engine fails instead (docs/async.md, "When the engine faults").
                FailInFlight(exception);
            }

            Teardown(_ring);
            return true;
        }
        finally
        {
            t_driving = null;
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Watchdog thread: takes the loop from a driver that has been in one piece of user code for longer than
    /// the stall threshold, and gives it to a standby thread.</summary>
    internal void CheckStall(long now)
    {
        int drive = Volatile.Read(ref _drive);
        int runs = Volatile.Read(ref _userRuns);
        if ((drive & DriveStateMask) != DriveUser || drive != _watchedDrive || runs != _watchedRuns)
        {
            _watchedDrive = drive;
            _watchedRuns = runs;
            _watchedSince = now;
            return;
        }

        if (now - _watchedSince < _stallTicks)
        {
            return;
        }

        int next = (drive >> DriveStateBits) + 1;
        if (Interlocked.CompareExchange(ref _drive, next << DriveStateBits | DriveStolen, drive) != drive)
        {
            return;
        }

        _driverThreadId = 0;
        _watchedDrive = -1;
        Interlocked.Increment(ref _handoffCount);
        ReactorThreads.Drive(this, next);
    }

    /// <summary>Whether the driver is waiting in the kernel with nothing to run (the watchdog may tick slower).</summary>
    internal bool IsIdle => Volatile.Read(ref _sleeping) != 0;

    // 1 once the engine stopped running user work: posts go to the thread pool.
    private int _userWorkClosed;

    // Engine stopped: what is still queued for the reactor runs on the thread pool, never lost.
    private void CloseUserWork()
    {
        Interlocked.Exchange(ref _userWorkClosed, 1);
        DrainUserWorkToPool();
    }

    private void DrainUserWorkToPool()
    {
        while (_finished.TryDequeue(out EngineOperation? operation))
        {
            ThreadPool.UnsafeQueueUserWorkItem(operation, preferLocal: false);
        }

        while (_posted.TryDequeue(out PostedWork work))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => ((PostedWorkItem)state!).Run(), new PostedWorkItem(work));
        }
    }

    private readonly record struct PostedWork(SendOrPostCallback Callback, object? State);

    private sealed class PostedWorkItem(PostedWork work)
    {
        internal void Run() => work.Callback(work.State);
    }

    /// <summary>Work given to <see cref="RunAsync{T}(Func{Task{T}})"/> (and, with a dummy result, to
    /// <see cref="RunAsync(Func{Task})"/>), with the task that reports its end.</summary>
    private sealed class PostedRun<T>(Func<Task<T>> work)
    {
        internal static readonly SendOrPostCallback Start = static state => ((PostedRun<T>)state!).Run();

        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Task<T> Task => _done.Task;

        private async void Run()
        {
            try
            {
                _done.TrySetResult(await work());
            }
            catch (OperationCanceledException canceled)
            {
                _done.TrySetCanceled(canceled.CancellationToken);
            }
            catch (Exception exception)
            {
                _done.TrySetException(exception);
            }
        }
    }
}
