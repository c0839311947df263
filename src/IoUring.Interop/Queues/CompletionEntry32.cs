using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>A 32-byte completion queue entry for rings built with <see cref="RingBuilder.SetupCqe32"/> or <see cref="RingBuilder.SetupCqeMixed"/>: the 16-byte CQE and two more words.</summary>
/// <remarks>Rust's <c>cqueue::Entry32</c>. Available since Linux 5.19.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_setup.2.html"/>
[StructLayout(LayoutKind.Sequential, Size = 32)]
public readonly struct CompletionEntry32
{
    /// <summary>The kernel's CQE (first 16 bytes).</summary>
    internal readonly io_uring_cqe Cqe;
    private readonly ulong _bigCqe0;
    private readonly ulong _bigCqe1;

    /// <summary>A 16-byte completion of a mixed ring, widened with zero extra words.</summary>
    internal CompletionEntry32(in io_uring_cqe cqe)
    {
        Cqe = cqe;
        _bigCqe0 = 0;
        _bigCqe1 = 0;
    }

    /// <summary>The operation's result: what the matching system call would return, or a negated errno.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public int Result => Cqe.res;

    /// <summary>The user data of the submission entry this completes.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public ulong UserData => Cqe.user_data;

    /// <summary>The <c>IORING_CQE_F_*</c> flags.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public CqeFlags Flags => (CqeFlags)Cqe.flags;

    /// <summary>The selected buffer's id when <c>IORING_CQE_F_BUFFER</c> is set; otherwise null.</summary>
    /// <remarks>Available since Linux 5.7.</remarks>
    public ushort? BufferId => CompletionFlags.BufferId(Cqe.flags);

    /// <summary>Whether more completions will follow for the same request (<c>IORING_CQE_F_MORE</c>).</summary>
    /// <remarks>Available since Linux 5.13.</remarks>
    public bool HasMore => (Cqe.flags & IORING_CQE_F_MORE) != 0;

    /// <summary>Whether this is a zero-copy send's notification (<c>IORING_CQE_F_NOTIF</c>).</summary>
    /// <remarks>Available since Linux 6.0.</remarks>
    public bool IsNotification => (Cqe.flags & IORING_CQE_F_NOTIF) != 0;

    /// <summary>The first extra word (<c>big_cqe[0]</c>).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public ulong BigCqe0 => _bigCqe0;

    /// <summary>The second extra word (<c>big_cqe[1]</c>).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public ulong BigCqe1 => _bigCqe1;

    /// <summary>Both extra words (<c>big_cqe[2]</c>).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    [UnscopedRef]
    public ReadOnlySpan<ulong> BigCqe => MemoryMarshal.CreateReadOnlySpan(in _bigCqe0, 2);

    /// <summary>The first 16 bytes as an ordinary completion entry.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public CompletionEntry ToCompletionEntry() => new(Cqe);

    /// <summary>Drops the extra words.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public static explicit operator CompletionEntry(CompletionEntry32 entry) => new(entry.Cqe);

    /// <summary>Whether the operation failed: <see cref="Result"/> is a negated errno.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsError => Cqe.res < 0;

    /// <summary>The errno of a failed operation (<see cref="Errno.ECANCELED"/> for <c>Result == -125</c>); <see cref="Errno.None"/> when it succeeded.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public Errno Error => ErrnoExtensions.FromResult(Cqe.res);

    /// <summary>Returns <see cref="Result"/> when the operation succeeded; otherwise throws an <see cref="IoUringException"/> naming <paramref name="operation"/> and the errno.</summary>
    /// <param name="operation">What the entry was, for the message (e.g. "read" or "recv from client 3").</param>
    /// <returns>The non-negative result (bytes transferred, a new fd...).</returns>
    /// <exception cref="IoUringException">The result is a negated errno.</exception>
    /// <remarks>Available since Linux 5.1.</remarks>
    public int ThrowIfError(string operation) => IoUringException.ThrowIfError(Cqe.res, operation);

    /// <summary>The result (with the errno's name when it failed), the user data and the flags, e.g.
    /// <c>CompletionEntry { Result = -125 (ECANCELED), UserData = 0x2a, Flags = None }</c>.</summary>
    public override string ToString() => EntryText.Describe(Cqe, nameof(CompletionEntry32));
}
