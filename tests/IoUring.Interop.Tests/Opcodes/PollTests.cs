using System;
using System.Linq;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Xunit;
using static IoUring.Interop.Tests.Errno;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>Poll add/remove/update/multishot on an eventfd, and epoll through the ring, as in io-uring-test's poll.rs.</summary>
public unsafe class PollTests : IDisposable
{
    private readonly Ring ring = new(16);
    private readonly int eventFd = Libc.eventfd(0, Libc.O_CLOEXEC | Libc.O_NONBLOCK);

    public void Dispose()
    {
        ring.Dispose();
        Libc.close(eventFd);
    }

    private void Signal()
    {
        ulong one = 1;
        Libc.write(eventFd, &one, 8).Should().Be(8);
    }

    private void Consume()
    {
        ulong value;
        Libc.read(eventFd, &value, 8);
    }

    [Fact]
    public void PollAdd_completes_with_the_ready_mask()
    {
        ring.Push(new PollAdd(new Fd(eventFd), Libc.POLLIN).Build().WithUserData(1));
        ring.Submit();
        ring.Drain().Should().BeEmpty("nothing is readable yet");
        Signal();

        CompletionEntry cqe = ring.WaitFor(1)[0];
        cqe.UserData.Should().Be(1UL);
        ((uint)cqe.Result & Libc.POLLIN).Should().Be(Libc.POLLIN);
    }

    [Fact]
    public void PollRemove_cancels_an_armed_poll()
    {
        ring.Push(new PollAdd(new Fd(eventFd), Libc.POLLIN).Build().WithUserData(1));
        ring.Submit();
        var completions = ring.RunAll([new PollRemove(1).Build().WithUserData(2)], expected: 2);

        completions.Single(c => c.UserData == 1).Result.Should().Be(-ECANCELED);
        completions.Single(c => c.UserData == 2).Result.Should().Be(0);
        ring.Run(new PollRemove(1).Build()).Result.Should().Be(-ENOENT);
    }

    [Fact]
    public void Multishot_poll_reports_every_readiness_until_removed()
    {
        ring.Push(new PollAdd(new Fd(eventFd), Libc.POLLIN) { Multishot = true }.Build().WithUserData(3));
        ring.Submit();

        Signal();
        CompletionEntry first = ring.WaitFor(1)[0];
        Consume();
        Signal();
        CompletionEntry second = ring.WaitFor(1)[0];

        first.HasMore.Should().BeTrue();
        second.HasMore.Should().BeTrue();
        ((uint)second.Result & Libc.POLLIN).Should().Be(Libc.POLLIN);

        var end = ring.RunAll([new PollRemove(3).Build().WithUserData(4)], expected: 2);
        end.Single(c => c.UserData == 4).Result.Should().Be(0);
        CompletionEntry last = end.Single(c => c.UserData == 3);
        last.Result.Should().Be(-ECANCELED);
        last.HasMore.Should().BeFalse();
    }

    [Fact]
    public void PollUpdate_changes_events_and_user_data_in_place()
    {
        ring.Push(new PollAdd(new Fd(eventFd), Libc.POLLIN).Build().WithUserData(1));
        ring.Submit();

        // An eventfd is always writable, so once POLLOUT is asked for the poll fires at once, under the new user data.
        var completions = ring.RunAll([new PollUpdate(1) { NewUserData = 5, NewEvents = Libc.POLLOUT }.Build().WithUserData(2)], expected: 2);

        completions.Single(c => c.UserData == 2).Result.Should().Be(0);
        ((uint)completions.Single(c => c.UserData == 5).Result & Libc.POLLOUT).Should().Be(Libc.POLLOUT);
    }

    [Fact]
    public void EpollCtl_then_EpollWait_through_the_ring()
    {
        int epfd = Libc.epoll_create1(Libc.O_CLOEXEC);
        int second = Libc.eventfd(1, Libc.O_CLOEXEC | Libc.O_NONBLOCK);
        try
        {
            var ev = new EpollEvent { Events = Libc.EPOLLIN, Data = 0xABCDEF };
            ring.Run(new EpollCtl(new Fd(epfd), eventFd, Libc.EPOLL_CTL_ADD, &ev).Build()).Result.Should().Be(0);
            ring.Run(new EpollCtl(new Fd(epfd), eventFd, Libc.EPOLL_CTL_ADD, &ev).Build()).Result.Should().Be(-EEXIST);
            var ev2 = new EpollEvent { Events = Libc.EPOLLIN, Data = 0x1234_5678_9ABC_DEF0 };
            ring.Run(new EpollCtl(new Fd(epfd), second, Libc.EPOLL_CTL_ADD, &ev2).Build()).Result.Should().Be(0);

            OpcodeRing.RequireOpcode(ring, EpollWait.Code);
            Signal();
            EpollEvent* events = stackalloc EpollEvent[4];
            CompletionEntry cqe = ring.Run(new EpollWait(new Fd(epfd), events, 4).Build());

            // Two events, at the kernel's stride for this architecture (12 bytes on x86-64): the second is found
            // only through EpollEvent.At.
            cqe.Result.Should().Be(2);
            ulong[] data = [EpollEvent.At(events, 0).Data, EpollEvent.At(events, 1).Data];
            data.Should().BeEquivalentTo([0xABCDEFUL, 0x1234_5678_9ABC_DEF0UL]);
            (EpollEvent.At(events, 0).Events & Libc.EPOLLIN).Should().Be(Libc.EPOLLIN);
            (EpollEvent.At(events, 1).Events & Libc.EPOLLIN).Should().Be(Libc.EPOLLIN);
        }
        finally
        {
            Libc.close(second);
            Libc.close(epfd);
        }
    }
}
