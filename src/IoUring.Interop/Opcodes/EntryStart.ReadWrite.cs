using System.Runtime.CompilerServices;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

internal static unsafe partial class EntryStart
{
    /// <summary>The one encoding of the read/write family (READ, WRITE, READV, WRITEV and their _FIXED forms): io_uring/rw.c's io_prep_rw reads the same fields for all of them.</summary>
    /// <param name="op">The opcode.</param>
    /// <param name="fd">Target file.</param>
    /// <param name="address">The buffer, or the iovec array for the vectored forms.</param>
    /// <param name="length">Bytes, or the number of iovecs for the vectored forms.</param>
    /// <param name="offset">File offset; -1 uses and advances the file position.</param>
    /// <param name="ioPrio">I/O priority.</param>
    /// <param name="rwFlags">Per-I/O <c>RWF_*</c> flags.</param>
    /// <param name="protectionInfo">T10 PI attribute, or null.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry ReadWrite(Opcode op, FileTarget fd, ulong address, uint length, long offset, ushort ioPrio, int rwFlags, ProtectionInformation* protectionInfo)
    {
        SubmissionEntry entry = New(op, fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.ioprio = ioPrio;
        sqe.addr = address;
        sqe.len = length;
        sqe.off = (ulong)offset;
        sqe.rw_flags = (uint)rwFlags;
        if (protectionInfo != null)
        {
            sqe.attr_ptr = (ulong)protectionInfo;
            sqe.attr_type_mask = IORING_RW_ATTR_FLAG_PI;
        }

        return entry;
    }

    /// <summary>A read/write entry that takes its buffer from registered buffer <paramref name="bufferIndex"/> (the _FIXED forms).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry ReadWriteFixed(Opcode op, FileTarget fd, ulong address, uint length, ushort bufferIndex, long offset, ushort ioPrio, int rwFlags, ProtectionInformation* protectionInfo)
    {
        SubmissionEntry entry = ReadWrite(op, fd, address, length, offset, ioPrio, rwFlags, protectionInfo);
        entry.Sqe.buf_index = bufferIndex;
        return entry;
    }

    /// <summary>A read entry that may take its buffer from provided-buffer group <paramref name="bufferGroup"/> instead.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry ReadSelect(Opcode op, FileTarget fd, ulong address, uint length, ushort? bufferGroup, long offset, ushort ioPrio, int rwFlags, ProtectionInformation* protectionInfo)
    {
        SubmissionEntry entry = ReadWrite(op, fd, address, length, offset, ioPrio, rwFlags, protectionInfo);
        SelectBuffer(ref entry, bufferGroup);
        return entry;
    }
}
