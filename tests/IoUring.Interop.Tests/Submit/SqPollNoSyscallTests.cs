using System;
using System.Runtime.InteropServices;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Proves that submitting to an awake SQPOLL thread makes no system call: the ring fd is swapped for an
/// eventfd (the mappings keep the ring alive), so any io_uring_enter would fail, yet Submit succeeds.</summary>
public partial class SqPollNoSyscallTests
{
    [Fact]
    public void Submit_to_an_awake_sqpoll_thread_does_not_enter_the_kernel()
    {
        using Ring ring = RingShapes.Create(RingShapes.SqPoll, 8); // 1 s idle: the thread stays awake
        RingTests.RoundTrip(ring, 1);
        using var decoy = new EventFdHandle();
        Libc.dup2(decoy.Fd, ring.FileDescriptor).Should().Be(ring.FileDescriptor);

        ring.SubmissionQueue.NeedWakeup.Should().BeFalse();
        ring.SubmissionQueue.TryPush(Nops.Make(2)).Should().BeTrue();
        ring.Submit().Should().BeInRange(0, 1, "no system call: the polling thread takes the entry");
        CompletionTests.WaitForCompletions(ring, 1);
        CompletionTests.DrainUserData(ring).Should().Equal(2UL);

        // Waiting does need the kernel: now the swapped fd shows that a call was made.
        IoUringException e = FluentActions.Invoking(() => ring.SubmitAndWait(1)).Should().Throw<IoUringException>().Which;
        e.Errno.Should().BeOneOf([95, 9], "io_uring_enter on an eventfd is refused (EOPNOTSUPP or EBADF)");
    }
}
