using System;
using System.Threading;

namespace IoUring.Interop.Async;

// Submitting from outside the reactor. A thread that does not drive the ring normally queues its operation and wakes
// the reactor through the eventfd: a write, a wake-up, and the reactor's own io_uring_enter. When the reactor is
// asleep in io_uring_enter with nothing to run, the caller may instead borrow the ring for one submission: it writes
// its entry and submits it with its own io_uring_enter (a Reactor ring has no SINGLE_ISSUER), and the completion
// wakes the reactor, which runs the continuation. The token (RingEngine.Reactor.cs) makes the borrow exclusive: the
// reactor publishes its queue and moves loop → sleep before it waits, the borrower moves sleep → borrowed with a
// compare-exchange, writes and publishes its entry, and moves back to sleep before its system call; the reactor, once
// awake, takes sleep → loop, waiting out a borrow in progress (a few stores, never a system call).
public sealed partial class RingEngine
{
    private long _outsideSubmitCount;

    /// <summary>Any thread but the driver: submits <paramref name="operation"/> itself when the reactor sleeps with
    /// nothing to run. False: the reactor is busy (queue the operation and wake it as usual).</summary>
    private bool TrySubmitFromOutside(EngineOperation operation)
    {
        if (_mode != ContinuationMode.Reactor || !_options.SubmitFromCallerWhenIdle)
        {
            return false;
        }

        int asleep = Volatile.Read(ref _drive);
        if ((asleep & DriveStateMask) != DriveSleep
            || Interlocked.CompareExchange(ref _drive, (asleep & ~DriveStateMask) | DriveBorrowed, asleep) != asleep)
        {
            return false;
        }

        Ring ring = _ring!;
        uint pending = 0;
        bool referenced = false;
        try
        {
            SubmissionQueue sq = ring.SubmissionQueue;

            // Never wait for room here (that would mean reaping the reactor's completions on this thread): a full
            // queue, a shutdown or a cancelled request goes the usual way.
            if (!IsShuttingDown && !operation.CancelRequested && operation.TryPush(sq))
            {
                MarkInKernel(operation);
                _outsideSubmitCount++;
                pending = sq.PendingForKernel();

                // The ring cannot be closed while the token is lent (only its driver disposes it); the reference keeps
                // the descriptor ours for the system call below, after the token is given back.
                ring.Handle.DangerousAddRef(ref referenced);
            }
        }
        finally
        {
            // Given back before the system call: the completion may wake the reactor from inside it, and the reactor
            // must not wait for this thread to come back from the kernel (nor be preempted by it).
            Volatile.Write(ref _drive, asleep);
        }

        if (pending == 0)
        {
            return false;
        }

        // The entry is published. Whoever enters first submits it: this call, or the reactor if it woke meanwhile
        // (the kernel takes what the tail shows, up to each call's count). A failed call leaves it queued: wake the
        // reactor, which submits it with the rest. A ring disposed meanwhile means the engine's loop ended, which it
        // does only once every operation in the kernel (this one included) has completed.
        try
        {
            if (!ring.IsDisposed && ring.Submitter.SubmitPublished(pending) < 0)
            {
                Wake();
            }
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            if (referenced)
            {
                ring.Handle.DangerousRelease();
            }
        }

        return true;
    }

    /// <summary>Driver, about to wait in the kernel: publishes its queue and lets other threads borrow the ring.
    /// Returns the number of entries to submit with the wait.</summary>
    private uint LendWhileAsleep(SubmissionQueue sq)
    {
        uint pending = sq.PendingForKernel();
        Volatile.Write(ref _drive, (t_generation << DriveStateBits) | DriveSleep);
        return pending;
    }

    /// <summary>Driver, back from the kernel: takes the ring back, waiting for a borrower to finish its submission.</summary>
    private void ReclaimAfterSleep()
    {
        int asleep = (t_generation << DriveStateBits) | DriveSleep;
        int inLoop = (t_generation << DriveStateBits) | DriveLoop;
        var spinner = default(SpinWait);
        while (Interlocked.CompareExchange(ref _drive, inLoop, asleep) != asleep)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
