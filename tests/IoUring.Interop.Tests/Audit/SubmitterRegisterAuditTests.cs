using System;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests.Audit;

/// <summary>The Submitter members of the register ops that had only a generated method (ZCRX_CTRL, BPF_FILTER).</summary>
public class SubmitterRegisterAuditTests
{
    private static readonly Version Running = new(Environment.OSVersion.Version.Major, Environment.OSVersion.Version.Minor);

    [Fact]
    public void RegisterZcrxCtrl_without_a_zcrx_instance_is_ENXIO()
    {
        using var ring = new Ring(8);
        zcrx_ctrl control = default;
        control.op = (uint)zcrx_ctrl_op.ZCRX_CTRL_FLUSH_RQ;

        var error = Assert.Throws<IoUringException>(() => ring.Submitter.RegisterZcrxCtrl(ref control));
        SkipIfOlder(error, new Version(6, 19));

        error.ErrnoName.Should().Be("ENXIO", "the ring has no zcrx instance 0");
        error.Operation.Should().Be(nameof(io_uring_register_op.IORING_REGISTER_ZCRX_CTRL));
    }

    [Fact]
    public void RegisterBpfFilter_with_no_instructions_is_refused()
    {
        using var ring = new Ring(8);
        io_uring_bpf filter = default;
        filter.cmd_type = (ushort)IO_URING_BPF_CMD_FILTER;
        filter.filter.opcode = (uint)Opcode.Nop;

        var error = Assert.Throws<IoUringException>(() => ring.Submitter.RegisterBpfFilter(in filter));
        SkipIfOlder(error, new Version(7, 0));

        error.Operation.Should().Be(nameof(io_uring_register_op.IORING_REGISTER_BPF_FILTER));
        error.Errno.Should().BePositive("a filter of zero instructions is not a program");
    }

    [Fact]
    public void Register_members_throw_ObjectDisposedException_after_Dispose()
    {
        var ring = new Ring(8);
        Submitter submitter = ring.Submitter;
        ring.Dispose();

        zcrx_ctrl control = default;
        io_uring_bpf filter = default;
        Assert.Throws<ObjectDisposedException>(() => submitter.RegisterZcrxCtrl(ref control));
        Assert.Throws<ObjectDisposedException>(() => submitter.RegisterBpfFilter(in filter));
    }

    // An unknown register opcode is EINVAL (io_uring_register(2)); only a kernel older than the opcode may say so.
    private static void SkipIfOlder(IoUringException error, Version since)
    {
        if (error.ErrnoName == "EINVAL" && Running < since)
            Assert.Skip($"{error.Operation} failed with EINVAL ({error.Errno}): it was added in Linux {since}, this kernel is {Running}.");
    }
}
