using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.Async;

// Cancels that always land: the engine's ASYNC_CANCEL requests, retried while the request they target is
// still pending, and the recovery of a linked timeout whose own cancel missed.
//
// A single cancel is not enough (issue 21, docs/async-design.md "Cancellation"). A request issued in io-wq (IOSQE_ASYNC, drain,
// or a file that cannot complete without blocking) first runs in a worker, which tries it and, on EAGAIN, arms a poll.
// A cancel that comes between those two steps finds the work "already running" and nothing in the poll table:
// ASYNC_CANCEL answers -EALREADY (or -ENOENT), and a LINK_TIMEOUT whose timer fires there completes with -ENOENT
// instead of -ETIME (io_uring/cancel.c, io_try_cancel's fall-through). Nothing cancels the request afterwards: it stays
// armed until data arrives, perhaps for ever.
//
// So the engine tracks its cancels: each carries the target's user_data with CancelTag, and while the
// kernel answers -EALREADY, -ENOENT or -ECANCELED and the target's final completion has not arrived, it sends another
// after a short delay: a kernel TIMEOUT hard-linked to the ASYNC_CANCEL, so the engine thread sleeps meanwhile. The
// delays double from 50 µs to 3.2 ms and stay there. A linked timeout's completion carries LinkTimeoutTag;
// any result but -ETIME (the kernel cancelled the request) and -ECANCELED (the request finished first) starts such a
// cancel.
public sealed unsafe partial class RingEngine
{
    /// <summary>Operation ids stay below this, leaving the two top bits of user_data's low word for the tags.</summary>
    internal const int OperationIdLimit = 0x3FFF_FFFF;

    /// <summary>Low-word bit of a linked timeout's user_data (the rest is its operation's user_data).</summary>
    internal const uint LinkTimeoutTag = 0x8000_0000;

    /// <summary>Low-word bit of the user_data of the engine's own ASYNC_CANCEL of an operation.</summary>
    internal const uint CancelTag = 0x4000_0000;

    private const uint TagMask = LinkTimeoutTag | CancelTag;
    private const int Ealready = 114;
    private const int RetryLevels = 7;

    // The retry delays, 50 µs × 2^level; pinned for the life of the process since the kernel reads a TIMEOUT's
    // timespec when it prepares the request, at submission.
    private static readonly Timespec[] RetryDelays = CreateRetryDelays();

    private readonly Queue<CancelWork> _cancelWork = new();
    private long _timeoutRecoveries;
    private long _cancelRetries;

    private static Timespec[] CreateRetryDelays()
    {
        Timespec[] delays = GC.AllocateArray<Timespec>(RetryLevels, pinned: true);
        for (int level = 0; level < RetryLevels; level++)
        {
            delays[level] = Timespec.From(0, 50_000L << level);
        }

        return delays;
    }

    /// <summary>Engine thread: cancels the current use of <paramref name="operation"/> in the kernel, and keeps cancelling
    /// until its final completion arrives. Does nothing when such a cancel is already under way.</summary>
    private void CancelInKernel(Ring ring, EngineOperation operation)
    {
        if (StartCancel(operation))
        {
            PushCancel(ring, operation, level: -1);
        }
    }

    private static bool StartCancel(EngineOperation operation)
    {
        if (operation.CancelInFlight && operation.CancelSequence == operation.Sequence)
        {
            return false;
        }

        operation.CancelSequence = operation.Sequence;
        operation.CancelInFlight = true;
        operation.CancelAttempts = 0;
        return true;
    }

    /// <summary>Engine thread: a completion of a linked timeout or of an engine cancel (its user_data has a tag bit).
    /// What it calls for is queued, not pushed: a push may have to make room, which reaps, and this runs inside a reap.</summary>
    private void DispatchTagged(EngineOperation?[] table, in CompletionEntry completion)
    {
        ulong userData = completion.UserData;
        uint low = (uint)userData;
        uint id = low & ~TagMask;
        if (id >= (uint)table.Length || table[id] is not EngineOperation operation)
        {
            return;
        }

        // Only the use the request was made for: a late completion for an earlier use is ignored.
        uint sequence = (uint)(userData >> 32);
        bool pending = operation.InKernel && operation.Sequence == sequence;
        int result = completion.Result;
        if ((low & LinkTimeoutTag) != 0)
        {
            if (pending && RingOperation.LinkTimeoutMissed(result) && StartCancel(operation))
            {
                _timeoutRecoveries++;
                _cancelWork.Enqueue(new CancelWork(operation, sequence, Level: -1));
            }

            return;
        }

        if (operation.CancelSequence != sequence || !operation.CancelInFlight)
        {
            return;
        }

        bool missed = result == -Ealready || result == -(int)Errno.ENOENT || result == -(int)Errno.ECANCELED;
        if (!pending || !missed)
        {
            // Found and cancelled (its completion follows), finished meanwhile, or refused: nothing more to do.
            operation.CancelInFlight = false;
            return;
        }

        _cancelRetries++;
        _cancelWork.Enqueue(new CancelWork(operation, sequence, Math.Min(operation.CancelAttempts++, RetryLevels - 1)));
    }

    /// <summary>Engine thread, from the loop: pushes the cancels that completions called for.</summary>
    private bool DrainCancelWork(Ring ring)
    {
        bool any = false;
        while (_cancelWork.TryDequeue(out CancelWork work))
        {
            any = true;
            EngineOperation operation = work.Operation;
            if (!operation.InKernel || operation.Sequence != work.Sequence)
            {
                // Finished meanwhile.
                if (operation.CancelSequence == work.Sequence)
                {
                    operation.CancelInFlight = false;
                }

                continue;
            }

            PushCancel(ring, operation, work.Level);
        }

        return any;
    }

    // level < 0: at once; otherwise after RetryDelays[level].
    private void PushCancel(Ring ring, EngineOperation operation, int level)
    {
        SubmissionEntry cancel = new AsyncCancel(operation.UserData).Build().WithUserData(operation.UserData | CancelTag);
        if (level < 0)
        {
            PushInternal(ring, cancel);
            return;
        }

        // A hard link runs the cancel when the timer ends, although a TIMEOUT that expires counts as failed (-ETIME).
        // Both entries enter the ring in one push: a link left open at the end of a submission is cut there.
        Timespec* delay = (Timespec*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(RetryDelays)) + level;
        Span<SubmissionEntry> chain = stackalloc SubmissionEntry[2];
        chain[0] = new TimeoutAdd(delay).Build().WithFlags(SqeFlags.IoHardLink).WithUserData(IgnoredUserData);
        chain[1] = cancel;
        while (!ring.SubmissionQueue.TryPushMultiple(chain))
        {
            MakeRoom(ring);
        }
    }

    /// <summary>A cancel to push for one use of an operation.</summary>
    private readonly record struct CancelWork(EngineOperation Operation, uint Sequence, int Level);
}
