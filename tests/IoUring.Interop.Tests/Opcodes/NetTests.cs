using System;
using System.Linq;
using System.Runtime.InteropServices;
using FluentAssertions;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Xunit;
using static IoUring.Interop.Tests.Errno;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>Socket opcodes on 127.0.0.1, as in io-uring-test's net.rs.</summary>
public unsafe class NetTests : IDisposable
{
    private readonly Ring ring = new(64);

    public void Dispose() => ring.Dispose();

    private static byte[] Message(int length, int seed) => Enumerable.Range(0, length).Select(i => (byte)(seed + i)).ToArray();

    [Fact]
    public void Socket_Bind_Listen_Connect_Accept_through_the_ring()
    {
        OpcodeRing.RequireOpcode(ring, Bind.Code);
        OpcodeRing.RequireOpcode(ring, Listen.Code);
        int server = ring.Run(new CreateSocket(Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0).Build()).Result;
        int client = ring.Run(new CreateSocket(Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0).Build()).Result;
        int accepted = -1;
        try
        {
            server.Should().BeGreaterThan(2);
            client.Should().BeGreaterThan(2);
            SockAddrIn addr = SockAddrIn.Loopback(0);
            ring.Run(new Bind(new Fd(server), &addr, SockAddrIn.Size).Build()).Result.Should().Be(0);
            ring.Run(new Listen(new Fd(server), 8).Build()).Result.Should().Be(0);
            SockAddrIn bound = Loopback.LocalAddress(server);
            bound.Port.Should().NotBe((ushort)0);

            SockAddrIn peer = default;
            uint peerLength = SockAddrIn.Size;
            var completions = ring.RunAll(
            [
                new Accept(new Fd(server), &peer, &peerLength).Build().WithUserData(1),
                new Connect(new Fd(client), &bound, SockAddrIn.Size).Build().WithUserData(2),
            ]);

            var byUserData = completions.ToDictionary(c => c.UserData, c => c.Result);
            accepted = byUserData[1];
            accepted.Should().BeGreaterThan(2);
            byUserData[2].Should().Be(0);
            peerLength.Should().Be(SockAddrIn.Size);
            peer.Family.Should().Be((ushort)Libc.AF_INET);
            peer.Port.Should().Be(Loopback.LocalAddress(client).Port);
        }
        finally
        {
            Loopback.Close(server, client, accepted);
        }
    }

    [Fact]
    public void Socket_and_Accept_into_direct_descriptors()
    {
        ring.Submitter.RegisterFilesSparse(8);
        CompletionEntry direct = ring.Run(new CreateSocket(Libc.AF_INET, Libc.SOCK_STREAM, 0) { FileIndex = DestinationSlot.At(2) }.Build());
        direct.Result.Should().Be(0);
        ring.Run(new Close(new Fixed(2)).Build()).Result.Should().Be(0);

        (int listener, SockAddrIn addr) = Loopback.Listener();
        int client = Loopback.Connect(addr);
        try
        {
            CompletionEntry accepted = ring.Run(new Accept(new Fd(listener), null, null) { FileIndex = DestinationSlot.Auto }.Build());
            accepted.Result.Should().BeInRange(0, 7);
            byte* data = stackalloc byte[] { 5, 6 };
            ring.Run(new Send(new Fixed((uint)accepted.Result), data, 2).Build()).Result.Should().Be(2);
            byte* back = stackalloc byte[2];
            Libc.recv(client, back, 2, Libc.MSG_WAITALL).Should().Be(2);
            back[1].Should().Be(6);
        }
        finally
        {
            Loopback.Close(listener, client);
        }
    }

    [Fact]
    public void Send_and_Recv()
    {
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        byte[] data = Message(100, 3);
        byte[] back = new byte[100];
        fixed (byte* src = data)
        fixed (byte* dst = back)
        {
            ring.Run(new Send(new Fd(client), src, 100).Build()).Result.Should().Be(100);
            ring.Run(new Recv(new Fd(server), dst, 100) { Flags = Libc.MSG_WAITALL }.Build()).Result.Should().Be(100);
        }

        back.Should().Equal(data);
    }

