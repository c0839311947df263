using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.Async;

/// <summary>The engine thread: set-up, the submit/reap loop, sleeping and waking, and shutdown.</summary>
public sealed unsafe partial class RingEngine
{
    private const int CompletionBatch = 256;

    private readonly CompletionEntry[] _completions = new CompletionEntry[CompletionBatch];

    // Pinned: the kernel writes the eventfd counter here when the wake read completes.
    private readonly ulong[] _wakeCounter = GC.AllocateArray<ulong>(1, pinned: true);

    private ManualResetEventSlim? _startedSignal;
    private Exception? _startError;
    private Ring? _ring;
    private int _inKernel;
    private bool _wakeArmed;

    private void Run()
    {
        try
        {
            // SINGLE_ISSUER (inline and thread-pool modes) binds the ring to the task that creates it: this thread.
            _ring = CreateRing();
        }
        catch (Exception exception)
        {
            _startError = exception;
            _startedSignal!.Set();
            return;
        }

        _startedSignal!.Set();
        if (!Drive(generation: 0))
        {
            // The watchdog gave the loop to another thread while this one was stuck in user code.
            ReactorThreads.BecomeStandby();
        }
    }

    private Ring CreateRing()
    {
        int entries = _options.Entries;
        int cqEntries = CompletionQueueSize(entries, _options.MaxInFlight);
        if (_mode == ContinuationMode.Reactor)
        {
            // Any thread may have to drive this ring: no SINGLE_ISSUER, no DEFER_TASKRUN. COOP_TASKRUN spares the
            // driver an interrupt per completion that arrives while it runs user code (the work waits for its next
            // enter, which TASKRUN_FLAG asks for); a submitter that blocked still gets its task work run
            // (RingEngine.Reactor.cs, "The kernel side").
            try
            {
                return Ring.Builder().SetupCoopTaskRun().SetupTaskRunFlag().SetupSubmitAll()
                    .SetupCqSize(cqEntries).SetupClamp().Build(entries);
            }
            catch (IoUringException exception) when (exception.Error == Errno.EINVAL)
            {
                // Before Linux 5.19.
                return Ring.Builder().SetupSubmitAll().SetupCqSize(cqEntries).SetupClamp().Build(entries);
            }
        }

        if (_options.UseDeferTaskRun)
        {
            try
            {
                // DEFER_TASKRUN: completion work runs only when this thread enters to wait, never interrupting it;
                // TASKRUN_FLAG tells it when such work is pending without a system call.
                Ring ring = Ring.Builder().SetupSingleIssuer().SetupDeferTaskRun().SetupTaskRunFlag()
                    .SetupSubmitAll().SetupCqSize(cqEntries).SetupClamp().Build(entries);
                UsesDeferTaskRun = true;
                return ring;
            }
            catch (IoUringException exception) when (exception.Error == Errno.EINVAL)
            {
                // Before Linux 6.1: fall back.
            }
        }

        try
        {
            return Ring.Builder().SetupCoopTaskRun().SetupTaskRunFlag().SetupSubmitAll()
                .SetupCqSize(cqEntries).SetupClamp().Build(entries);
        }
        catch (IoUringException exception) when (exception.Error == Errno.EINVAL)
        {
            // Before Linux 5.19.
            return Ring.Builder().SetupCqSize(cqEntries).SetupClamp().Build(entries);
        }
    }

    /// <summary>Room for every permitted operation plus a full submission queue of internal requests, so the
    /// completion queue overflows only under multishot bursts (NODROP keeps those in the kernel until flushed).</summary>
    internal static int CompletionQueueSize(int entries, int maxInFlight)
    {
        ulong wanted = Math.Max(2UL * (ulong)entries, (ulong)maxInFlight + (ulong)entries);
        return (int)Math.Min(65536UL, System.Numerics.BitOperations.RoundUpToPowerOf2(wanted));
    }

