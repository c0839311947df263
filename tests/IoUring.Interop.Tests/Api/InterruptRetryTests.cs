using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests;
using Xunit;

namespace IoUring.Interop.ApiTests;

/// <summary>Real signals arriving during a wait: the throwing forms retry EINTR (a timed wait with the time that is left),
/// the Try forms report <see cref="SubmitStatus.Interrupted"/>.</summary>
public unsafe class InterruptRetryTests
{
    // SIGCONT is ignored unless handled; with a PosixSignalRegistration the runtime installs a handler, so a signal
    // sent to the waiting thread interrupts io_uring_enter (EINTR) and harms nothing else in the test host.
    private const int SIGCONT = 18;

    [Fact]
    public void SubmitAndWait_keeps_waiting_through_signals_until_the_completion_arrives()
    {
        using var ring = new Ring(4);
        using var signals = new SignalStorm(Libc.gettid(), TimeSpan.FromMilliseconds(20));

        // The Try form sees the signals: the same storm makes an uncaught EINTR likely in the throwing form.
        int interrupted = 0;
        for (int i = 0; i < 5; i++)
        {
            if (ring.Submitter.TrySubmitWithArgs(1, new SubmitArgs().WithTimeout(TimeSpan.FromSeconds(2)), out _) == SubmitStatus.Interrupted)
                interrupted++;
        }

        interrupted.Should().BeGreaterThan(0, "signals sent to the waiting thread end an io_uring_enter wait with EINTR");

        Timespec delay = Timespec.From(0, 400_000_000);
        ring.SubmissionQueue.TryPush(new TimeoutAdd(&delay).Build().WithUserData(9)).Should().BeTrue();
        ring.SubmitAndWait(1).Should().Be(1);
        ring.CompletionQueue.TryDequeue(out var cqe).Should().BeTrue();
        cqe.UserData.Should().Be(9UL);
        cqe.Error.Should().Be(Errno.ETIME, "the timeout fired: the wait was not cut short by a signal");
        signals.Sent.Should().BeGreaterThan(5, "signals kept arriving during the wait");
    }

    [Fact]
    public void SubmitWithArgs_retries_with_the_time_that_is_left_then_reports_ETIME()
    {
        using var ring = new Ring(4);
        using var signals = new SignalStorm(Libc.gettid(), TimeSpan.FromMilliseconds(50), stopAfter: TimeSpan.FromSeconds(4));

        var clock = Stopwatch.StartNew();
        IoUringException e = Assert.Throws<IoUringException>(() =>
            ring.Submitter.SubmitWithArgs(1, new SubmitArgs().WithTimeout(TimeSpan.FromMilliseconds(500))));
        clock.Stop();

        e.Error.Should().Be(Errno.ETIME);
        signals.Sent.Should().BeGreaterThan(2, "signals arrived during the wait");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450), "the wait lasted its timeout");
        // A retry that restarted the whole timeout would still be waiting while the signals go on (4 s).
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3.5), "each retry waits only for the time that is left");
    }

    [Fact]
    public void Submit_with_nothing_to_wait_for_is_unaffected_by_signals()
    {
        using var ring = new Ring(4);
        using var signals = new SignalStorm(Libc.gettid(), TimeSpan.FromMilliseconds(1));

        for (int i = 0; i < 200; i++)
        {
            ring.SubmissionQueue.TryPush(new Nop().Build()).Should().BeTrue();
            ring.Submit().Should().Be(1);
            ring.SubmitAndWait(1);
            ring.CompletionQueue.TryDequeue(out _).Should().BeTrue();
        }
    }

    /// <summary>A thread that sends SIGCONT to one thread of this process at an interval until disposed.</summary>
    private sealed class SignalStorm : IDisposable
    {
        private readonly PosixSignalRegistration _registration;
        private readonly Thread _thread;
        private volatile bool _stop;
        private int _sent;

        public SignalStorm(int targetThread, TimeSpan interval, TimeSpan? stopAfter = null)
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGCONT, context => context.Cancel = true);
            int pid = Environment.ProcessId;
            var clock = Stopwatch.StartNew();
            _thread = new Thread(() =>
            {
                while (!_stop && (stopAfter is null || clock.Elapsed < stopAfter))
                {
                    Thread.Sleep(interval);
                    if (Libc.tgkill(pid, targetThread, SIGCONT) == 0)
                        Interlocked.Increment(ref _sent);
                }
            }) { IsBackground = true, Name = "signal storm" };
            _thread.Start();
        }

        public int Sent => Volatile.Read(ref _sent);

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
            _registration.Dispose();
        }
    }
}