    [Fact]
    public void Send_with_a_destination_address_works_like_sendto()
    {
        using UdpPair pair = UdpPair.Open();
        (int a, SockAddrIn aAddr, int b, SockAddrIn bAddr) = (pair.A, pair.AAddress, pair.B, pair.BAddress);
        byte* data = stackalloc byte[] { 1, 2, 3, 4 };
        byte* back = stackalloc byte[8];
        CompletionEntry sent = ring.Run(new Send(new Fd(a), data, 4) { DestinationAddress = &bAddr, DestinationAddressLength = (ushort)SockAddrIn.Size }.Build());
        OpcodeRing.SkipOnErrno(sent.Result, "IORING_OP_SEND with a destination address (Linux 6.6)", EINVAL);
        sent.Result.Should().Be(4);
        ring.Run(new Recv(new Fd(b), back, 8).Build()).Result.Should().Be(4);
        back[3].Should().Be(4);
    }

    [Fact]
    public void Accept_with_dontwait_fails_at_once_when_nobody_connects()
    {
        (int listener, _) = Loopback.Listener();
        try
        {
            CompletionEntry cqe = ring.Run(new Accept(new Fd(listener), null, null) { IoUringFlags = AcceptFlags.DontWait }.Build());
            OpcodeRing.SkipOnErrno(cqe.Result, "IORING_ACCEPT_DONTWAIT", EINVAL);
            cqe.Result.Should().Be(-EAGAIN);
        }
        finally
        {
            Loopback.Close(listener);
        }
    }

    [Fact]
    public void SendMsg_and_RecvMsg_over_udp_carry_the_source_address()
    {
        using UdpPair pair = UdpPair.Open();
        (int a, SockAddrIn aAddr, int b, SockAddrIn bAddr) = (pair.A, pair.AAddress, pair.B, pair.BAddress);
        byte[] part1 = Message(10, 1), part2 = Message(20, 50);
        byte[] back = new byte[64];
        fixed (byte* p1 = part1)
        fixed (byte* p2 = part2)
        fixed (byte* pb = back)
        {
            IoVector* send = stackalloc IoVector[2];
            send[0] = new IoVector(p1, 10);
            send[1] = new IoVector(p2, 20);
            var sendHdr = new MsgHdr { Name = &bAddr, NameLength = SockAddrIn.Size, IoVecs = send, IoVecCount = 2 };
            IoVector recvVec = new(pb, 64);
            SockAddrIn from = default;
            var recvHdr = new MsgHdr { Name = &from, NameLength = SockAddrIn.Size, IoVecs = &recvVec, IoVecCount = 1 };

            ring.Run(new SendMsg(new Fd(a), &sendHdr).Build()).Result.Should().Be(30);
            ring.Run(new RecvMsg(new Fd(b), &recvHdr).Build()).Result.Should().Be(30);

            from.Port.Should().Be(aAddr.Port);
            recvHdr.NameLength.Should().Be(SockAddrIn.Size);
        }

        back.Take(30).Should().Equal(part1.Concat(part2));

        sizeof(MsgHdr).Should().Be(56);
    }

    [Fact]
    public void SendZc_completes_then_posts_a_notification()
    {
        OpcodeRing.RequireOpcode(ring, SendZc.Code);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        byte[] data = Message(4000, 9);
        byte[] back = new byte[4000];
        fixed (byte* src = data)
        fixed (byte* dst = back)
        {
            var completions = ring.RunAll([new SendZc(new Fd(client), src, 4000).Build().WithUserData(77)], expected: 2);

            CompletionEntry result = completions.Single(c => !c.IsNotification);
            CompletionEntry notification = completions.Single(c => c.IsNotification);
            result.Result.Should().Be(4000);
            result.HasMore.Should().BeTrue("a notification follows");
            result.UserData.Should().Be(77UL);
            notification.UserData.Should().Be(77UL);
            notification.HasMore.Should().BeFalse();
            Libc.recv(server, dst, 4000, Libc.MSG_WAITALL).Should().Be(4000);
        }

        back.Should().Equal(data);
    }

