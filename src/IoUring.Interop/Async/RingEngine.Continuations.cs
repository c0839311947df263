using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace IoUring.Interop.Async;

// Running continuations on the thread pool: finished operations go to a runner (one pool work item that
// keeps taking them while they come), and requests those continuations submit are handed to the engine without an
// eventfd write for each.
//
// One work item per finished operation cost a pool hand-off per operation, and every request a continuation
// submitted found the engine asleep and rang its eventfd: at Q = 32 page-cache reads the engine slept and was woken
// about once per operation (docs/async-design.md, "Continuations"). Now finished operations go into one FIFO queue
// per engine, and a runner takes them in completion order until the queue is empty. The engine queues a runner
// only when none is queued and not yet started, the rule of .NET's SocketAsyncEngine: a burst of completions costs
// one or two work items, and a runner busy or blocked in a continuation never keeps later completions waiting.
//
// Requests submitted from a runner's continuations wake the engine once per chunk of ChunkSize
// continuations, not once each; meanwhile the engine, knowing a runner is busy, waits for them awake for a few
// microseconds (AwaitRunner in RingEngine.Loop.cs) instead of sleeping.
//
// Parallelism: after each chunk, a runner that still sees more than a chunk waiting requests another runner,
// so a backlog spreads over pool threads when continuations are slow. The queue is first in, first out for every
// runner, so no completion waits behind later ones.
//
// A continuation that submits a request and then blocks on it (sync over async) holds its chunk's deferred
// wake-up back; the engine therefore never sleeps longer than DeferredWakeLimit while a runner is
// queued or running, and then finds the request on its own. A completion already queued behind a blocked
// continuation gets another runner when no runner has started a chunk for that long (EnsureRunnerProgress).
public sealed partial class RingEngine
{
    /// <summary>The most continuations a runner takes at once; beyond it another runner is queued.</summary>
    internal const int ChunkSize = 32;

    /// <summary>How long the engine sleeps at most while a runner may hold back a wake-up.</summary>
    private static readonly TimeSpan DeferredWakeLimit = TimeSpan.FromMilliseconds(0.5);

    private static readonly long DeferredWakeLimitTicks = (long)(DeferredWakeLimit.TotalSeconds * Stopwatch.Frequency);

    // Declared here, after the limit it uses (static initializers run in text order only within one file).
    private static readonly SubmitArgs BoundedSleep = new SubmitArgs().WithTimeout(DeferredWakeLimit);

    // Chunks a runner runs before it re-queues itself.
    private const int MaxChunksPerTurn = 64;

    [ThreadStatic]
    private static RingEngine? t_runnerOf;

    [ThreadStatic]
    private static bool t_wakeDeferred;

    // Finished operations whose continuations have not run yet, oldest first (taken by the runners, or by the reactor). A single segment, once grown to the deepest
    // backlog, is reused as a ring: nothing is allocated per operation.
    private readonly ConcurrentQueue<EngineOperation> _finished = new();

    // Runners queued or running (while any is, the engine expects requests soon, and bounds its sleep).
    private int _runners;

    // 1 while a runner is queued and has not started: the engine queues another only when this is 0, so a runner
    // that is busy or blocked in a continuation never keeps new completions waiting (SocketAsyncEngine's rule).
    private int _runnerRequested;

    // Chunks runners have started (their progress, as the engine sees it).
    private int _chunksStarted;

    // Engine thread only: the progress last seen, and when.
    private int _chunksSeen;
    private long _progressSeenAt;

    private long _runnerCount;

    private BatchRunner? _runner;

    // Engine thread only: whether operations were queued since PublishFinished last looked.
    private bool _finishedSinceRunnerCheck;

    private BatchRunner Runner => _runner ??= new BatchRunner(this);

    /// <summary>Whether a runner is queued or running (it may hold back a wake-up, and will soon submit more).</summary>
    private bool RunnersActive => Volatile.Read(ref _runners) != 0;

    /// <summary>Hands a finished operation's continuation over: on the engine thread, to the reactor's run queue
    /// (reactor and inline modes) or the runners' queue (thread-pool mode); from any other thread (an operation that
    /// never reached the engine, a stream cancelled by its token), straight to the thread pool.</summary>
    internal void Continue(EngineOperation operation)
    {
        if (!OnDriverThread)
        {
            ThreadPool.UnsafeQueueUserWorkItem(operation, preferLocal: false);
        }
        else if (RunsUserWork)
        {
            _finished.Enqueue(operation);
        }
        else
        {
            _finished.Enqueue(operation);
            _finishedSinceRunnerCheck = true;
        }
    }

    /// <summary>Engine thread: makes sure a runner will take what the last reaps finished.</summary>
    private void PublishFinished()
    {
        if (!_finishedSinceRunnerCheck)
        {
            return;
        }

        _finishedSinceRunnerCheck = false;

        // The enqueues were full fences; a runner clears the flag with one before it dequeues, so either it takes
        // these or this sees the flag clear and queues a runner.
        RequestRunner();
        EnsureRunnerProgress();
    }

