using System;
using System.Threading;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests.Register;

// Mirrors io-uring-test/src/tests/register_fdevent.rs: the eventfd counter moves when completions are posted.
public sealed unsafe class RegisterFdeventTests
{
    [Fact]
    public void RegisterEventfd_CounterMovesAfterANop_UntilUnregistered()
    {
        using var ring = new Ring(8);
        int eventfd = NewEventfd();
        try
        {
            ring.Submitter.RegisterEventfd(eventfd);
            Assert.Equal("EBUSY", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterEventfd(eventfd)).ErrnoName);

            Sqes.AssertNopRoundTrip(ring, 1);
            Assert.True(Libc.ReadEventfd(eventfd) >= 1, "no notification while registered");

            ring.Submitter.UnregisterEventfd();
            Sqes.AssertNopRoundTrip(ring, 2);
            Assert.Equal(0UL, Libc.ReadEventfd(eventfd));
            Assert.Equal("ENXIO", Assert.Throws<IoUringException>(() => ring.Submitter.UnregisterEventfd()).ErrnoName);
        }
        finally
        {
            Libc.close(eventfd);
        }
    }

    [Fact]
    public void RegisterEventfdAsync_SignalsOnlyCompletionsThatWentAsync()
    {
        using var ring = new Ring(8);
        int eventfd = NewEventfd();
        try
        {
            ring.Submitter.RegisterEventfdAsync(eventfd);

            // A NOP completes inline, during the submit: no notification.
            Sqes.AssertNopRoundTrip(ring, 1);
            Assert.Equal(0UL, Libc.ReadEventfd(eventfd));

            // The eventfd_async eventfd is signalled only from io-wq workers (io_uring/eventfd.c); IOSQE_ASYNC
            // sends the NOP there.
            Assert.Equal(0, Sqes.Run(ring, Sqes.Nop(2).WithFlags(SqeFlags.Async)).Result);
            Assert.True(Libc.ReadEventfd(eventfd) >= 1, "the async completion was not signalled");
        }
        finally
        {
            Libc.close(eventfd);
        }
    }

    private static int NewEventfd()
    {
        int fd = Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
        Assert.True(fd >= 0, "eventfd failed");
        return fd;
    }
}
