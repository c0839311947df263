using System;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests.Native;

/// <summary>The remaining generated io_uring_register(2) methods against the running kernel.</summary>
public sealed unsafe class RegisterTests
{
    [Fact]
    public void RegisterProbe_reports_nop_as_supported()
    {
        using NativeRing ring = NativeRing.Create();
        const int opsLength = 256;
        byte* buffer = stackalloc byte[sizeof(io_uring_probe) + (opsLength * sizeof(io_uring_probe_op))];
        new Span<byte>(buffer, sizeof(io_uring_probe) + (opsLength * sizeof(io_uring_probe_op))).Clear();
        var probe = (io_uring_probe*)buffer;

        Syscalls.RegisterProbe(ring.Fd, probe, opsLength).Should().Be(0);

        probe->last_op.Should().BeGreaterThan((byte)io_uring_op.IORING_OP_MSG_RING);
        probe->ops_len.Should().Be((byte)(probe->last_op + 1));
        io_uring_probe_op nop = probe->ops(probe->ops_len)[(int)io_uring_op.IORING_OP_NOP];
        (nop.flags & IO_URING_OP_SUPPORTED).Should().NotBe(0);
        Syscalls.RegisterProbe(ring.Fd, probe, opsLength + 1).Should().Be(-Errno.EINVAL, "the wrapper refuses more than 256 entries");
    }

    [Fact]
    public void RegisterPersonality_returns_an_id_that_unregisters_once()
    {
        using NativeRing ring = NativeRing.Create();

        int id = Syscalls.RegisterPersonality(ring.Fd);

        id.Should().BeGreaterThan(0);
        Syscalls.UnregisterPersonality(ring.Fd, (uint)id).Should().Be(0);
        Syscalls.UnregisterPersonality(ring.Fd, (uint)id).Should().Be(-Errno.EINVAL);
    }

    [Fact]
    public void RegisterEventfd_and_the_async_variant()
    {
        using NativeRing ring = NativeRing.Create();
        using var eventfd = new EventFdHandle();
        int efd = eventfd.Fd;
        Syscalls.RegisterEventfd(ring.Fd, [efd]).Should().Be(0);
        Syscalls.RegisterEventfd(ring.Fd, [efd]).Should().Be(-Errno.EBUSY);
        Syscalls.UnregisterEventfd(ring.Fd).Should().Be(0);
        Syscalls.RegisterEventfdAsync(ring.Fd, [efd]).Should().Be(0);
        Syscalls.UnregisterEventfd(ring.Fd).Should().Be(0);
        Syscalls.UnregisterEventfd(ring.Fd).Should().Be(-Errno.ENXIO);
        Syscalls.RegisterEventfd(ring.Fd, [efd, efd]).Should().Be(-Errno.EINVAL, "nr_args must be 1");
    }

    [Fact]
    public void RegisterIowqAff_sets_and_clears_the_worker_affinity()
    {
        using NativeRing ring = NativeRing.Create();
        Span<byte> cpuSet = stackalloc byte[128]; // glibc's cpu_set_t
        cpuSet.Clear();
        cpuSet[0] = 1; // CPU 0

        Syscalls.RegisterIowqAff(ring.Fd, cpuSet).Should().Be(0);
        Syscalls.UnregisterIowqAff(ring.Fd).Should().Be(0);
        Syscalls.RegisterIowqAff(ring.Fd, default).Should().Be(-Errno.EINVAL, "an empty mask is refused");
    }

    [Fact]
    public void RegisterIowqMaxWorkers_returns_the_previous_limits()
    {
        using NativeRing ring = NativeRing.Create();
        Span<uint> limits = stackalloc uint[2];

        limits[0] = 3;
        limits[1] = 5;
        Syscalls.RegisterIowqMaxWorkers(ring.Fd, limits).Should().Be(0);
        limits[0] = 0; // 0 reads without changing
        limits[1] = 0;
        Syscalls.RegisterIowqMaxWorkers(ring.Fd, limits).Should().Be(0);

        limits.ToArray().Should().Equal(3u, 5u);
        Syscalls.RegisterIowqMaxWorkers(ring.Fd, limits[..1]).Should().Be(-Errno.EINVAL, "the wrapper needs exactly two values");
    }

    [Fact]
    public void RegisterRestrictions_on_a_disabled_ring_then_enable()
    {
        using NativeRing ring = NativeRing.Create(SetupFlags.RDisabled);
        Span<io_uring_restriction> restrictions = stackalloc io_uring_restriction[2];
        restrictions.Clear();
        restrictions[0].opcode = (ushort)RestrictionOp.RegisterOp;
        restrictions[0].register_op = (byte)io_uring_register_op.IORING_REGISTER_PROBE;
        restrictions[1].opcode = (ushort)RestrictionOp.SqeOp;
        restrictions[1].sqe_op = (byte)io_uring_op.IORING_OP_NOP;

        Syscalls.RegisterRestrictions(ring.Fd, restrictions).Should().Be(0);
        Syscalls.RegisterEnableRings(ring.Fd).Should().Be(0);

        Syscalls.RegisterPersonality(ring.Fd).Should().Be(-Errno.EACCES, "only PROBE is allowed after enabling");
        Syscalls.RegisterEnableRings(ring.Fd).Should().Be(-Errno.EACCES);
    }

