using System;
using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary>A duration or point in time with the layout of the kernel's <c>__kernel_timespec</c> (16 bytes).</summary>
/// <remarks>Rust's <c>types::Timespec</c>; used by timeouts and by <see cref="SubmitArgs"/>.
/// Available since Linux 5.4 (as an io_uring argument).</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/timespec.3type.html"/>
[StructLayout(LayoutKind.Sequential)]
public struct Timespec : IEquatable<Timespec>
{
    /// <summary>Whole seconds (<c>tv_sec</c>).</summary>
    /// <remarks>Available since Linux 5.4.</remarks>
    public long Seconds;

    /// <summary>Nanoseconds within the second, 0 to 999 999 999 (<c>tv_nsec</c>).</summary>
    /// <remarks>Available since Linux 5.4.</remarks>
    public long Nanoseconds;

    /// <summary>A timespec of <paramref name="seconds"/> and <paramref name="nanoseconds"/>.</summary>
    /// <remarks>Available since Linux 5.4.</remarks>
    public static Timespec From(long seconds, long nanoseconds) => new() { Seconds = seconds, Nanoseconds = nanoseconds };

    /// <summary>The timespec equal to a non-negative <paramref name="duration"/>, to 100 ns (one tick).</summary>
    /// <remarks>Available since Linux 5.4.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public static Timespec FromTimeSpan(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        long ticks = duration.Ticks;
        return From(ticks / TimeSpan.TicksPerSecond, ticks % TimeSpan.TicksPerSecond * TimeSpan.NanosecondsPerTick);
    }

    /// <summary>This timespec as a <see cref="TimeSpan"/> (nanoseconds truncated to ticks).</summary>
    /// <remarks>Available since Linux 5.4.</remarks>
    /// <exception cref="OverflowException">The value is outside what a <see cref="TimeSpan"/> holds (about ±29 227 years).</exception>
    public readonly TimeSpan ToTimeSpan()
    {
        // 128-bit, so any pair of longs can be checked against TimeSpan's range without overflowing first.
        Int128 ticks = (Int128)Seconds * TimeSpan.TicksPerSecond + Nanoseconds / TimeSpan.NanosecondsPerTick;
        if (ticks > long.MaxValue || ticks < long.MinValue)
        {
            throw new OverflowException(
                $"The timespec {this} is outside the range of TimeSpan (-922337203685.4775808 s to 922337203685.4775807 s).");
        }

        return TimeSpan.FromTicks((long)ticks);
    }

    /// <inheritdoc/>
    public readonly bool Equals(Timespec other) => Seconds == other.Seconds && Nanoseconds == other.Nanoseconds;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is Timespec other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(Seconds, Nanoseconds);

    /// <inheritdoc/>
    public override readonly string ToString() => $"{Seconds}.{Nanoseconds:D9}s";

    /// <summary>Compares two timespecs field by field.</summary>
    /// <remarks>Available since Linux 5.4.</remarks>
    public static bool operator ==(Timespec left, Timespec right) => left.Equals(right);

    /// <summary>Compares two timespecs field by field.</summary>
    /// <remarks>Available since Linux 5.4.</remarks>
    public static bool operator !=(Timespec left, Timespec right) => !left.Equals(right);
}
