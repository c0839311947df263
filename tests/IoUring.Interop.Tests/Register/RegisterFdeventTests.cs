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
        using var eventfd = new EventFdHandle();
        ring.Submitter.RegisterEventfd(eventfd.Fd);
        Assert.Equal("EBUSY", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterEventfd(eventfd.Fd)).ErrnoName);

        Sqes.AssertNopRoundTrip(ring, 1);
        Assert.True(eventfd.Take() >= 1, "no notification while registered");

        ring.Submitter.UnregisterEventfd();
        Sqes.AssertNopRoundTrip(ring, 2);
        Assert.Equal(0UL, eventfd.Take());
        Assert.Equal("ENXIO", Assert.Throws<IoUringException>(() => ring.Submitter.UnregisterEventfd()).ErrnoName);
    }

    [Fact]
    public void RegisterEventfdAsync_SignalsOnlyCompletionsThatWentAsync()
    {
        using var ring = new Ring(8);
        using var eventfd = new EventFdHandle();
        ring.Submitter.RegisterEventfdAsync(eventfd.Fd);

        // A NOP completes inline, during the submit: no notification.
        Sqes.AssertNopRoundTrip(ring, 1);
        Assert.Equal(0UL, eventfd.Take());

        // The eventfd_async eventfd is signalled only from io-wq workers (io_uring/eventfd.c); IOSQE_ASYNC
        // sends the NOP there.
        Assert.Equal(0, Sqes.Run(ring, Sqes.Nop(2).WithFlags(SqeFlags.Async)).Result);
        Assert.True(eventfd.Take() >= 1, "the async completion was not signalled");
    }
}
