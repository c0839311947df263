using System;
using System.Diagnostics;
using System.Linq;
using FluentAssertions;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Xunit;
using static IoUring.Interop.Tests.Errno;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>Timeouts: relative, absolute, count, remove, update, multishot and link timeouts, as in io-uring-test's timeout.rs.</summary>
public unsafe class TimeoutTests : IDisposable
{
    private readonly Ring ring = new(16);

    public void Dispose() => ring.Dispose();

    private static Timespec Millis(int ms) => Timespec.FromTimeSpan(TimeSpan.FromMilliseconds(ms));

    [Fact]
    public void Relative_timeout_expires_with_etime()
    {
        Timespec ts = Millis(20);
        var clock = Stopwatch.StartNew();
        CompletionEntry cqe = ring.Run(new TimeoutAdd(&ts).Build().WithUserData(1));

        cqe.Result.Should().Be(-ETIME);
        clock.ElapsedMilliseconds.Should().BeGreaterThanOrEqualTo(19);
    }

    [Fact]
    public void Absolute_timeout_expires_at_the_monotonic_time()
    {
        Timespec now = Libc.MonotonicNow();
        long deadline = (now.Seconds * 1_000_000_000L) + now.Nanoseconds + 30_000_000L;
        Timespec at = Timespec.From(deadline / 1_000_000_000L, deadline % 1_000_000_000L);
        var clock = Stopwatch.StartNew();

        CompletionEntry cqe = ring.Run(new TimeoutAdd(&at) { Flags = TimeoutFlags.Abs }.Build());

        cqe.Result.Should().Be(-ETIME);
        clock.ElapsedMilliseconds.Should().BeGreaterThanOrEqualTo(25);
    }

    [Fact]
    public void Etime_success_lets_a_linked_chain_continue_after_the_timer_fires()
    {
        Timespec ts = Millis(5);
        var plain = ring.RunAll(
        [
            new TimeoutAdd(&ts).Build().WithUserData(1).WithFlags(SqeFlags.IoLink),
            new Nop().Build().WithUserData(2),
        ]);
        var tolerant = ring.RunAll(
        [
            new TimeoutAdd(&ts) { Flags = TimeoutFlags.ETimeSuccess }.Build().WithUserData(3).WithFlags(SqeFlags.IoLink),
            new Nop().Build().WithUserData(4),
        ]);

        plain.Single(c => c.UserData == 2).Result.Should().Be(-ECANCELED, "ETIME fails the link");
        tolerant.Single(c => c.UserData == 3).Result.Should().Be(-ETIME);
        tolerant.Single(c => c.UserData == 4).Result.Should().Be(0, "IORING_TIMEOUT_ETIME_SUCCESS counts expiry as success");
    }

    [Fact]
    public void Boottime_and_realtime_clocks_are_accepted()
    {
        Timespec ts = Millis(2);
        ring.Run(new TimeoutAdd(&ts) { Flags = TimeoutFlags.BootTime }.Build()).Result.Should().Be(-ETIME);
        ring.Run(new TimeoutAdd(&ts) { Flags = TimeoutFlags.RealTime }.Build()).Result.Should().Be(-ETIME);
        ring.Run(new TimeoutAdd(&ts) { Flags = TimeoutFlags.BootTime | TimeoutFlags.RealTime }.Build()).Result.Should().Be(-EINVAL, "one clock at a time");
    }

    [Fact]
    public void Count_timeout_completes_with_zero_after_that_many_completions()
    {
        Timespec ts = Timespec.From(10, 0);
        var completions = ring.RunAll([new TimeoutAdd(&ts) { Count = 1 }.Build().WithUserData(1), new Nop().Build().WithUserData(2)]);

        completions.Single(c => c.UserData == 1).Result.Should().Be(0);
        completions.Single(c => c.UserData == 2).Result.Should().Be(0);
    }