    [Fact]
    public void RegisterPbufRing_status_and_unregister()
    {
        using NativeRing ring = NativeRing.Create();
        using var memory = new PageMemory(1);
        io_uring_buf_reg reg = default;
        reg.ring_addr = memory.Address;
        reg.ring_entries = 8;
        reg.bgid = 3;

        Syscalls.RegisterPbufRing(ring.Fd, reg).Should().Be(0);

        io_uring_buf_status status = default;
        status.buf_group = 3;
        int result = Syscalls.RegisterPbufStatus(ring.Fd, ref status);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_PBUF_STATUS", "6.8");
        result.Should().Be(0);
        status.head.Should().Be(0u);
        status.buf_group = 4;
        Syscalls.RegisterPbufStatus(ring.Fd, ref status).Should().Be(-Errno.ENOENT);

        Syscalls.UnregisterPbufRing(ring.Fd, reg).Should().Be(0);
        Syscalls.UnregisterPbufRing(ring.Fd, reg).Should().Be(-Errno.ENOENT);
    }

    [Fact]
    public void RegisterSyncCancel_with_nothing_in_flight_is_ENOENT()
    {
        using NativeRing ring = NativeRing.Create();
        io_uring_sync_cancel_reg cancel = default;
        cancel.addr = 0x1234; // user_data
        cancel.fd = -1;
        cancel.timeout.tv_sec = -1; // no timeout
        cancel.timeout.tv_nsec = -1;

        Syscalls.RegisterSyncCancel(ring.Fd, cancel).Should().Be(-Errno.ENOENT);
    }

    [Fact]
    public void RegisterClock_accepts_boottime_and_rejects_an_unknown_clock()
    {
        using NativeRing ring = NativeRing.Create();
        io_uring_clock_register clock = default;
        clock.clockid = 7; // CLOCK_BOOTTIME

        int result = Syscalls.RegisterClock(ring.Fd, clock);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_CLOCK", "6.12");
        result.Should().Be(0);
        clock.clockid = 99;
        Syscalls.RegisterClock(ring.Fd, clock).Should().Be(-Errno.EINVAL);
    }

    [Fact]
    public void RegisterResizeRings_grows_a_defer_taskrun_ring()
    {
        using NativeRing ring = NativeRing.Create(SetupFlags.SingleIssuer | SetupFlags.DeferTaskRun);
        io_uring_params p = default;
        p.sq_entries = 16;
        p.cq_entries = 64;
        p.flags = (uint)SetupFlags.CqSize;

        int result = Syscalls.RegisterResizeRings(ring.Fd, ref p);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_RESIZE_RINGS", "6.13");

        result.Should().Be(0);
        p.sq_entries.Should().Be(16u);
        p.cq_entries.Should().Be(64u);
        p.cq_off.cqes.Should().BeGreaterThan(0u, "the kernel writes the new ring offsets back");
    }

    [Fact]
    public void RegisterResizeRings_refuses_a_ring_without_defer_taskrun()
    {
        using NativeRing ring = NativeRing.Create();
        io_uring_params p = default;
        p.sq_entries = 16;

        int result = Syscalls.RegisterResizeRings(ring.Fd, ref p);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_RESIZE_RINGS", "6.13");
        result.Should().Be(-Errno.EINVAL);
    }

    [Fact]
    public void RegisterMemRegion_registers_a_wait_region_on_a_disabled_ring()
    {
        using NativeRing ring = NativeRing.Create(SetupFlags.RDisabled);
        using var memory = new PageMemory(1);
        int result = WaitRegion.Register(ring, memory);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_MEM_REGION", "6.13");

        result.Should().Be(0);
        WaitRegion.Register(ring, memory).Should().Be(-Errno.EBUSY, "a ring has one parameter region");
    }

    [Fact]
    public void RegisterQuery_without_a_ring_reports_the_opcode_counts()
    {
        io_uring_query_opcode opcodes = default;
        io_uring_query_hdr hdr = default;
        hdr.query_op = IO_URING_QUERY_OPCODES;
        hdr.query_data = (ulong)&opcodes;
        hdr.size = (uint)sizeof(io_uring_query_opcode);

        int result = Syscalls.RegisterQuery(-1, ref hdr);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_QUERY", "6.18");

        result.Should().Be(0);
        hdr.result.Should().Be(0);
        opcodes.nr_register_opcodes.Should().BeGreaterThan((uint)io_uring_register_op.IORING_REGISTER_QUERY);
        opcodes.nr_request_opcodes.Should().BeGreaterThan((uint)io_uring_op.IORING_OP_MSG_RING);
        (opcodes.enter_flags & (ulong)EnterFlags.GetEvents).Should().NotBe(0UL);
    }

