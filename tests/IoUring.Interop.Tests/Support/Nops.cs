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
}
