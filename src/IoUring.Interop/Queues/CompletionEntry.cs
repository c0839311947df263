using System.Runtime.InteropServices;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>A 16-byte completion queue entry (<c>struct io_uring_cqe</c>): the result of one request.</summary>
/// <remarks>Rust's <c>cqueue::Entry</c>. Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public readonly struct CompletionEntry
{
    /// <summary>The kernel's CQE.</summary>
    internal readonly io_uring_cqe Cqe;

    internal CompletionEntry(in io_uring_cqe cqe) => Cqe = cqe;

    /// <summary>The operation's result: what the matching system call would return, or a negated errno.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public int Result => Cqe.res;

    /// <summary>The user data of the submission entry this completes.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public ulong UserData => Cqe.user_data;

    /// <summary>The <c>IORING_CQE_F_*</c> flags.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public CqeFlags Flags => (CqeFlags)Cqe.flags;

    /// <summary>The selected buffer's id when <c>IORING_CQE_F_BUFFER</c> is set (the upper 16 bits of the flags); otherwise null.</summary>
    /// <remarks>Available since Linux 5.7.</remarks>
    public ushort? BufferId => CompletionFlags.BufferId(Cqe.flags);

    /// <summary>Whether more completions will follow for the same request (<c>IORING_CQE_F_MORE</c>: multishot, zero-copy send).</summary>
    /// <remarks>Available since Linux 5.13.</remarks>
    public bool HasMore => (Cqe.flags & IORING_CQE_F_MORE) != 0;

    /// <summary>Whether this is a zero-copy send's buffer-release notification (<c>IORING_CQE_F_NOTIF</c>).</summary>
    /// <remarks>Available since Linux 6.0.</remarks>
    public bool IsNotification => (Cqe.flags & IORING_CQE_F_NOTIF) != 0;

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
    public override string ToString() => EntryText.Describe(Cqe, nameof(CompletionEntry));
}

/// <summary>Decoding of the completion flags shared by both CQE sizes.</summary>
internal static class CompletionFlags
{
    internal static ushort? BufferId(uint flags) =>
        (flags & IORING_CQE_F_BUFFER) != 0 ? (ushort)(flags >> IORING_CQE_BUFFER_SHIFT) : null;
}