    [Fact]
    public void RegisterNapi_and_unregister_return_the_previous_settings()
    {
        using NativeRing ring = NativeRing.Create();
        io_uring_napi napi = default;
        napi.busy_poll_to = 50;
        napi.opcode = (byte)io_uring_napi_op.IO_URING_NAPI_REGISTER_OP;
        napi.op_param = (uint)io_uring_napi_tracking_strategy.IO_URING_NAPI_TRACKING_DYNAMIC;

        int result = Syscalls.RegisterNapi(ring.Fd, ref napi);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_NAPI", "6.9");
        KernelGate.SkipIfConfiguredOut(result, "IORING_REGISTER_NAPI (CONFIG_NET_RX_BUSY_POLL)", Errno.EINVAL, Errno.EOPNOTSUPP);

        result.Should().Be(0);
        napi.busy_poll_to.Should().Be(0u, "the kernel returns the settings before the call");
        io_uring_napi previous = default;
        Syscalls.UnregisterNapi(ring.Fd, ref previous).Should().Be(0);
        previous.busy_poll_to.Should().Be(50u);
    }

    [Fact]
    public void RegisterSendMsgRing_without_a_source_ring_posts_to_the_target()
    {
        using NativeRing target = NativeRing.Create();
        io_uring_sqe sqe = default;
        sqe.opcode = (byte)io_uring_op.IORING_OP_MSG_RING;
        sqe.fd = target.Fd;
        sqe.addr = (ulong)io_uring_msg_ring_flags.IORING_MSG_DATA;
        sqe.len = 42;      // the target CQE's res
        sqe.off = 0xBEEF;  // the target CQE's user_data

        int result = Syscalls.RegisterSendMsgRing(-1, sqe);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_SEND_MSG_RING", "6.13");
        result.Should().Be(0);

        // The CQE is there: waiting for one completion returns at once instead of timing out.
        io_uring_getevents_arg wait = default;
        var timeout = new __kernel_timespec { tv_sec = 1 };
        wait.ts = (ulong)&timeout;
        Syscalls.Enter(target.Fd, 0, 1, EnterFlags.GetEvents, wait).Should().Be(0);

        sqe.flags = 1; // the blind form takes no SQE flags
        Syscalls.RegisterSendMsgRing(-1, sqe).Should().Be(-Errno.EINVAL);
    }

    [Fact]
    public void RegisterZcrxIfq_reaches_the_kernel_which_reads_through_its_pointers()
    {
        // A working zero-copy receive queue needs a NIC with header split; without one this checks that the
        // call, the struct and the pointers in it reach the kernel: a NULL region_ptr is a fault, a zeroed
        // region with no refill entries is an invalid registration.
        using NativeRing ring = NativeRing.Create(SetupFlags.SingleIssuer | SetupFlags.DeferTaskRun | SetupFlags.Cqe32);
        io_uring_zcrx_ifq_reg reg = default;

        int result = Syscalls.RegisterZcrxIfq(ring.Fd, ref reg);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_ZCRX_IFQ", "6.15");
        KernelGate.SkipIfConfiguredOut(result, "IORING_REGISTER_ZCRX_IFQ (needs CAP_NET_ADMIN)", Errno.EPERM);
        result.Should().Be(-Errno.EFAULT, "region_ptr is NULL");

        io_uring_region_desc region = default;
        io_uring_zcrx_area_reg area = default;
        reg.region_ptr = (ulong)&region;
        reg.area_ptr = (ulong)&area;
        Syscalls.RegisterZcrxIfq(ring.Fd, ref reg).Should().Be(-Errno.EINVAL, "rq_entries is 0");
    }

    [Fact]
    public void RegisterZcrxCtrl_on_a_ring_without_zcrx()
    {
        using NativeRing ring = NativeRing.Create();
        zcrx_ctrl ctrl = default;
        ctrl.op = (uint)zcrx_ctrl_op.ZCRX_CTRL_FLUSH_RQ;

        int result = Syscalls.RegisterZcrxCtrl(ring.Fd, ref ctrl);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_ZCRX_CTRL", "6.19");

        result.Should().Be(-Errno.ENXIO, "there is no zcrx instance 0");
    }

    [Fact]
    public void RegisterBpfFilter_with_an_empty_program_is_refused()
    {
        using NativeRing ring = NativeRing.Create();
        io_uring_bpf bpf = default;
        bpf.cmd_type = (ushort)IO_URING_BPF_CMD_FILTER;

        int result = Syscalls.RegisterBpfFilter(ring.Fd, bpf);
        KernelGate.SkipIfUnsupported(result, "IORING_REGISTER_BPF_FILTER", "7.0");

        result.Should().BeNegative("a filter without instructions is not a program");
    }
}