    // Returns true when the engine stopped, false when the loop was handed to another thread (leave at once: the ring
    // is no longer this thread's to touch).
    private bool Loop(Ring ring)
    {
        SubmissionQueue sq = ring.SubmissionQueue;
        bool flushDeferred = false;
        while (true)
        {
            bool progress = DrainSubmissions(ring);
            progress |= DrainCancels(ring);
            progress |= DrainCommands(ring);
            if (_disposeRequested && !IsShuttingDown)
            {
                BeginShutdown(ring);
                progress = true;
            }

            // Entries the reactor's continuations wrote, when nothing else came in: left for one turn, so that if the
            // loop then finds nothing to do, its sleep submits them and waits in the same io_uring_enter (one system
            // call per round trip fewer for a lone connection); never left for longer than that one turn.
            if (RunsUserWork && !progress && !flushDeferred && !sq.TaskRun && !sq.CqOverflow && sq.Count > 0)
            {
                flushDeferred = true;
            }
            else
            {
                flushDeferred = false;
                progress |= Flush(ring);
            }

            progress |= Reap(ring);
            if (IsShuttingDown && _inKernel == 0 && !_wakeArmed && sq.Count == 0)
            {
                return true;
            }

            if (RunsUserWork)
            {
                progress |= RunUserWork(out bool lost);
                if (lost)
                {
                    return false;
                }
            }
            else
            {
                PublishFinished();
            }

            if (!progress)
            {
                Sleep(ring);
            }
        }
    }

    private bool DrainSubmissions(Ring ring)
    {
        EngineOperation? operation = _submissions.TakeAll();
        if (operation is null)
        {
            return false;
        }

        while (operation is not null)
        {
            EngineOperation? next = operation.Next;
            operation.Next = null;
            Submit(ring, operation);
            operation = next;
        }

        return true;
    }

    private void Submit(Ring ring, EngineOperation operation)
    {
        if (IsShuttingDown)
        {
            operation.Abort(OperationOutcome.Disposed);
            return;
        }

        if (operation.CancelRequested)
        {
            // Cancelled before submission: the kernel never sees it.
            operation.Abort(OperationOutcome.Canceled);
            return;
        }

        while (!operation.TryPush(ring.SubmissionQueue))
        {
            MakeRoom(ring);
        }

        MarkInKernel(operation);
    }

    /// <summary>Whoever holds the ring: <paramref name="operation"/>'s entry is in the submission queue.</summary>
    private void MarkInKernel(EngineOperation operation)
    {
        operation.InKernel = true;
        _inKernel++;
        _submittedCount++;
    }

    /// <summary>Pushes an engine-internal entry (cancel requests, the wake read), making room if the queue is full.</summary>
    private void PushInternal(Ring ring, in SubmissionEntry entry)
    {
        while (!ring.SubmissionQueue.TryPush(entry))
        {
            MakeRoom(ring);
        }
    }

    // A full submission queue: hand what is queued to the kernel (it copies entries at submission), and reap, since
    // the kernel refuses new work (EBUSY) while completions it kept from an overflow wait to be flushed.
    private void MakeRoom(Ring ring)
    {
        Enter(ring, getEvents: true);
        Reap(ring);
    }

    private bool DrainCancels(Ring ring)
    {
        bool any = false;
        while (_cancels.TryDequeue(out CancelRequest request))
        {
            any = true;
            EngineOperation operation = request.Operation;

            // A request still queued is dropped when it is taken (its flag is set); a finished or reused one is left alone.
            if (operation.InKernel && operation.Sequence == request.Sequence)
            {
                CancelInKernel(ring, operation);
            }
        }

        return DrainCancelWork(ring) | any;
    }

    private bool DrainCommands(Ring ring)
    {
        bool any = false;
        while (_commands.TryDequeue(out EngineCommand? command))
        {
            any = true;
            if (IsShuttingDown)
            {
                command.Fail();
            }
            else
            {
                command.Run(ring);
            }
        }

        return any;
    }

    // Submits what is queued without waiting. Also enters when the kernel flagged deferred completion work
    // (TASKRUN) or kept overflowed completions, with GETEVENTS so it runs or flushes them.
    private bool Flush(Ring ring)
    {
        SubmissionQueue sq = ring.SubmissionQueue;
        bool pending = sq.Count > 0;
        bool kernelWork = sq.TaskRun || sq.CqOverflow;
        if (!pending && !kernelWork)
        {
            return false;
        }

        Enter(ring, getEvents: kernelWork);
        return pending;
    }

