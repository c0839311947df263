using System;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>The small value types (the Rust crate's types.rs).</summary>
public class TypesTests
{
    [Fact]
    public void Timespec_converts_from_time_span_and_back()
    {
        Timespec ts = Timespec.FromTimeSpan(TimeSpan.FromMilliseconds(1500.25));

        ts.Seconds.Should().Be(1);
        ts.Nanoseconds.Should().Be(500_250_000);
        ts.ToTimeSpan().Should().Be(TimeSpan.FromMilliseconds(1500.25));
        ts.Should().Be(Timespec.From(1, 500_250_000));
        (ts == Timespec.From(1, 500_250_000)).Should().BeTrue();
        FluentActions.Invoking(() => Timespec.FromTimeSpan(TimeSpan.FromTicks(-1))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void File_target_remembers_fixed_or_raw()
    {
        FileTarget raw = new Fd(5);
        FileTarget registered = new Fixed(3);

        raw.IsFixed.Should().BeFalse();
        raw.Value.Should().Be(5);
        registered.IsFixed.Should().BeTrue();
        registered.Value.Should().Be(3);
        registered.ToString().Should().Be("Fixed(3)");
    }

    [Fact]
    public void Destination_slot_refuses_the_allocation_sentinel()
    {
        DestinationSlot.Auto.IsAuto.Should().BeTrue();
        DestinationSlot.At(0).IsAuto.Should().BeFalse();
        DestinationSlot.At(0).ToString().Should().Be("At(0)");
        DestinationSlot.At(uint.MaxValue - 2).IsAuto.Should().BeFalse();
        FluentActions.Invoking(() => DestinationSlot.At(uint.MaxValue - 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("slot");
    }

    [Fact]
    public void Submit_args_builders_copy()
    {
        SubmitArgs none = default;
        SubmitArgs args = none.WithTimeout(Timespec.From(2, 3)).WithSignalMask(1UL << 1).WithMinWaitUsec(50);

        none.HasTimeout.Should().BeFalse();
        args.HasTimeout.Should().BeTrue();
        args.Timeout.Should().Be(Timespec.From(2, 3));
        args.HasSignalMask.Should().BeTrue();
        args.SignalMask.Should().Be(2);
        args.MinWaitUsec.Should().Be(50);
    }
}