    // Queues a runner unless one is already queued and not yet started.
    private void RequestRunner()
    {
        if (Volatile.Read(ref _runnerRequested) == 0 && Interlocked.Exchange(ref _runnerRequested, 1) == 0)
        {
            StartRunner();
        }
    }

    /// <summary>Engine thread: starts one more runner when finished operations wait and no runner has started a chunk
    /// for <see cref="DeferredWakeLimit"/>: a runner is stuck in a continuation that may be blocking on one of the
    /// operations queued behind it in the same batch (sync over async). .NET's SocketAsyncEngine guards against that
    /// by queueing a second work item whenever a first one starts with more events waiting; here the extra work item
    /// is queued only when it is needed.</summary>
    private void EnsureRunnerProgress()
    {
        if (_finished.IsEmpty)
        {
            return;
        }

        int chunks = Volatile.Read(ref _chunksStarted);
        long now = Stopwatch.GetTimestamp();
        if (chunks != _chunksSeen)
        {
            _chunksSeen = chunks;
            _progressSeenAt = now;
        }
        else if (now - _progressSeenAt > DeferredWakeLimitTicks)
        {
            _progressSeenAt = now;
            StartRunner();
        }
    }

    private void StartRunner()
    {
        Interlocked.Increment(ref _runners);
        Interlocked.Increment(ref _runnerCount);
        ThreadPool.UnsafeQueueUserWorkItem(Runner, preferLocal: false);
    }

    /// <summary>Runs <paramref name="action"/> right after the engine continuation running on this thread returns,
    /// before the engine's next one, when the caller is such a continuation (on the thread pool, or on the engine
    /// thread with <see cref="RingEngineOptions.InlineContinuations"/>); otherwise does nothing and returns false.</summary>
    /// <remarks>For coalescing: a pipe reader that a continuation's writes would wake several times (a send loop, woken
    /// by each response of a pipelined batch) is scheduled here and runs once, after the last write, so one send
    /// carries the whole batch; a <c>System.IO.Pipelines.PipeScheduler</c> that calls this and runs the action inline
    /// when it returns false is how the ASP.NET Core transport uses it. Nothing is allocated per call.
    /// Available since Linux 5.19.</remarks>
    /// <param name="action">What to run.</param>
    /// <param name="state">Its argument.</param>
    /// <returns>Whether the action was queued (false: the caller is not running an engine continuation).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
    public static bool TryRunAfterCurrentContinuation(Action<object?> action, object? state)
    {
        ArgumentNullException.ThrowIfNull(action);
        return AfterContinuation.TryQueue(action, state);
    }

    /// <summary>Whether the wake-up for a request just queued may wait for the end of the running chunk.</summary>
    private bool DeferWake()
    {
        if (t_runnerOf != this)
        {
            return false;
        }

        t_wakeDeferred = true;
        return true;
    }

    private void RunBatches()
    {
        // Cleared before the first dequeue (a full fence): whatever the engine queues from now on requests a new
        // runner, so nothing waits behind this one if a continuation blocks.
        Interlocked.Exchange(ref _runnerRequested, 0);
        RingEngine? outer = t_runnerOf;
        bool outerDeferred = t_wakeDeferred;
        t_runnerOf = this;
        t_wakeDeferred = false;
        bool requeued = false;
        try
        {
            Interlocked.Increment(ref _chunksStarted);
            int inChunk = 0;
            int chunks = 0;
            while (_finished.TryDequeue(out EngineOperation? operation))
            {
                AfterContinuation.Run(operation);
                if (++inChunk < ChunkSize)
                {
                    continue;
                }

                inChunk = 0;
                FlushDeferredWake();
                Interlocked.Increment(ref _chunksStarted);
                if (++chunks == MaxChunksPerTurn)
                {
                    // Give the pool thread back now and then (other work items wait behind a busy runner); this
                    // runner stays counted and goes on as a new work item.
                    requeued = true;
                    ThreadPool.UnsafeQueueUserWorkItem(Runner, preferLocal: false);
                    return;
                }

                if (_finished.Count > ChunkSize)
                {
                    // A backlog: let another pool thread share it.
                    RequestRunner();
                }
            }
        }
        finally
        {
            FlushDeferredWake();
            t_runnerOf = outer;
            t_wakeDeferred = outerDeferred;
            if (!requeued)
            {
                Interlocked.Decrement(ref _runners);

                // Normally empty; after a continuation threw (the pool reports it), the rest needs a runner.
                if (!_finished.IsEmpty)
                {
                    RequestRunner();
                }
            }
        }
    }

    private void FlushDeferredWake()
    {
        if (t_wakeDeferred)
        {
            t_wakeDeferred = false;
            Wake();
        }
    }

    /// <summary>The thread-pool work item that runs continuations (queued again for each runner).</summary>
    private sealed class BatchRunner(RingEngine engine) : IThreadPoolWorkItem
    {
        public void Execute() => engine.RunBatches();
    }
}