    [Fact]
    public void SendZc_from_a_registered_buffer_reports_copied_usage_on_loopback()
    {
        OpcodeRing.RequireOpcode(ring, SendZc.Code);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        byte* mem = (byte*)NativeMemory.AllocZeroed(4096);
        byte* back = stackalloc byte[100];
        try
        {
            IoVector reg = new(mem, 4096);
            ring.Submitter.RegisterBuffers(new ReadOnlySpan<IoVector>(&reg, 1));
            Message(100, 40).CopyTo(new Span<byte>(mem + 200, 100));

            var completions = ring.RunAll(
                [new SendZc(new Fd(client), mem + 200, 100) { BufferIndex = 0, ZcFlags = RecvSendFlags.ZcReportUsage }.Build().WithUserData(3)],
                expected: 2);

            completions.Single(c => !c.IsNotification).Result.Should().Be(100);
            CompletionEntry notification = completions.Single(c => c.IsNotification);
            // Loopback cannot hand pages to a NIC, so the kernel reports that it copied (IORING_NOTIF_USAGE_ZC_COPIED).
            ((uint)notification.Result & Constants.IORING_NOTIF_USAGE_ZC_COPIED).Should().Be(Constants.IORING_NOTIF_USAGE_ZC_COPIED);
            Libc.recv(server, back, 100, Libc.MSG_WAITALL).Should().Be(100);
            new Span<byte>(back, 100).ToArray().Should().Equal(Message(100, 40));
        }
        finally
        {
            NativeMemory.Free(mem);
        }
    }

    [Fact]
    public void SendMsgZc_completes_then_posts_a_notification()
    {
        OpcodeRing.RequireOpcode(ring, SendMsgZc.Code);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        byte[] data = Message(300, 1);
        byte[] back = new byte[300];
        fixed (byte* src = data)
        fixed (byte* dst = back)
        {
            IoVector vec = new(src, 300);
            var hdr = new MsgHdr { IoVecs = &vec, IoVecCount = 1 };
            var completions = ring.RunAll([new SendMsgZc(new Fd(client), &hdr).Build().WithUserData(5)], expected: 2);

            completions.Single(c => !c.IsNotification).Result.Should().Be(300);
            completions.Should().ContainSingle(c => c.IsNotification);
            Libc.recv(server, dst, 300, Libc.MSG_WAITALL).Should().Be(300);
        }

        back.Should().Equal(data);
    }

    [Fact]
    public void AcceptMulti_posts_one_completion_per_connection_until_cancelled()
    {
        (int listener, SockAddrIn addr) = Loopback.Listener();
        int c1 = -1, c2 = -1;
        var accepted = new System.Collections.Generic.List<int>();
        try
        {
            ring.Push(new AcceptMulti(new Fd(listener)) { Flags = Libc.SOCK_CLOEXEC }.Build().WithUserData(10));
            ring.Submit();
            c1 = Loopback.Connect(addr);
            c2 = Loopback.Connect(addr);
            var completions = ring.WaitFor(2);

            completions.Should().OnlyContain(c => c.UserData == 10 && c.Result > 2 && c.HasMore);
            accepted.AddRange(completions.Select(c => c.Result));

            var cancel = ring.RunAll([new AsyncCancel(10).Build().WithUserData(11)], expected: 2);
            cancel.Single(c => c.UserData == 11).Result.Should().Be(0);
            CompletionEntry last = cancel.Single(c => c.UserData == 10);
            last.Result.Should().Be(-ECANCELED);
            last.HasMore.Should().BeFalse();
        }
        finally
        {
            Loopback.Close(listener, c1, c2);
            Loopback.Close(accepted.ToArray());
        }
    }

