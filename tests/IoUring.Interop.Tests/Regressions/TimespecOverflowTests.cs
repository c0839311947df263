using System;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Issue 9, defect 9 (Timespec part): a timespec beyond TimeSpan's range threw a bare OverflowException.</summary>
public sealed class TimespecOverflowTests
{
    [Theory]
    [InlineData(long.MaxValue, 0L)]
    [InlineData(long.MinValue, 0L)]
    [InlineData(922337203685L, 999_999_999L)]
    public void Out_of_range_values_name_the_value_and_the_range(long seconds, long nanoseconds)
    {
        Timespec value = Timespec.From(seconds, nanoseconds);

        FluentActions.Invoking(() => value.ToTimeSpan()).Should().Throw<OverflowException>()
            .WithMessage($"*{value}*TimeSpan*-922337203685.4775808 s*922337203685.4775807 s*");
    }

    [Fact]
    public void The_ends_of_the_range_still_convert()
    {
        Timespec.FromTimeSpan(TimeSpan.MaxValue).ToTimeSpan().Should().Be(TimeSpan.MaxValue);
        Timespec.From(-5, 500).ToTimeSpan().Should().Be(TimeSpan.FromSeconds(-5) + TimeSpan.FromTicks(5));
        Timespec.From(1, -100).ToTimeSpan().Should().Be(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
    }
}