    private void Enter(Ring ring, bool getEvents)
    {
        _enterCount++;
        uint toSubmit = (uint)ring.SubmissionQueue.Count;
        try
        {
            ring.Submitter.Enter(toSubmit, 0, getEvents ? EnterFlags.GetEvents : EnterFlags.None);
        }
        catch (IoUringException exception) when (exception.Error is Errno.EINTR or Errno.EAGAIN or Errno.EBUSY)
        {
            // Transient: the loop reaps and comes back.
        }
    }

    private bool Reap(Ring ring)
    {
        CompletionQueue cq = ring.CompletionQueue;
        Span<CompletionEntry> batch = _completions;
        bool any = false;
        int count;
        while ((count = cq.Fill(batch)) > 0)
        {
            any = true;
            EngineOperation?[] table = Volatile.Read(ref _table);
            for (int i = 0; i < count; i++)
            {
                Dispatch(table, batch[i]);
            }

            _completionCount += count;
        }

        PublishFinished();
        return any;
    }

    private void Dispatch(EngineOperation?[] table, in CompletionEntry completion)
    {
        ulong userData = completion.UserData;
        if (userData == IgnoredUserData)
        {
            return;
        }

        if (userData == WakeUserData)
        {
            _wakeArmed = false;
            return;
        }

        if (((uint)userData & TagMask) != 0)
        {
            DispatchTagged(table, completion);
            return;
        }

        uint id = (uint)userData;
        if (id >= (uint)table.Length || table[id] is not EngineOperation operation)
        {
            return;
        }

        // A completion for an earlier use (cannot happen while uses wait for their final CQE; kept as a guard).
        if (!operation.InKernel || operation.Sequence != (uint)(userData >> 32))
        {
            return;
        }

        operation.OnCompletion(completion);
    }

    /// <summary>Engine thread (or a caller whose operation never reached the engine): the operation is done with the
    /// kernel; give back its in-flight permit.</summary>
    internal void OnOperationFinished(EngineOperation operation)
    {
        if (operation.InKernel)
        {
            operation.InKernel = false;
            _inKernel--;
        }

        _limiter.Exit();
    }

