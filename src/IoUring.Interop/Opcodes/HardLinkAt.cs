using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Paths.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct HardLinkAt
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.PathPair(Code, OldDirFd, OldPath, NewDirFd, NewPath);
        entry.Sqe.hardlink_flags = (uint)Flags;
        return entry;
    }
}
