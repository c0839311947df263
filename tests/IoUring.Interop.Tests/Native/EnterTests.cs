using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests.Native;

/// <summary>The generated io_uring_enter(2) overloads against the running kernel.</summary>
public sealed unsafe class EnterTests
{
    [Fact]
    public void Enter_with_nothing_to_do_returns_zero()
    {
        using NativeRing ring = NativeRing.Create();

        Syscalls.Enter(ring.Fd, 0, 0, EnterFlags.None).Should().Be(0);
        Syscalls.Enter(ring.Fd, 0, 0, (EnterFlags)(1u << 30)).Should().Be(-Errno.EINVAL, "unknown flags are refused");
    }

    [Fact]
    public void Enter_with_the_kernel_sigset_size()
    {
        using NativeRing ring = NativeRing.Create();
        ulong mask = 0;

        // With nothing to reap the kernel installs the mask before waiting and checks argsz against its own
        // sigset_t (8 bytes): glibc's 128-byte size is refused at once.
        Syscalls.io_uring_enter(ring.Fd, 0, 1, (uint)EnterFlags.GetEvents, &mask, 128).Should().Be(-Errno.EINVAL);

        // The generated overload passes 8, so it waits until a completion arrives, posted from another thread.
        int target = ring.Fd;
        int posted = int.MinValue;
        var poster = new System.Threading.Thread(() =>
        {
            System.Threading.Thread.Sleep(100);
            io_uring_sqe sqe = default;
            sqe.opcode = (byte)io_uring_op.IORING_OP_MSG_RING;
            sqe.fd = target;
            sqe.len = 1;
            posted = Syscalls.RegisterSendMsgRing(-1, sqe);
        });
        poster.Start();
        int result = Syscalls.Enter(ring.Fd, 0, 1, EnterFlags.GetEvents, &mask);
        poster.Join();

        KernelGate.SkipIfUnsupported(posted, "IORING_REGISTER_SEND_MSG_RING (used to post the completion)", "6.13");
        posted.Should().Be(0);
        result.Should().Be(0);
    }

    [Fact]
    public void Enter_with_an_extended_argument_times_out()
    {
        using NativeRing ring = NativeRing.Create();
        var timeout = new __kernel_timespec { tv_nsec = 10_000_000 };
        io_uring_getevents_arg arg = default;
        arg.ts = (ulong)&timeout;

        Syscalls.Enter(ring.Fd, 0, 1, EnterFlags.GetEvents, arg).Should().Be(-Errno.ETIME);
    }

    [Fact]
    public void EnterRegisteredWait_reads_the_timeout_from_the_registered_region()
    {
        using NativeRing ring = NativeRing.Create(SetupFlags.RDisabled);
        using var memory = new PageMemory(1);
        int result = WaitRegion.Register(ring, memory);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_MEM_REGION", "6.13");
        result.Should().Be(0);
        Syscalls.RegisterEnableRings(ring.Fd).Should().Be(0);

        // The second io_uring_reg_wait slot of the region: 10 ms timeout.
        var slot = (io_uring_reg_wait*)(memory.Pointer + sizeof(io_uring_reg_wait));
        slot->ts.tv_nsec = 10_000_000;
        slot->flags = IORING_REG_WAIT_TS;

        Syscalls.EnterRegisteredWait(ring.Fd, 0, 1, EnterFlags.GetEvents, (uint)sizeof(io_uring_reg_wait)).Should().Be(-Errno.ETIME);
        Syscalls.EnterRegisteredWait(ring.Fd, 0, 1, EnterFlags.GetEvents, (uint)memory.Length).Should().Be(-Errno.EFAULT, "the offset is past the region");
    }
}
