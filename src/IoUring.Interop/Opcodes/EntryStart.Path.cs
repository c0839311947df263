using System.Runtime.CompilerServices;
using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

internal static unsafe partial class EntryStart
{
    /// <summary>The one encoding of LINKAT and RENAMEAT: old directory fd and path in fd/addr, new directory fd in len, new path in the next 8 bytes (addr2 for linkat, off for renameat: one union) (the flags, hardlink_flags or rename_flags, stay with the builder).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry PathPair(Opcode op, int oldDirFd, byte* oldPath, int newDirFd, byte* newPath)
    {
        SubmissionEntry entry = New(op, oldDirFd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)oldPath;
        sqe.len = (uint)newDirFd;
        sqe.addr2 = (ulong)newPath;
        return entry;
    }

    /// <summary>The one encoding of the xattr opcodes (F/GETXATTR, F/SETXATTR): name in addr, value in addr2, its size in len, XATTR_* flags in xattr_flags; the path forms add the path in addr3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Xattr(ref SubmissionEntry entry, byte* name, byte* value, uint length, int flags)
    {
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)name;
        sqe.addr2 = (ulong)value;
        sqe.len = length;
        sqe.xattr_flags = (uint)flags;
    }
}
