using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>A 64-byte submission queue entry (<c>struct io_uring_sqe</c>), made by an opcode builder and pushed with <see cref="SubmissionQueue.TryPush(in SubmissionEntry)"/>.</summary>
/// <remarks>Rust's <c>squeue::Entry</c>. A plain value: copying it copies the request. Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
[StructLayout(LayoutKind.Sequential, Size = 64)]
public struct SubmissionEntry
{
    /// <summary>The kernel's SQE, laid out as in the uapi header.</summary>
    internal io_uring_sqe Sqe;

    /// <summary>Raw access to the kernel's SQE, for opcode builders and for fields no builder covers.</summary>
    /// <remarks><b>Safety:</b> the kernel trusts every field; addresses written here must stay valid until the completion arrives.</remarks>
    [UnscopedRef]
    public ref io_uring_sqe Native => ref Sqe;

    /// <summary>The value the kernel hands back in the completion's <see cref="CompletionEntry.UserData"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public ulong UserData
    {
        readonly get => Sqe.user_data;
        set => Sqe.user_data = value;
    }

    /// <summary>The <c>IOSQE_*</c> flags of the entry (link, drain, fixed file, async, buffer select, skip success).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public SqeFlags Flags
    {
        readonly get => (SqeFlags)Sqe.flags;
        set => Sqe.flags = (byte)value;
    }

    /// <summary>The credentials id (from <c>Submitter.RegisterPersonality</c>) the request runs with; 0 for the submitter's own.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public ushort Personality
    {
        readonly get => Sqe.personality;
        set => Sqe.personality = value;
    }

    /// <summary>A copy with <see cref="UserData"/> set.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public readonly SubmissionEntry WithUserData(ulong userData)
    {
        SubmissionEntry copy = this;
        copy.Sqe.user_data = userData;
        return copy;
    }

    /// <summary>A copy with <paramref name="flags"/> added (OR) to <see cref="Flags"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public readonly SubmissionEntry WithFlags(SqeFlags flags)
    {
        SubmissionEntry copy = this;
        copy.Sqe.flags |= (byte)flags;
        return copy;
    }

    /// <summary>A copy with <see cref="Personality"/> set.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public readonly SubmissionEntry WithPersonality(ushort personality)
    {
        SubmissionEntry copy = this;
        copy.Sqe.personality = personality;
        return copy;
    }

    /// <inheritdoc/>
    public override readonly string ToString() => EntryText.Describe(Sqe);
}
