using System;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.Reliability.Child;

/// <summary>Whether a ring still works: one NOP through the queues and back (shared by the child and the tests).</summary>
public static class RingCheck
{
    // Completions of requests the caller left in flight (or an entry it pushed and never submitted) may come first.
    private const int ForeignCompletionsAllowed = 64;

    /// <summary>Pushes a NOP with <paramref name="userData"/>, submits and waits until it comes back with result 0;
    /// other completions on the way are skipped. Throws if the NOP cannot be queued, comes back wrong or not at all.</summary>
    public static void NopRoundTrip(Ring ring, ulong userData = 0x5EED)
    {
        if (!ring.SubmissionQueue.TryPush(new Nop().Build().WithUserData(userData)))
        {
            throw new InvalidOperationException("NOP round trip: the submission queue is full.");
        }

        for (int seen = 0; seen <= ForeignCompletionsAllowed; seen++)
        {
            if (!ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
            {
                ring.SubmitAndWait(1);
                if (!ring.CompletionQueue.TryDequeue(out cqe))
                {
                    throw new InvalidOperationException("NOP round trip: no completion after SubmitAndWait(1).");
                }
            }

            if (cqe.UserData == userData)
            {
                if (cqe.Result != 0)
                {
                    throw new InvalidOperationException($"NOP round trip: the NOP completed with {cqe.Result}: {cqe}.");
                }

                return;
            }
        }

        throw new InvalidOperationException($"NOP round trip: the NOP did not come back among {ForeignCompletionsAllowed} completions.");
    }
}
