using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Issue 18, defect 1: <see cref="Submitter.SubmitWithArgs"/> with <see cref="SubmitArgs.MinWaitUsec"/>.</summary>
/// <remarks>The kernel ends a wait with a minimum (io_uring/wait.c, io_cqring_min_timer_wakeup) once the minimum has
/// passed and a completion is ready, and then returns the submitted count (or 0 when nothing was submitted), not an
/// error: that return must not be taken for a signal. A real signal during the minimum wait must still be retried,
/// with what is left of the minimum, not with the whole minimum again.</remarks>
public sealed class MinWaitTests
{
    private const string Sqe128 = "sqe128";
    private const string Cqe32 = "cqe32";

    // SIGCONT is ignored unless handled; with a PosixSignalRegistration the runtime installs a handler, so a signal sent
    // to the waiting thread interrupts io_uring_enter (EINTR) and harms nothing else in the test host.
    private const int SIGCONT = 18;

    public static TheoryData<string> Shapes => new() { RingShapes.Default, Sqe128, Cqe32, RingShapes.Sqe128Cqe32 };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_min_wait_return_with_fewer_completions_than_wanted_is_the_answer(string shape)
    {
        using Ring ring = Create(shape);

        // The scenario: one NOP, two completions wanted, a 2 s timeout and a 1 s minimum.
        ring.SubmissionQueue.TryPush(Nops.Make(1)).Should().BeTrue();
        SubmitArgs args = default(SubmitArgs).WithTimeout(TimeSpan.FromSeconds(2)).WithMinWaitUsec(1_000_000);
        var clock = Stopwatch.StartNew();
        int submitted = ring.Submitter.SubmitWithArgs(2, args);
        clock.Stop();

        submitted.Should().Be(1);
        ring.CompletionQueue.Count.Should().Be(1, "the NOP completed; the second completion never comes");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(990), "the minimum wait is served first");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_short_minimum_ends_the_wait_long_before_the_timeout(string shape)
    {
        using Ring ring = Create(shape);
        ring.SubmissionQueue.TryPush(Nops.Make(1)).Should().BeTrue();
        SubmitArgs args = default(SubmitArgs).WithTimeout(TimeSpan.FromSeconds(60)).WithMinWaitUsec(100_000);
        var clock = Stopwatch.StartNew();
        ring.Submitter.SubmitWithArgs(2, args).Should().Be(1);
        clock.Stop();

        ring.CompletionQueue.Count.Should().Be(1);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(95));
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the 100 ms minimum, not the 60 s timeout, ends the wait");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void With_nothing_submitted_a_min_wait_return_is_0_and_no_error(string shape)
    {
        using Ring ring = Create(shape);
        ring.SubmissionQueue.TryPush(Nops.Make(1)).Should().BeTrue();
        ring.Submit().Should().Be(1);
        SubmitArgs args = default(SubmitArgs).WithTimeout(TimeSpan.FromSeconds(2)).WithMinWaitUsec(200_000);

        // The raw kernel answer first: 0, not ETIME, once the minimum passed with a completion ready.
        ring.Submitter.TrySubmitWithArgs(2, args, out int raw).Should().Be(SubmitStatus.Success);
        raw.Should().Be(0);

        var clock = Stopwatch.StartNew();
        ring.Submitter.SubmitWithArgs(2, args).Should().Be(0);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
        ring.CompletionQueue.Count.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Signals_during_the_minimum_wait_are_retried_with_what_is_left_of_it(string shape)
    {
        using Ring ring = Create(shape);
        ring.SubmissionQueue.TryPush(Nops.Make(1)).Should().BeTrue();

        // Signals every 20 ms for the whole call: each ends the kernel's wait early. A retry that restarted the 1 s
        // minimum would never reach it before the 10 s timeout (and, near the end, would refuse a minimum longer
        // than what is left of the timeout).
        using var signals = new SignalStorm(Libc.gettid(), TimeSpan.FromMilliseconds(20));
        SubmitArgs args = default(SubmitArgs).WithTimeout(TimeSpan.FromSeconds(10)).WithMinWaitUsec(1_000_000);
        var clock = Stopwatch.StartNew();
        int submitted = ring.Submitter.SubmitWithArgs(2, args);
        clock.Stop();
        int sent = signals.Stop();

        submitted.Should().Be(1);
        ring.CompletionQueue.Count.Should().Be(1);
        sent.Should().BeGreaterThan(5, "signals arrived during the minimum wait");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(990), "a signal does not end a minimum wait early");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "each retry waits only for what is left of the minimum");
    }

    [Fact]
    public void A_signal_with_a_min_wait_is_still_reported_by_the_try_form()
    {
        using Ring ring = Create(RingShapes.Default);
        using var signals = new SignalStorm(Libc.gettid(), TimeSpan.FromMilliseconds(20));
        SubmitArgs args = default(SubmitArgs).WithTimeout(TimeSpan.FromSeconds(5)).WithMinWaitUsec(2_000_000);

        // Nothing submitted, nothing completes: the kernel returns -EINTR for the signal, -ETIME never before 5 s.
        SubmitStatus status = ring.Submitter.TrySubmitWithArgs(1, args, out _);
        signals.Stop();
        status.Should().Be(SubmitStatus.Interrupted);
    }

    private static Ring Create(string shape)
    {
        Ring ring = shape switch
        {
            Sqe128 => Ring.Builder().SetupSqe128().Build(4),
            Cqe32 => Ring.Builder().SetupCqe32().Build(4),
            _ => RingShapes.Create(shape, 4),
        };

        if (!ring.Parameters.IsFeatureMinTimeout)
        {
            ring.Dispose();
            Assert.Skip("The kernel lacks IORING_FEAT_MIN_TIMEOUT (min_wait_usec, Linux 6.12).");
        }

        return ring;
    }

    /// <summary>A thread that sends SIGCONT to one thread of this process at an interval until stopped.</summary>
    private sealed class SignalStorm : IDisposable
    {
        private readonly PosixSignalRegistration _registration;
        private readonly Thread _thread;
        private volatile bool _stop;
        private int _sent;

        public SignalStorm(int targetThread, TimeSpan interval)
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGCONT, context => context.Cancel = true);
            int pid = Environment.ProcessId;
            var clock = Stopwatch.StartNew();
            _thread = new Thread(() =>
            {
                // Bounded, so a test that fails half-way never leaves a storm running.
                while (!_stop && clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    Thread.Sleep(interval);
                    if (!_stop && Libc.tgkill(pid, targetThread, SIGCONT) == 0)
                    {
                        Interlocked.Increment(ref _sent);
                    }
                }
            })
            { IsBackground = true };
            _thread.Start();
        }

        public int Stop()
        {
            _stop = true;
            _thread.Join();
            return Volatile.Read(ref _sent);
        }

        public void Dispose()
        {
            Stop();
            _registration.Dispose();
        }
    }
}
