using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>NAPI busy-poll settings for <see cref="Submitter.RegisterNapi"/>; the kernel writes the previous settings back into it.</summary>
/// <remarks>Available since Linux 6.9.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_napi.3.html"/>
public struct Napi
{
    internal io_uring_napi Native;

    /// <summary>How long to busy poll, in microseconds (0: off).</summary>
    public uint BusyPollTimeout
    {
        readonly get => Native.busy_poll_to;
        set => Native.busy_poll_to = value;
    }

    /// <summary>Whether to prefer busy polling over interrupts (SO_PREFER_BUSY_POLL).</summary>
    public bool PreferBusyPoll
    {
        readonly get => Native.prefer_busy_poll != 0;
        set => Native.prefer_busy_poll = value ? (byte)1 : (byte)0;
    }

    /// <summary>How the ring learns which NAPI ids to poll.</summary>
    /// <remarks>On the way in it selects the strategy; on the way back it is the strategy that was in force.</remarks>
    public NapiTracking Tracking
    {
        readonly get => (NapiTracking)Native.op_param;
        set => Native.op_param = (uint)value;
    }

    /// <summary>The settings as text.</summary>
    public override readonly string ToString()
        => $"Napi {{ BusyPollTimeout = {BusyPollTimeout}, PreferBusyPoll = {PreferBusyPoll}, Tracking = {Tracking} }}";
}