    // Sleeps in io_uring_enter until a completion arrives. The eventfd read armed in the ring is how other threads
    // wake it: they write the eventfd only when they see _sleeping set.
    private void Sleep(Ring ring)
    {
        if (RunnersActive)
        {
            EnsureRunnerProgress();
        }

        if (SpinForWork(ring) || AwaitRunner(ring))
        {
            return;
        }

        if (!_wakeArmed && !IsShuttingDown)
        {
            byte* counter = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_wakeCounter));
            PushInternal(ring, new Read(new Fd((int)_wakeup.DangerousGetHandle()), counter, sizeof(ulong)) { Offset = -1 }.Build().WithUserData(WakeUserData));
            _wakeArmed = true;
        }

        // Full fence, then one last look at the queues (the engine's half of the handshake in Wake).
        Interlocked.Exchange(ref _sleeping, 1);
        if (CallersWaiting)
        {
            Volatile.Write(ref _sleeping, 0);
            return;
        }

        // Submits what is queued (the wake read) and waits for one completion; EINTR (a signal, e.g. the runtime's
        // GC suspension) and the other transient errors just return to the loop.
        _sleepCount++;
        if (RunnersActive)
        {
            // A runner may hold a wake-up back until its batch ends (RingEngine.Continuations.cs): bound the sleep.
            _ = ring.Submitter.TrySubmitWithArgs(1, BoundedSleep, out _);
        }
        else if (_mode == ContinuationMode.Reactor)
        {
            // Other threads may borrow the ring while this one waits (RingEngine.Outside.cs).
            uint pending = LendWhileAsleep(ring.SubmissionQueue);
            int result = ring.Submitter.SubmitPublished(pending, want: 1);
            ReclaimAfterSleep();
            if (result < 0 && (Errno)(-result) is not (Errno.EINTR or Errno.EAGAIN or Errno.EBUSY or Errno.ETIME))
            {
                IoUringException.ThrowIfError(result, "io_uring_enter");
            }
        }
        else
        {
            _ = ring.Submitter.TrySubmitAndWait(1, out _);
        }
        Volatile.Write(ref _sleeping, 0);
    }

    // Requests, cancellations, commands or posted work from other threads, continuations the reactor has yet to run,
    // or a disposal not yet begun.
    private bool CallersWaiting => !_submissions.IsEmpty || !_cancels.IsEmpty || !_commands.IsEmpty || !_posted.IsEmpty
        || (RunsUserWork && !_finished.IsEmpty) || (_disposeRequested && !IsShuttingDown);

    // Anything the loop would act on: the callers' work, deferred completion work in the kernel, or completions.
    private bool WorkWaiting(SubmissionQueue sq, CompletionQueue cq) => CallersWaiting || sq.TaskRun || cq.Count > 0;

    // A short spin before sleeping catches the next request from a continuation that is running right now on the
    // thread pool, which saves a sleep and the caller's eventfd write (docs/async-design.md has the measurements).
    private bool SpinForWork(Ring ring)
    {
        int spins = _options.SpinBeforeSleep;
        SubmissionQueue sq = ring.SubmissionQueue;
        CompletionQueue cq = ring.CompletionQueue;
        for (int i = 0; i < spins; i++)
        {
            if (WorkWaiting(sq, cq))
            {
                return true;
            }

            Thread.SpinWait(20);
        }

        return false;
    }

    /// <summary>How long the engine waits awake for requests from a busy runner before it sleeps: about the time a
    /// chunk of quick continuations takes (docs/async-design.md, "Continuations").</summary>
    private static readonly long RunnerWaitTicks = System.Diagnostics.Stopwatch.Frequency / 50_000;

    // While a runner runs continuations that will submit more, the next request is microseconds away: wait for it
    // awake (a bounded spin) rather than sleep and be woken through the eventfd.
    private bool AwaitRunner(Ring ring)
    {
        if (!RunnersActive)
        {
            return false;
        }

        SubmissionQueue sq = ring.SubmissionQueue;
        CompletionQueue cq = ring.CompletionQueue;
        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + RunnerWaitTicks;
        do
        {
            if (WorkWaiting(sq, cq))
            {
                return true;
            }

            Thread.SpinWait(8);
        }
        while (RunnersActive && System.Diagnostics.Stopwatch.GetTimestamp() < deadline);

        return CallersWaiting;
    }

    private void BeginShutdown(Ring ring)
    {
        IsShuttingDown = true;
        EngineOperation?[] table = Volatile.Read(ref _table);
        int count = Volatile.Read(ref _tableCount);
        for (int i = 0; i < count; i++)
        {
            if (table[i] is EngineOperation operation && operation.InKernel)
            {
                CancelInKernel(ring, operation);
            }
        }

        if (_wakeArmed)
        {
            PushInternal(ring, new AsyncCancel(WakeUserData).Build().WithUserData(IgnoredUserData));
        }
    }

    private void Teardown(Ring? ring)
    {
        // Whatever was queued after the last drain never reached the kernel.
        EngineOperation? operation = _submissions.Close();
        while (operation is not null)
        {
            EngineOperation? next = operation.Next;
            operation.Next = null;
            operation.Abort(OperationOutcome.Disposed);
            operation = next;
        }

        while (_commands.TryDequeue(out EngineCommand? command))
        {
            command.Fail();
        }

        _cancels.Clear();

        // From here on, an operation finished on this thread (a late caller's request refused as the engine stopped)
        // continues on the thread pool: nothing would run this engine's queue any more.
        _driverThreadId = 0;
        if (RunsUserWork)
        {
            CloseUserWork();
        }
        else
        {
            PublishFinished();
        }

        ring?.Dispose();
        _wakeup.Dispose();
        if (_mode == ContinuationMode.Reactor)
        {
            ReactorWatchdog.Remove(this);
        }

        _stopped.TrySetResult();
    }
}
