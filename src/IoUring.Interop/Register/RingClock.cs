namespace IoUring.Interop;

/// <summary>The clocks a ring's wait timeouts can use (<see cref="Submitter.RegisterClock"/>); values are the clockid_t numbers.</summary>
/// <remarks>Available since Linux 6.12.</remarks>
public enum RingClock : uint
{
    /// <summary>CLOCK_MONOTONIC, the default.</summary>
    Monotonic = 1,

    /// <summary>CLOCK_BOOTTIME: like monotonic, but also counts time the system was suspended.</summary>
    BootTime = 7,
}