    [Fact]
    public void RecvMulti_with_a_buffer_ring_whose_tail_wraps_past_65535()
    {
        const ushort Entries = 8, Group = 3;
        const int Size = 64;
        using var provided = new ProvidedBuffers(ring, Entries, Group, Size);
        BufferRing buffers = provided.Ring;
        byte* mem = provided.Memory;
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        int zero = -1;
        try
        {
            // Walk the ring close to the 16-bit wrap with cheap buffer-selecting reads of /dev/zero,
            // returning every buffer the way an application recycles them.
            byte[] devZero = "/dev/zero\0"u8.ToArray();
            fixed (byte* p = devZero)
            {
                zero = ring.Run(new OpenAt(Libc.AT_FDCWD, p) { Flags = Libc.O_RDONLY | Libc.O_CLOEXEC }.Build()).Result;
            }

            var batch = new SubmissionEntry[Entries];
            for (int i = 0; i < Entries; i++)
            {
                batch[i] = new Read(new Fd(zero), null, Size) { BufferGroup = Group }.Build();
            }

            while (buffers.Tail != 65528)
            {
                var done = ring.RunAll(batch);
                for (int i = 0; i < done.Count; i++)
                {
                    done[i].Result.Should().Be(Size);
                    ushort id = done[i].BufferId!.Value;
                    buffers.Add(mem + (id * Size), Size, id, i);
                }

                buffers.Advance(done.Count);
            }

            ring.Push(new RecvMulti(new Fd(server), Group).Build().WithUserData(20));
            ring.Submit();
            for (int n = 0; n < 12; n++)
            {
                byte[] message = Message(10 + n, n * 3);
                fixed (byte* m = message)
                {
                    Libc.send(client, m, (nuint)message.Length, 0).Should().Be(message.Length);
                }

                CompletionEntry cqe = ring.WaitFor(1)[0];
                cqe.UserData.Should().Be(20UL);
                cqe.Result.Should().Be(message.Length);
                cqe.HasMore.Should().BeTrue();
                ushort id = cqe.BufferId!.Value;
                new Span<byte>(mem + (id * Size), cqe.Result).ToArray().Should().Equal(message);
                buffers.Add(mem + (id * Size), Size, id);
                buffers.Advance(1);
            }

            buffers.Tail.Should().Be(unchecked((ushort)(65528 + 12)), "the tail wrapped");
            pair.CloseClient();
            CompletionEntry end = ring.WaitFor(1)[0];
            end.Result.Should().Be(0);
            end.HasMore.Should().BeFalse();
            buffers.Unregister(ring.Submitter);
        }
        finally
        {
            Loopback.Close(zero);
        }
    }

    [Fact]
    public void RecvBundle_fills_several_provided_buffers_in_one_completion()
    {
        const ushort Group = 4;
        using var buffers = new ProvidedBuffers(ring, 8, Group, 16);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        byte[] data = Message(40, 7);
        fixed (byte* d = data)
        {
            Libc.send(client, d, 40, 0).Should().Be(40);
        }

        CompletionEntry cqe = ring.Run(new RecvBundle(new Fd(server), Group).Build());
        OpcodeRing.SkipOnErrno(cqe.Result, "IORING_RECVSEND_BUNDLE", EINVAL);

        // The kernel sizes the first bundle without knowing how much is queued, so it may stop short of
        // all 40 bytes; more than one 16-byte buffer in one completion is what makes it a bundle.
        cqe.Result.Should().BeGreaterThan(16);
        cqe.BufferId.Should().Be((ushort)0);
        int got = cqe.Result;
        if (got < 40)
        {
            CompletionEntry rest = ring.Run(new RecvBundle(new Fd(server), Group).Build());
            rest.Result.Should().Be(40 - got);
            rest.BufferId.Should().Be((ushort)((got + 15) / 16));
        }

        new Span<byte>(buffers.Memory, 40).ToArray().Should().Equal(data);
    }

