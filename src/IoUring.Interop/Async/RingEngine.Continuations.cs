using System;
using System.Diagnostics;
using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>Running continuations on the thread pool: finished operations go to a runner (one pool work item that
/// keeps taking them while they come), and requests those continuations submit are handed to the engine without an
/// eventfd write for each.</summary>
/// <remarks>
/// <para>One work item per finished operation cost a pool hand-off per operation, and every request a continuation
/// submitted found the engine asleep and rang its eventfd: at Q = 32 page-cache reads the engine slept and was woken
/// about once per operation (docs/async-design.md, "Continuations"). Now the engine thread collects what a reap
/// finished and publishes it with one compare-exchange; a runner takes the whole list, runs the continuations in
/// completion order, and takes again until nothing is left. A runner is queued only when none is running, the way
/// .NET's SocketAsyncEngine queues one work item for a burst of events.</para>
/// <para>Requests submitted from a runner's continuations wake the engine once per chunk of continuations, not once
/// each; meanwhile the engine, knowing a runner is busy, waits for them awake for a few microseconds
/// (<c>AwaitRunner</c> in RingEngine.Loop.cs) instead of sleeping.</para>
/// <para>Parallelism: a runner keeps at most <see cref="ChunkSize"/> continuations at a time; when more are waiting
/// it queues another runner (up to one per processor), so a burst spreads over pool threads when continuations are
/// slow, and stays on one warm thread when they are quick.</para>
/// <para>A continuation that submits a request and then blocks on it (sync over async) holds its chunk's deferred
/// wake-up back, and the completion it waits for lands behind it, on its own runner. So the engine never sleeps longer
/// than <see cref="DeferredWakeLimit"/> while a runner is queued or running (it then finds the request on its own), and
/// starts another runner when finished operations have waited untaken that long (<c>EnsureRunnerProgress</c>).</para>
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

    // Finished operations no runner has taken yet: a stack pushed by the engine thread (and by a runner handing part
    // of a burst to another), emptied by a runner with one exchange.
    private EngineOperation? _finished;

    // Engine thread only: what the current reaps finished, not yet published (newest first).
    private EngineOperation? _reapedNewest;
    private EngineOperation? _reapedOldest;

    // Runners queued or running.
    private int _runners;

    // Engine thread only: when the oldest untaken finished operation was published.
    private long _waitingSince;

    private long _runnerCount;

    private BatchRunner? _runner;

    private int _engineThreadId;

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
            // Newest first, as the shared stack holds them.
            operation.NextFinished = _reapedNewest;
            _reapedNewest = operation;
            _reapedOldest ??= operation;
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(operation, preferLocal: false);
        }
    }

    /// <summary>Engine thread: publishes what the last reaps finished and makes sure a runner will take it.</summary>
    private void PublishFinished()
    {
        EngineOperation? newest = _reapedNewest;
        if (newest is null)
        {
            return;
        }

        EngineOperation oldest = _reapedOldest!;
        _reapedNewest = null;
        _reapedOldest = null;
        if (PushFinished(newest, oldest))
        {
            _waitingSince = Stopwatch.GetTimestamp();
        }

        // The push above was a full fence; a runner that leaves decrements with one and then looks at the stack
        // again, so either it sees this push or this read sees it gone.
        if (Volatile.Read(ref _runners) == 0)
        {
            StartRunner();
        }
        else
        {
            EnsureRunnerProgress();
        }
    }

    /// <summary>Engine thread: starts one more runner when finished operations have waited untaken longer than
    /// <see cref="DeferredWakeLimit"/>: every runner is stuck in a continuation, which may be blocking on one of these
    /// (sync over async). .NET's SocketAsyncEngine guards against that by always keeping one more work item queued;
    /// here the extra work item is queued only when it is needed.</summary>
    private void EnsureRunnerProgress()
    {
        if (Volatile.Read(ref _finished) is not null && Stopwatch.GetTimestamp() - _waitingSince > DeferredWakeLimitTicks)
        {
            _waitingSince = Stopwatch.GetTimestamp();
            StartRunner();
        }
    }

    // Pushes a chain (newest first, linked by NextFinished, ending at oldest); true when the stack was empty.
    private bool PushFinished(EngineOperation newest, EngineOperation oldest)
    {
        EngineOperation? seen = Volatile.Read(ref _finished);
        while (true)
        {
            oldest.NextFinished = seen;
            EngineOperation? previous = Interlocked.CompareExchange(ref _finished, newest, seen);
            if (previous == seen)
            {
                return seen is null;
            }

            seen = previous;
        }
    }

    private void StartRunner()
    {
        Interlocked.Increment(ref _runners);
        Interlocked.Increment(ref _runnerCount);
        ThreadPool.UnsafeQueueUserWorkItem(Runner, preferLocal: false);
    }

    private static EngineOperation Reverse(EngineOperation head)
    {
        EngineOperation? reversed = null;
        EngineOperation? current = head;
        while (current is not null)
        {
            EngineOperation? next = current.NextFinished;
            current.NextFinished = reversed;
            reversed = current;
            current = next;
        }

        return reversed!;
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
        EngineOperation? operation = null;
        bool counted = true;
        try
        {
            for (int chunks = 0; ; chunks++)
            {
                if (chunks == MaxChunksPerTurn)
                {
                    // Give the pool thread back now and then (other work items wait behind a busy runner); this
                    // runner stays counted and goes on as a new work item.
                    counted = false;
                    ThreadPool.UnsafeQueueUserWorkItem(Runner, preferLocal: false);
                    return;
                }

                EngineOperation? stack = Interlocked.Exchange(ref _finished, null);
                if (stack is null)
                {
                    // Leaving: announce it (a full fence), then look once more, since the engine may have published
                    // after the exchange above while it still counted this runner.
                    Interlocked.Decrement(ref _runners);
                    counted = false;
                    if (Volatile.Read(ref _finished) is null)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _runners);
                    counted = true;
                    continue;
                }

                operation = KeepChunk(Reverse(stack));
                while (operation is not null)
                {
                    // Read the link first: the continuation may reuse the operation for its next request.
                    EngineOperation? next = operation.NextFinished;
                    operation.NextFinished = null;
                    EngineOperation current = operation;
                    operation = next;
                    AfterContinuation.Run(current);
                }

                FlushDeferredWake();
            }
        }
        finally
        {
            if (operation is not null)
            {
                // A continuation threw (the pool reports it): the rest of the chunk runs on another runner.
                PushFinished(Reverse(operation), operation);
                StartRunner();
            }

            if (counted)
            {
                // Only when a continuation threw: every normal way out has already stopped counting this runner.
                Interlocked.Decrement(ref _runners);
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

    // Keeps the first ChunkSize operations of an oldest-first list and hands the rest to another runner.
    private EngineOperation KeepChunk(EngineOperation oldestFirst)
    {
        EngineOperation last = oldestFirst;
        for (int i = 1; i < ChunkSize && last.NextFinished is not null; i++)
        {
            last = last.NextFinished;
        }

        if (last.NextFinished is EngineOperation rest)
        {
            last.NextFinished = null;
            HandOver(rest);
        }

        return oldestFirst;
    }

    // Puts an oldest-first chain back for another runner, queued unless one per processor already runs.
    private void HandOver(EngineOperation oldestFirst)
    {
        PushFinished(Reverse(oldestFirst), oldestFirst);
        if (Volatile.Read(ref _runners) < MaxRunners)
        {
            StartRunner();
        }
    }

    /// <summary>The thread-pool work item that runs continuations (queued again for each runner).</summary>
    private sealed class BatchRunner(RingEngine engine) : IThreadPoolWorkItem
    {
        public void Execute() => engine.RunBatches();
    }
}
