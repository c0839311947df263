using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>How a ring tracks the NAPI ids it busy polls (io_uring_napi_tracking_strategy).</summary>
/// <remarks>Available since Linux 6.13 (before that, tracking is always dynamic).</remarks>
public enum NapiTracking : uint
{
    /// <summary>The ids of the sockets the ring's requests touch are added automatically.</summary>
    Dynamic = io_uring_napi_tracking_strategy.IO_URING_NAPI_TRACKING_DYNAMIC,

    /// <summary>Only ids added with <see cref="Submitter.RegisterNapiAddId"/> are polled.</summary>
    Static = io_uring_napi_tracking_strategy.IO_URING_NAPI_TRACKING_STATIC,

    /// <summary>No tracking: busy polling is off.</summary>
    Inactive = io_uring_napi_tracking_strategy.IO_URING_NAPI_TRACKING_INACTIVE,
}
