using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>Running continuations on the thread pool: finished operations go to a runner (one pool work item that
/// keeps taking them while they come), and requests those continuations submit are handed to the engine without an
/// eventfd write for each.</summary>
/// <remarks>
/// <para>One work item per finished operation cost a pool hand-off per operation, and every request a continuation
/// submitted found the engine asleep and rang its eventfd: at Q = 32 page-cache reads the engine slept and was woken
/// about once per operation (docs/async-design.md, "Continuations"). Now finished operations go into one FIFO queue
/// per engine, and a runner takes them in completion order until the queue is empty. A runner is queued only when
/// none is running, the way .NET's SocketAsyncEngine queues one work item for a burst of events.</para>
/// <para>Requests submitted from a runner's continuations wake the engine once per chunk of <see cref="ChunkSize"/>
/// continuations, not once each; meanwhile the engine, knowing a runner is busy, waits for them awake for a few
/// microseconds (<c>AwaitRunner</c> in RingEngine.Loop.cs) instead of sleeping.</para>
/// <para>Parallelism: after each chunk, a runner that still sees more than a chunk waiting queues another runner (up
/// to one per processor), so a backlog spreads over pool threads when continuations are slow, and stays on one warm
/// thread when they are quick. The queue is first in, first out for every runner, so no completion waits behind
/// later ones (a stack handed back in parts let some wait hundreds of milliseconds under load).</para>
/// <para>A continuation that submits a request and then blocks on it (sync over async) holds its chunk's deferred
/// wake-up back, and the completion it waits for lands behind it, on its own runner. So the engine never sleeps longer
/// than <see cref="DeferredWakeLimit"/> while a runner is queued or running (it then finds the request on its own), and
/// starts another runner when no runner has taken anything for that long while the queue is not empty
/// (<c>EnsureRunnerProgress</c>).</para>
/// </remarks>
public sealed partial class RingEngine
{
    /// <summary>The most continuations a runner takes at once; beyond it another runner is queued.</summary>
    internal const int ChunkSize = 32;

    /// <summary>How long the engine sleeps at most while a runner may hold back a wake-up.</summary>
    private static readonly TimeSpan DeferredWakeLimit = TimeSpan.FromMilliseconds(0.5);

    private static readonly long DeferredWakeLimitTicks = (long)(DeferredWakeLimit.TotalSeconds * Stopwatch.Frequency);

    // Declared here, after the limit it uses (static initializers run in text order only within one file).
    private static readonly SubmitArgs BoundedSleep = new SubmitArgs().WithTimeout(DeferredWakeLimit);

    private static readonly int MaxRunners = Math.Max(1, Environment.ProcessorCount);

    // Chunks a runner runs before it re-queues itself.
    private const int MaxChunksPerTurn = 64;

    [ThreadStatic]
    private static RingEngine? t_runnerOf;

    [ThreadStatic]
    private static bool t_wakeDeferred;

    // Finished operations no runner has taken yet, oldest first. A single segment, once grown to the deepest
    // backlog, is reused as a ring: nothing is allocated per operation.
    private readonly ConcurrentQueue<EngineOperation> _finished = new();

    // Runners queued or running.
    private int _runners;

    // Chunks runners have started (their progress, as the engine sees it).
    private int _chunksStarted;

    // Engine thread only: the progress last seen, and when.
    private int _chunksSeen;
    private long _progressSeenAt;

    private long _runnerCount;

    private BatchRunner? _runner;

    private int _engineThreadId;

    // Engine thread only: whether operations were queued since PublishFinished last looked.
    private bool _finishedSinceRunnerCheck;

    private BatchRunner Runner => _runner ??= new BatchRunner(this);

    /// <summary>Whether a runner is queued or running (it may hold back a wake-up, and will soon submit more).</summary>
    private bool RunnersActive => Volatile.Read(ref _runners) != 0;

    /// <summary>Hands a finished operation's continuation over: inline on the engine thread when so configured,
    /// into the engine's next published list when called on the engine thread, else straight to the thread pool (an
    /// operation that never reached the engine, a stream cancelled by its token).</summary>
    internal void Continue(EngineOperation operation)
    {
        if (InlineContinuations)
        {
            AfterContinuation.Run(operation);
        }
        else if (Environment.CurrentManagedThreadId == _engineThreadId)
        {
            _finished.Enqueue(operation);
            _finishedSinceRunnerCheck = true;
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(operation, preferLocal: false);
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

        // The enqueues were full fences; a runner that leaves decrements with one and then looks at the queue again,
        // so either it sees them or this read sees it gone.
        if (Volatile.Read(ref _runners) == 0)
        {
            StartRunner();
        }
        else
        {
            EnsureRunnerProgress();
        }
    }

    /// <summary>Engine thread: starts one more runner when finished operations wait and no runner has started a chunk
    /// for <see cref="DeferredWakeLimit"/>: every runner is stuck in a continuation, which may be blocking on one of
    /// these (sync over async). .NET's SocketAsyncEngine guards against that by always keeping one more work item
    /// queued; here the extra work item is queued only when it is needed.</summary>
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
        RingEngine? outer = t_runnerOf;
        bool outerDeferred = t_wakeDeferred;
        t_runnerOf = this;
        t_wakeDeferred = false;
        bool counted = true;
        try
        {
            Interlocked.Increment(ref _chunksStarted);
            int inChunk = 0;
            int chunks = 0;
            while (true)
            {
                if (!_finished.TryDequeue(out EngineOperation? operation))
                {
                    FlushDeferredWake();

                    // Leaving: announce it (a full fence), then look once more, since the engine may have enqueued
                    // after the attempt above while it still counted this runner.
                    Interlocked.Decrement(ref _runners);
                    counted = false;
                    if (_finished.IsEmpty)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _runners);
                    counted = true;
                    continue;
                }

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
                    counted = false;
                    ThreadPool.UnsafeQueueUserWorkItem(Runner, preferLocal: false);
                    return;
                }

                if (_finished.Count > ChunkSize && Volatile.Read(ref _runners) < MaxRunners)
                {
                    StartRunner();
                }
            }
        }
        finally
        {
            if (counted)
            {
                // Only when a continuation threw (the pool reports it): what is still queued needs a runner.
                Interlocked.Decrement(ref _runners);
                if (!_finished.IsEmpty)
                {
                    StartRunner();
                }
            }

            FlushDeferredWake();
            t_runnerOf = outer;
            t_wakeDeferred = outerDeferred;
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
