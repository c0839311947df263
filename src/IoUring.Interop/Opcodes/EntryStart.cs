using System.Runtime.CompilerServices;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Starts every built entry the same way: the opcode, the target file and all other bytes zero.</summary>
/// <remarks>
/// The kernel's prep functions reject most opcodes with EINVAL when a field they do not use is
/// non-zero (so reserved fields stay usable for later extensions), hence the zeroed start.
/// </remarks>
internal static partial class EntryStart
{
    /// <summary>A zeroed entry for <paramref name="op"/> on the raw descriptor (or opcode-specific number) <paramref name="fd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry New(Opcode op, int fd)
    {
        SubmissionEntry entry = default;
        entry.Sqe.opcode = (byte)op;
        entry.Sqe.fd = fd;
        return entry;
    }

    /// <summary>A zeroed entry for <paramref name="op"/> on a file that is either a raw fd or a registered (fixed) file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry New(Opcode op, FileTarget target)
    {
        SubmissionEntry entry = New(op, target.Value);
        if (target.IsFixed)
        {
            // IOSQE_FIXED_FILE makes the kernel read sqe->fd as an index into the registered file table.
            entry.Sqe.flags |= (byte)IOSQE_FIXED_FILE;
        }

        return entry;
    }

    /// <summary>Sets the low 16 bits of <c>sqe-&gt;ioprio</c>, where send/recv/accept keep their io_uring-specific flags.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void OrIoPrio(ref SubmissionEntry entry, uint flags) => entry.Sqe.ioprio |= (ushort)flags;

    /// <summary>Marks the entry as taking its buffer from the provided-buffer group <paramref name="group"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SelectBuffer(ref SubmissionEntry entry, ushort group)
    {
        entry.Sqe.flags |= (byte)IOSQE_BUFFER_SELECT;
        entry.Sqe.buf_group = group;
    }
}
