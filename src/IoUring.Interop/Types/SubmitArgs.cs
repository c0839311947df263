using System;

namespace IoUring.Interop;

/// <summary>Extra arguments for <see cref="Submitter.SubmitWithArgs"/>: a wait timeout, a minimum wait and a signal mask.</summary>
/// <remarks>Rust's <c>types::SubmitArgs</c>, passed to the kernel as <c>io_uring_getevents_arg</c> with
/// <c>IORING_ENTER_EXT_ARG</c>. A value type: building one never allocates.
/// Available since Linux 5.11 (<see cref="MinWaitUsec"/> since Linux 6.12).</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
public readonly struct SubmitArgs
{
    private SubmitArgs(Timespec timeout, bool hasTimeout, ulong signalMask, bool hasSignalMask, uint minWaitUsec)
    {
        Timeout = timeout;
        HasTimeout = hasTimeout;
        SignalMask = signalMask;
        HasSignalMask = hasSignalMask;
        MinWaitUsec = minWaitUsec;
    }

    /// <summary>How long the wait may last before the call fails with ETIME.</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    public Timespec Timeout { get; }

    /// <summary>Whether <see cref="Timeout"/> is set.</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    public bool HasTimeout { get; }

    /// <summary>The kernel sigset (one bit per signal, bit <c>n - 1</c> for signal <c>n</c>) installed during the wait.</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    public ulong SignalMask { get; }

    /// <summary>Whether <see cref="SignalMask"/> is set.</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    public bool HasSignalMask { get; }

    /// <summary>Microseconds to wait for the full <c>want</c> count before returning with fewer (<c>min_wait_usec</c>).</summary>
    /// <remarks>Must not exceed <see cref="Timeout"/> when both are set: the kernel measures both from the start of the
    /// wait and, given a shorter timeout, ignores it and serves the whole minimum wait, so
    /// <see cref="Submitter.SubmitWithArgs"/> refuses that combination with an <see cref="ArgumentException"/>.
    /// Available since Linux 6.12 (<c>IORING_FEAT_MIN_TIMEOUT</c>).</remarks>
    public uint MinWaitUsec { get; }

    /// <summary>A copy with the wait timeout set.</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    public SubmitArgs WithTimeout(in Timespec timeout) => new(timeout, true, SignalMask, HasSignalMask, MinWaitUsec);

    /// <summary>A copy with the wait timeout set from a <see cref="TimeSpan"/>.</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    public SubmitArgs WithTimeout(TimeSpan timeout) => WithTimeout(Timespec.FromTimeSpan(timeout));

    /// <summary>A copy with the signal mask set.</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    public SubmitArgs WithSignalMask(ulong signalMask) => new(Timeout, HasTimeout, signalMask, true, MinWaitUsec);

    /// <summary>A copy with the minimum wait set.</summary>
    /// <remarks>Available since Linux 6.12.</remarks>
    public SubmitArgs WithMinWaitUsec(uint microseconds) => new(Timeout, HasTimeout, SignalMask, HasSignalMask, microseconds);
}
