using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>Something the engine tracks by user_data from submission to its last completion: a one-shot
/// <see cref="RingOperation"/> or a multishot stream.</summary>
/// <remarks>The user_data is <c>Sequence &lt;&lt; 32 | Id</c>: <see cref="Id"/> indexes the engine's table and
/// <see cref="Sequence"/> changes on every reuse, so a completion for an earlier use never reaches a later one.</remarks>
internal abstract class EngineOperation : IThreadPoolWorkItem
{
    /// <summary>The operation's slot in the engine's table (fixed for its lifetime).</summary>
    internal int Id;

    /// <summary>Which use of the object this is; bumped each time it is rented.</summary>
    internal uint Sequence;

    /// <summary>The link in the engine's intrusive submission stack.</summary>
    internal EngineOperation? Next;

    /// <summary>Engine thread only: whether the kernel holds the request (submitted, final CQE not seen yet).</summary>
    internal bool InKernel;

    /// <summary>Engine thread only: the use (<see cref="Sequence"/>) the engine's own cancel is for, whether one is in
    /// flight or due, and how many times it was retried (RingEngine.Cancel.cs).</summary>
    internal uint CancelSequence;

    /// <inheritdoc cref="CancelSequence"/>
    internal bool CancelInFlight;

    /// <inheritdoc cref="CancelSequence"/>
    internal int CancelAttempts;

    /// <summary>Set from any thread once the caller's token fired; read by the engine before it submits.</summary>
    internal volatile bool CancelRequested;

    /// <summary>The user_data the kernel echoes for this use.</summary>
    internal ulong UserData => ((ulong)Sequence << 32) | (uint)Id;

    /// <summary>Engine thread: writes the request's entries into the submission queue; false when they do not fit yet.</summary>
    internal abstract bool TryPush(SubmissionQueue queue);

    /// <summary>Engine thread: one completion for this operation arrived; returns true when it was the last one.</summary>
    internal abstract bool OnCompletion(in CompletionEntry completion);

    /// <summary>Engine thread: the request will never reach the kernel (cancelled before submission, or the engine
    /// shut down); finish it with that outcome.</summary>
    internal abstract void Abort(OperationOutcome outcome);

    /// <summary>Runs the waiting consumer's continuation (publishes the result); called once per finish, on a thread
    /// pool thread or, with inline continuations, on the engine thread.</summary>
    internal abstract void RunContinuation();

    /// <inheritdoc/>
    void IThreadPoolWorkItem.Execute() => RunContinuation();
}

/// <summary>How an operation ended, besides its CQE result.</summary>
internal enum OperationOutcome
{
    /// <summary>The kernel completed it; the CQE result says how.</summary>
    Completed,

    /// <summary>The caller's token cancelled it.</summary>
    Canceled,

    /// <summary>Its linked timeout expired first.</summary>
    TimedOut,

    /// <summary>The engine was disposed before the request completed.</summary>
    Disposed,
}
