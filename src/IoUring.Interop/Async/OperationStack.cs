using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>The lock-free hand-off from any thread to the engine thread: an intrusive stack (Treiber) that the
/// engine empties in one exchange and reverses, so submission order is kept and no node is ever allocated.</summary>
/// <remarks>Only the consumer takes nodes, and it takes all of them at once, so the classic ABA problem of popping
/// one node at a time cannot arise. <see cref="Close"/> swaps in a sentinel: later pushes fail and the caller
/// finishes the operation itself (the engine is gone).</remarks>
internal sealed class OperationStack
{
    private static readonly EngineOperation ClosedMark = new ClosedSentinel();

    private EngineOperation? _head;

    /// <summary>Whether nothing waits (a closed stack is empty).</summary>
    internal bool IsEmpty
    {
        get
        {
            EngineOperation? head = Volatile.Read(ref _head);
            return head is null || head == ClosedMark;
        }
    }

    /// <summary>Pushes <paramref name="operation"/>; false once the stack is closed.</summary>
    /// <remarks>The successful compare-exchange is a full fence: the push is visible before the caller reads the
    /// engine's sleeping flag (the other half of the wake-up handshake in <see cref="RingEngine"/>).</remarks>
    internal bool TryPush(EngineOperation operation)
    {
        EngineOperation? head = Volatile.Read(ref _head);
        while (true)
        {
            if (head == ClosedMark)
            {
                return false;
            }

            operation.Next = head;
            EngineOperation? seen = Interlocked.CompareExchange(ref _head, operation, head);
            if (seen == head)
            {
                return true;
            }

            head = seen;
        }
    }

    /// <summary>Takes everything pushed so far, oldest first (linked through <see cref="EngineOperation.Next"/>).</summary>
    internal EngineOperation? TakeAll()
    {
        if (IsEmpty)
        {
            return null;
        }

        EngineOperation? head = Interlocked.Exchange(ref _head, null);
        if (head == ClosedMark)
        {
            // Closed between the check and the exchange: put the mark back.
            Volatile.Write(ref _head, ClosedMark);
            return null;
        }

        return Reverse(head);
    }

    /// <summary>Closes the stack and returns what was still in it, oldest first.</summary>
    internal EngineOperation? Close()
    {
        EngineOperation? head = Interlocked.Exchange(ref _head, ClosedMark);
        return head == ClosedMark ? null : Reverse(head);
    }

    private static EngineOperation? Reverse(EngineOperation? head)
    {
        EngineOperation? reversed = null;
        while (head is not null)
        {
            EngineOperation? next = head.Next;
            head.Next = reversed;
            reversed = head;
            head = next;
        }

        return reversed;
    }

    private sealed class ClosedSentinel : EngineOperation
    {
        internal override bool TryPush(SubmissionQueue queue) => true;

        internal override bool OnCompletion(in CompletionEntry completion) => true;

        internal override void Abort(OperationOutcome outcome)
        {
        }

        internal override void RunContinuation()
        {
        }
    }
}
