using IoUring.Interop.Native;

namespace IoUring.Interop.Tests;

/// <summary>NOP entries written by hand through <see cref="SubmissionEntry.Native"/> (the opcode builders are tested elsewhere).</summary>
public static class Nops
{
    /// <summary>A NOP whose completion carries <paramref name="userData"/> and result 0.</summary>
    public static SubmissionEntry Make(ulong userData)
    {
        SubmissionEntry entry = default;
        entry.Native.opcode = (byte)Opcode.Nop;
        entry.Native.fd = -1;
        entry.UserData = userData;
        return entry;
    }

    /// <summary>Pushes a NOP carrying <paramref name="userData"/>, submits and waits for it, and returns the user data
    /// its completion carried.</summary>
    public static ulong RoundTrip(Ring ring, ulong userData)
    {
        if (!ring.SubmissionQueue.TryPush(Make(userData)))
        {
            throw new System.InvalidOperationException("The submission queue is full.");
        }

        ring.SubmitAndWait(1);
        if (!ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
        {
            throw new System.InvalidOperationException("SubmitAndWait(1) returned without a completion.");
        }

        return cqe.UserData;
    }
}