    [Fact]
    public void RecvMultiBundle_keeps_receiving_bundles_until_the_peer_closes()
    {
        const ushort Group = 5;
        using var buffers = new ProvidedBuffers(ring, 8, Group, 16);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        ring.Push(new RecvMultiBundle(new Fd(server), Group).Build().WithUserData(40));
        ring.Submit();

        byte[] data = Message(40, 1);
        fixed (byte* d = data)
        {
            Libc.send(client, d, 40, 0).Should().Be(40);
        }

        int received = 0;
        while (received < 40)
        {
            CompletionEntry cqe = ring.WaitFor(1)[0];
            OpcodeRing.SkipOnErrno(cqe.Result, "IORING_RECVSEND_BUNDLE with multishot", EINVAL);
            cqe.Result.Should().BePositive();
            cqe.HasMore.Should().BeTrue();
            cqe.BufferId.Should().Be((ushort)((received + 15) / 16));
            received += cqe.Result;
        }

        received.Should().Be(40);
        new Span<byte>(buffers.Memory, 40).ToArray().Should().Equal(data);
        pair.CloseClient();
        CompletionEntry end = ring.WaitFor(1)[0];
        end.Result.Should().Be(0);
        end.HasMore.Should().BeFalse();
    }

    [Fact]
    public void SendBundle_sends_the_queued_provided_buffers()
    {
        const ushort Group = 6;
        using var buffers = new ProvidedBuffers(ring, 4, Group, 10, published: 3);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        byte[] back = new byte[30];
        byte[] data = Message(30, 100);
        data.CopyTo(new Span<byte>(buffers.Memory, 30));
        CompletionEntry cqe = ring.Run(new SendBundle(new Fd(client), Group).Build());
        OpcodeRing.SkipOnErrno(cqe.Result, "IORING_RECVSEND_BUNDLE", EINVAL);
        cqe.Result.Should().Be(30);
        cqe.BufferId.Should().Be((ushort)0);
        fixed (byte* b = back)
        {
            Libc.recv(server, b, 30, Libc.MSG_WAITALL).Should().Be(30);
        }

        back.Should().Equal(data);
    }

    [Fact]
    public void Shutdown_write_side_gives_the_peer_end_of_file()
    {
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        byte* buf = stackalloc byte[8];
        ring.Run(new Shutdown(new Fd(client), 1 /* SHUT_WR */).Build()).Result.Should().Be(0);
        ring.Run(new Recv(new Fd(server), buf, 8).Build()).Result.Should().Be(0);
        ring.Run(new Send(new Fd(client), buf, 8) { Flags = 0x4000 /* MSG_NOSIGNAL */ }.Build()).Result.Should().Be(-EPIPE);
    }

