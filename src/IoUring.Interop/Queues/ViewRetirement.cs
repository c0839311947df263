using System;
using System.Runtime.CompilerServices;

namespace IoUring.Interop;

/// <summary>Whether a queue view may still touch the ring's memory, and if not, why: kept inside each queue view.</summary>
/// <remarks>A queue view points straight into the ring's shared memory, so once that memory is unmapped (Dispose) or
/// replaced (ResizeRings) every access must fail rather than read or write stale memory. One volatile load per access,
/// as the ring's own disposed flag was.</remarks>
internal struct ViewRetirement
{
    internal const string RingDisposed = "The ring is disposed.";

    internal const string Resized = "Submitter.ResizeRings replaced the queue memory this view pointed at; take Ring.SubmissionQueue / Ring.CompletionQueue again.";

    // Null while the view is live; the message once it is retired.
    private volatile string? _reason;

    /// <summary>Retires the view for <paramref name="reason"/> (<see cref="RingDisposed"/> or <see cref="Resized"/>).</summary>
    internal void Retire(string reason) => _reason = reason;

    /// <summary>Throws <see cref="ObjectDisposedException"/> naming <paramref name="view"/> once the view is retired.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly void ThrowIfRetired(string view)
    {
        string? reason = _reason;
        if (reason is not null)
        {
            Throw(view, reason);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(string view, string reason) => throw new ObjectDisposedException(view, reason);
}