    [Fact]
    public void TimeoutRemove_cancels_a_pending_timeout_and_reports_enoent_for_an_unknown_one()
    {
        Timespec ts = Timespec.From(10, 0);
        var completions = ring.RunAll([new TimeoutAdd(&ts).Build().WithUserData(1), new TimeoutRemove(1).Build().WithUserData(2)]);

        completions.Single(c => c.UserData == 1).Result.Should().Be(-ECANCELED);
        completions.Single(c => c.UserData == 2).Result.Should().Be(0);
        ring.Run(new TimeoutRemove(12345).Build()).Result.Should().Be(-ENOENT);
    }

    [Fact]
    public void TimeoutUpdate_rearms_a_pending_timeout()
    {
        Timespec longTime = Timespec.From(120, 0);
        Timespec shortTime = Millis(10);
        ring.Push(new TimeoutAdd(&longTime).Build().WithUserData(1));
        ring.Submit();
        var clock = Stopwatch.StartNew();
        var completions = ring.RunAll([new TimeoutUpdate(1, &shortTime).Build().WithUserData(2)], expected: 2);

        completions.Single(c => c.UserData == 2).Result.Should().Be(0);
        completions.Single(c => c.UserData == 1).Result.Should().Be(-ETIME);
        clock.Elapsed.Should().BeLessThan(Progress.Stall, "the update to 10 ms, not the original 120 s, ended the timeout");
    }

    [Fact]
    public void Multishot_timeout_fires_count_times()
    {
        Timespec ts = Millis(5);
        ring.Push(new TimeoutAdd(&ts) { Count = 3, Flags = TimeoutFlags.MultiShot }.Build().WithUserData(4));
        var completions = ring.WaitFor(3);
        if (completions[0].Result == -EINVAL)
        {
            Assert.Skip("IORING_TIMEOUT_MULTISHOT is not supported (EINVAL)");
        }

        completions.Should().OnlyContain(c => c.UserData == 4 && c.Result == -ETIME);
        completions.Select(c => c.HasMore).Should().Equal(true, true, false);
    }

    [Fact]
    public void LinkTimeout_cancels_a_request_that_takes_too_long()
    {
        (int r, int w) = Libc.Pipe();
        byte* buf = stackalloc byte[8];
        Timespec ts = Millis(10);
        try
        {
            var completions = ring.RunAll(
            [
                new Read(new Fd(r), buf, 8).Build().WithUserData(1).WithFlags(SqeFlags.IoLink),
                new LinkTimeout(&ts).Build().WithUserData(2),
            ]);

            completions.Single(c => c.UserData == 1).Result.Should().Be(-ECANCELED);
            completions.Single(c => c.UserData == 2).Result.Should().Be(-ETIME);
        }
        finally
        {
            Libc.close(r);
            Libc.close(w);
        }
    }

    [Fact]
    public void LinkTimeout_is_cancelled_when_the_request_finishes_first()
    {
        Timespec ts = Timespec.From(10, 0);
        var completions = ring.RunAll(
        [
            new Nop().Build().WithUserData(1).WithFlags(SqeFlags.IoLink),
            new LinkTimeout(&ts).Build().WithUserData(2),
        ]);

        completions.Single(c => c.UserData == 1).Result.Should().Be(0);
        completions.Single(c => c.UserData == 2).Result.Should().Be(-ECANCELED);
    }

    [Fact]
    public void LinkTimeout_can_be_updated()
    {
        (int r, int w) = Libc.Pipe();
        byte* buf = stackalloc byte[8];
        Timespec longTime = Timespec.From(10, 0);
        Timespec shortTime = Millis(5);
        try
        {
            ring.Push(new Read(new Fd(r), buf, 8).Build().WithUserData(1).WithFlags(SqeFlags.IoLink));
            ring.Push(new LinkTimeout(&longTime).Build().WithUserData(2));
            ring.Submit();
            var completions = ring.RunAll([new TimeoutUpdate(2, &shortTime) { LinkTimeout = true }.Build().WithUserData(3)], expected: 3);

            completions.Single(c => c.UserData == 3).Result.Should().Be(0);
            completions.Single(c => c.UserData == 2).Result.Should().Be(-ETIME);
            completions.Single(c => c.UserData == 1).Result.Should().Be(-ECANCELED);
        }
        finally
        {
            Libc.close(r);
            Libc.close(w);
        }
    }
}