    [Fact]
    public void RecvMsgMulti_over_udp_parses_with_RecvMsgOut_including_truncation()
    {
        const ushort Group = 8;
        const int Size = 16 + 16 + 32; // header + name area + 32 payload bytes
        using var buffers = new ProvidedBuffers(ring, 4, Group, Size);
        using UdpPair pair = UdpPair.Open();
        (int server, SockAddrIn serverAddr, int client, SockAddrIn clientAddr) = (pair.A, pair.AAddress, pair.B, pair.BAddress);
        var template = new MsgHdr { NameLength = SockAddrIn.Size };
        ring.Push(new RecvMsgMulti(new Fd(server), &template, Group).Build().WithUserData(30));
        ring.Submit();

        byte[] small = Message(10, 1), big = Message(100, 2);
        fixed (byte* s = small)
        fixed (byte* b = big)
        {
            Libc.sendto(client, s, 10, 0, &serverAddr, SockAddrIn.Size).Should().Be(10);
            CompletionEntry first = ring.WaitFor(1)[0];
            Libc.sendto(client, b, 100, 0, &serverAddr, SockAddrIn.Size).Should().Be(100);
            CompletionEntry second = ring.WaitFor(1)[0];

            first.HasMore.Should().BeTrue();
            RecvMsgOut.TryParse(new ReadOnlySpan<byte>(buffers.Buffer(first.BufferId!.Value), first.Result), template, out RecvMsgOut one).Should().BeTrue();
            one.Payload.ToArray().Should().Equal(small);
            one.IsPayloadTruncated.Should().BeFalse();
            one.IsNameTruncated.Should().BeFalse();
            MemoryMarshal.Read<SockAddrIn>(one.Name).Port.Should().Be(clientAddr.Port);

            second.HasMore.Should().BeTrue();
            RecvMsgOut.TryParse(new ReadOnlySpan<byte>(buffers.Buffer(second.BufferId!.Value), second.Result), template, out RecvMsgOut two).Should().BeTrue();
            two.IsPayloadTruncated.Should().BeTrue();
            two.IncomingPayloadLength.Should().Be(32u, "the kernel reports what it copied and flags MSG_TRUNC");
            two.Payload.ToArray().Should().Equal(big.Take(32));
        }

        RecvMsgOut.TryParse(new byte[8], template, out _).Should().BeFalse("shorter than the header");
        var cancel = ring.RunAll([new AsyncCancel(30).Build().WithUserData(31)], expected: 2);
        cancel.Single(c => c.UserData == 30).Result.Should().Be(-ECANCELED);
    }

    [Fact]
    public void Socket_commands_siocinq_siocoutq_getsockopt_setsockopt()
    {
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        byte* data = stackalloc byte[7];
        Libc.send(client, data, 7, 0).Should().Be(7);

        CompletionEntry inq = ring.Run(new SiocInq(new Fd(server)).Build());
        OpcodeRing.SkipOnErrno(inq.Result, "socket uring_cmd", EOPNOTSUPP, EINVAL);
        inq.Result.Should().Be(7);
        ring.Run(new SiocOutq(new Fd(client)).Build()).Result.Should().BeGreaterThanOrEqualTo(0);

        int type = 0;
        CompletionEntry get = ring.Run(new GetSockOpt(new Fd(server), Libc.SOL_SOCKET, Libc.SO_TYPE, &type, sizeof(int)).Build());
        OpcodeRing.SkipOnErrno(get.Result, "SOCKET_URING_OP_GETSOCKOPT", EOPNOTSUPP);
        get.Result.Should().Be(sizeof(int));
        type.Should().Be(Libc.SOCK_STREAM);

        int size = 65536;
        ring.Run(new SetSockOpt(new Fd(server), Libc.SOL_SOCKET, Libc.SO_RCVBUF, &size, sizeof(int)).Build()).Result.Should().Be(0);
        int back = 0;
        ring.Run(new GetSockOpt(new Fd(server), Libc.SOL_SOCKET, Libc.SO_RCVBUF, &back, sizeof(int)).Build()).Result.Should().Be(sizeof(int));
        back.Should().Be(2 * 65536, "the kernel doubles SO_RCVBUF (socket(7))");
    }

    [Fact]
    public void GetSockName_command_returns_the_local_and_peer_address()
    {
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        SockAddrIn local = default;
        uint length = SockAddrIn.Size;
        CompletionEntry cqe = ring.Run(new GetSockName(new Fd(client), &local, &length).Build());
        OpcodeRing.SkipOnErrno(cqe.Result, "SOCKET_URING_OP_GETSOCKNAME (Linux 6.19)", EOPNOTSUPP, EINVAL);
        cqe.Result.Should().Be(0);
        local.Port.Should().Be(Loopback.LocalAddress(client).Port);

        SockAddrIn peer = default;
        length = SockAddrIn.Size;
        ring.Run(new GetSockName(new Fd(client), &peer, &length) { Peer = true }.Build()).Result.Should().Be(0);
        peer.Port.Should().Be(Loopback.LocalAddress(server).Port);
    }
}
