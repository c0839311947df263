using System;
using FluentAssertions;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Xunit;
using static IoUring.Interop.Tests.Errno;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>The generic URING_CMD builders, driven through the socket commands every kernel with socket uring_cmd has.</summary>
public unsafe class UringCmdTests
{
    [Fact]
    public void UringCmd16_carries_a_socket_command()
    {
        using var ring = new Ring(8);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        byte* data = stackalloc byte[5];
        Libc.send(client, data, 5, 0);
        CompletionEntry cqe = ring.Run(new UringCmd16(new Fd(server), (uint)io_uring_socket_op.SOCKET_URING_OP_SIOCINQ).Build());
        OpcodeRing.SkipOnErrno(cqe.Result, "socket uring_cmd", EOPNOTSUPP);
        cqe.Result.Should().Be(5);

        (int r, int w) = Libc.Pipe();
        ring.Run(new UringCmd16(new Fd(r), 0).Build()).Result.Should().Be(-EOPNOTSUPP, "a pipe has no uring_cmd handler");
        Loopback.Close(r, w);
    }

    [Fact]
    public void UringCmd80_fills_the_big_entry_on_an_sqe128_ring()
    {
        using var ring = Ring.Builder().SetupSqe128().Build(8);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        var builder = new UringCmd80(new Fd(server), (uint)io_uring_socket_op.SOCKET_URING_OP_SIOCINQ);
        UringCmdData80 command = default;
        command[79] = 0xEE;
        builder.Command = command;
        SubmissionEntry128 entry = builder.Build();
        entry.Command[79].Should().Be(0xEE, "the command bytes land in the entry's second half");

        byte* data = stackalloc byte[9];
        Libc.send(client, data, 9, 0);
        CompletionEntry cqe = ring.Run(entry);
        OpcodeRing.SkipOnErrno(cqe.Result, "socket uring_cmd", EOPNOTSUPP);
        cqe.Result.Should().Be(9);
    }

    [Fact]
    public void UringCmd128_on_an_sqe128_ring()
    {
        using var ring = Ring.Builder().SetupSqe128().Build(8);
        OpcodeRing.RequireOpcode(ring, UringCmd128.Code);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        CompletionEntry cqe = ring.Run(new UringCmd128(new Fd(server), (uint)io_uring_socket_op.SOCKET_URING_OP_SIOCINQ).Build());
        OpcodeRing.SkipOnErrno(cqe.Result, "URING_CMD128 on an SQE128 ring", EINVAL, EOPNOTSUPP);
        cqe.Result.Should().Be(0);
    }

    [Fact]
    public void RecvZc_without_a_registered_interface_queue_is_refused()
    {
        using var ring = new Ring(8);
        OpcodeRing.RequireOpcode(ring, RecvZc.Code);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        SubmissionEntry entry = new RecvZc(new Fd(server), 0, 0).Build();
        ((uint)entry.Native.ioprio & Constants.IORING_RECV_MULTISHOT).Should().NotBe(0u, "RECV_ZC is multishot only");

        // zcrx needs a NIC queue registered with Submitter.RegisterIfq; without one the kernel refuses the request.
        ring.Run(entry).Result.Should().BeNegative();
    }
}
