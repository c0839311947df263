using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Threading;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>A signal delivered to the waiting thread ends the wait with EINTR, reported without throwing by the Try forms.</summary>
[SupportedOSPlatform("linux")]
public partial class InterruptTests
{
    private const int SIGCONT = 18;

    [Fact]
    public void A_signal_during_the_wait_is_reported_as_interrupted()
    {
        using Ring ring = new(4);

        // SIGCONT is ignored unless handled; registering makes the runtime install its handler, so the signal
        // is delivered (and interrupts io_uring_enter) instead of being discarded.
        using PosixSignalRegistration registration = PosixSignalRegistration.Create(PosixSignal.SIGCONT, context => context.Cancel = true);
        int pid = Environment.ProcessId;
        int tid = Libc.gettid();
        var signaller = new Thread(() =>
        {
            Thread.Sleep(200);
            Libc.tgkill(pid, tid, SIGCONT);
        });
        signaller.Start();

        var clock = Stopwatch.StartNew();
        SubmitStatus status = ring.Submitter.TrySubmitWithArgs(1, new SubmitArgs().WithTimeout(TimeSpan.FromSeconds(5)), out int submitted);
        signaller.Join();

        status.Should().Be(SubmitStatus.Interrupted);
        ((int)status).Should().Be(4, "the status is the errno, EINTR");
        submitted.Should().Be(0);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4), "the signal, not the timeout, ended the wait");
    }
}
