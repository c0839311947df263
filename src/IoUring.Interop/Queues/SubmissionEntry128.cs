using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>A 128-byte submission queue entry for rings built with <see cref="RingBuilder.SetupSqe128"/>: a <see cref="SubmissionEntry"/> followed by 64 more bytes.</summary>
/// <remarks>Rust's <c>squeue::Entry128</c>; the extra bytes carry <c>URING_CMD</c> payloads. Available since Linux 5.19.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_setup.2.html"/>
[StructLayout(LayoutKind.Sequential, Size = 128)]
public struct SubmissionEntry128
{
    /// <summary>The first 64 bytes: the ordinary SQE.</summary>
    internal SubmissionEntry Entry;

    /// <summary>The second 64 bytes (the rest of <c>sqe.cmd</c>).</summary>
    internal Tail Extra;

    /// <summary>The 64 bytes after the ordinary SQE.</summary>
    [InlineArray(64)]
    internal struct Tail
    {
        private byte _element0;
    }

    /// <summary>Raw access to the kernel's SQE (the first 64 bytes), for opcode builders and power users.</summary>
    /// <remarks><b>Safety:</b> the kernel trusts every field; addresses written here must stay valid until the completion arrives.</remarks>
    [UnscopedRef]
    public ref io_uring_sqe Native => ref Entry.Sqe;

    /// <summary>The 80-byte command area at offset 48 (<c>sqe.cmd</c>) for <c>IORING_OP_URING_CMD</c>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    [UnscopedRef]
    public Span<byte> Command => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Unsafe.As<SubmissionEntry128, byte>(ref this), CommandOffset), CommandLength);

    /// <summary>The value the kernel hands back in the completion's user data.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public ulong UserData
    {
        readonly get => Entry.UserData;
        set => Entry.UserData = value;
    }

    /// <summary>The <c>IOSQE_*</c> flags of the entry.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public SqeFlags Flags
    {
        readonly get => Entry.Flags;
        set => Entry.Flags = value;
    }

    /// <summary>The credentials id the request runs with; 0 for the submitter's own.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public ushort Personality
    {
        readonly get => Entry.Personality;
        set => Entry.Personality = value;
    }

    /// <summary>A copy with <see cref="UserData"/> set.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public readonly SubmissionEntry128 WithUserData(ulong userData)
    {
        SubmissionEntry128 copy = this;
        copy.Entry.UserData = userData;
        return copy;
    }

    /// <summary>A copy with <paramref name="flags"/> added (OR) to <see cref="Flags"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public readonly SubmissionEntry128 WithFlags(SqeFlags flags)
    {
        SubmissionEntry128 copy = this;
        copy.Entry = copy.Entry.WithFlags(flags);
        return copy;
    }

    /// <summary>A copy with <see cref="Personality"/> set.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public readonly SubmissionEntry128 WithPersonality(ushort personality)
    {
        SubmissionEntry128 copy = this;
        copy.Entry.Personality = personality;
        return copy;
    }

    /// <summary>Widens a 64-byte entry; the extra 64 bytes are zero.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public static implicit operator SubmissionEntry128(SubmissionEntry entry) => new() { Entry = entry };

    /// <inheritdoc/>
    public override readonly string ToString() => EntryText.Describe(Entry.Sqe).Replace("SubmissionEntry", "SubmissionEntry128", StringComparison.Ordinal);

    private const int CommandOffset = 48;
    private const int CommandLength = 80;
}
