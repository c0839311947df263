using System;

namespace IoUring.Interop.AspNetCore;

/// <summary>What the transport factory does with a probe's answer: use rings, fall back to Sockets, or fail.</summary>
internal enum TransportChoice
{
    IoUring,
    SocketsFallback,
    Fail,
}

/// <summary>The pure decision rule, kept apart from the probe so that both are tested on their own.</summary>
internal static class TransportDecision
{
    public static TransportChoice Decide(IoUringAvailability availability, bool requireIoUring) =>
        availability.IsAvailable ? TransportChoice.IoUring
        : requireIoUring ? TransportChoice.Fail
        : TransportChoice.SocketsFallback;

    public static string FallbackMessage(IoUringAvailability availability) =>
        "io_uring transport unavailable, using the Sockets transport: " + availability.Reason + ".";

    public static PlatformNotSupportedException FailureException(IoUringAvailability availability) =>
        new("The io_uring transport was required (IoUringTransportOptions.RequireIoUring) but io_uring is unavailable: "
            + availability.Reason + ".");
}
