using System;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.Reliability.Child;

/// <summary>Whether a ring still works: one NOP through the queues and back (shared by the child and the tests).</summary>
public static class RingCheck
{
    /// <summary>Pushes a NOP with <paramref name="userData"/>, submits and waits for it; throws unless exactly it comes back with 0.</summary>
    public static void NopRoundTrip(Ring ring, ulong userData = 0x5EED)
    {
        // Completions left over from the caller's own work are not ours to judge; take them out first.
        while (ring.CompletionQueue.TryDequeue(out CompletionEntry _))
        {
        }

        if (!ring.SubmissionQueue.TryPush(new Nop().Build().WithUserData(userData)))
        {
            throw new InvalidOperationException("NOP round trip: the submission queue is full.");
        }

        ring.SubmitAndWait(1);
        if (!ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
        {
            throw new InvalidOperationException("NOP round trip: no completion after SubmitAndWait(1).");
        }

        if (cqe.UserData != userData || cqe.Result != 0)
        {
            throw new InvalidOperationException($"NOP round trip: expected user_data {userData} result 0, got {cqe}.");
        }
    }
}
