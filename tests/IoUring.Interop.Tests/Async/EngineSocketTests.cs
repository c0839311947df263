using System;
using System.Buffers;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>The typed socket operations over loopback, on both ring set-ups.</summary>
public class EngineSocketTests
{
    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Connect_accept_send_receive_shutdown(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        using Socket listener = AsyncTestSupport.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        ValueTask<Socket> accepting = engine.AcceptAsync(listener);
        await engine.ConnectAsync(client, listener.LocalEndPoint!).Within();
        using Socket server = await accepting.Within();

        // .NET's Socket did not make the connection itself, so only the accepted side knows its peer.
        ((IPEndPoint)server.RemoteEndPoint!).Address.Should().Be(IPAddress.Loopback);
        byte[] hello = "hello, ring"u8.ToArray();
        (await engine.SendAsync(client, hello).Within()).Should().Be(hello.Length);
        byte[] buffer = new byte[64];
        int received = await engine.ReceiveAsync(server, buffer).Within();
        buffer.AsSpan(0, received).SequenceEqual(hello).Should().BeTrue();

        await engine.ShutdownAsync(client, SocketShutdown.Send).Within();
        (await engine.ReceiveAsync(server, buffer).Within()).Should().Be(0, "the peer shut down its sending side");
    }

    [Fact]
    public async Task Ipv6_loopback_connects()
    {
        if (!Socket.OSSupportsIPv6)
        {
            Assert.Skip("IPv6 is disabled on this machine.");
        }

        await using var engine = new RingEngine();
        using Socket listener = AsyncTestSupport.Listen(AddressFamily.InterNetworkV6);
        using var client = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        ValueTask<Socket> accepting = engine.AcceptAsync(listener);
        await engine.ConnectAsync(client, listener.LocalEndPoint!).Within();
        using Socket server = await accepting.Within();
        ((IPEndPoint)server.LocalEndPoint!).Address.Should().Be(IPAddress.IPv6Loopback);
    }

    [Fact]
    public async Task Send_of_a_multi_segment_sequence_is_one_sendmsg()
    {
        await using var engine = new RingEngine();
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            var first = new Segment(Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray());
            Segment last = first.Append(Enumerable.Range(0, 3000).Select(i => (byte)(i * 3)).ToArray()).Append(new byte[] { 9, 8, 7 });
            var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

            int sent = await engine.SendAsync(client, sequence).Within();

            sent.Should().Be((int)sequence.Length);
            byte[] back = new byte[sent];
            int total = 0;
            while (total < sent)
            {
                total += await engine.ReceiveAsync(server, back.AsMemory(total)).Within();
            }

            back.Should().Equal(sequence.ToArray());
        }
    }

    [Fact]
    public async Task Connection_refused_is_a_SocketException()
    {
        await using var engine = new RingEngine();
        EndPoint closed;
        using (Socket listener = AsyncTestSupport.Listen())
        {
            closed = listener.LocalEndPoint!;
        }

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Func<Task> connect = () => engine.ConnectAsync(client, closed).Within();
        (await connect.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);
    }

    [Fact]
    public async Task Sending_to_a_reset_peer_is_a_SocketException_not_SIGPIPE()
    {
        await using var engine = new RingEngine();
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        {
            server.LingerState = new LingerOption(true, 0); // close sends RST
            server.Close();
            byte[] data = new byte[1024];
            Func<Task> sendUntilFailure = async () =>
            {
                for (int i = 0; i < 100; i++)
                {
                    await engine.SendAsync(client, data).Within();
                    await Task.Delay(5);
                }
            };

            SocketException error = (await sendUntilFailure.Should().ThrowAsync<SocketException>()).Which;
            error.SocketErrorCode.Should().BeOneOf(SocketError.ConnectionReset, SocketError.Shutdown);
        }
    }

    [Fact]
    public async Task Zero_copy_send_completes_after_its_notification()
    {
        await using var engine = new RingEngine();
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            byte[] data = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i % 251)).ToArray();
            int sent;
            try
            {
                sent = await engine.SendZeroCopyAsync(client, data).Within();
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.InvalidArgument or SocketError.OperationNotSupported)
            {
                Assert.Skip($"IORING_OP_SEND_ZC is not available: {e.SocketErrorCode}.");
                return;
            }

            sent.Should().BeGreaterThan(0);
            byte[] back = new byte[sent];
            int total = 0;
            while (total < sent)
            {
                total += await engine.ReceiveAsync(server, back.AsMemory(total)).Within();
            }

            back.Should().Equal(data.Take(sent));
        }
    }

    [Fact]
    public async Task Unsupported_flags_name_the_argument()
    {
        await using var engine = new RingEngine();
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            Action peekOnSend = () => engine.SendAsync(client, new byte[1], SocketFlags.Peek);
            peekOnSend.Should().Throw<ArgumentException>().WithParameterName("flags");
            // A DnsEndPoint is resolved now (EnginePortSemanticsTests); a port out of range is refused up front.
            Action port = () => engine.ConnectAsync(client, "localhost", 70_000);
            port.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("port");
            Action noAddresses = () => engine.ConnectAsync(client, Array.Empty<IPAddress>(), 80);
            noAddresses.Should().Throw<ArgumentException>().WithParameterName("addresses");
        }
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task SendTo_and_ReceiveFrom_carry_the_addresses(AddressFamily family)
    {
        if (family == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6)
        {
            Assert.Skip("IPv6 is disabled on this machine.");
        }

        await using var engine = new RingEngine();
        IPAddress loopback = family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback;
        using var a = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        using var b = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        a.Bind(new IPEndPoint(loopback, 0));
        b.Bind(new IPEndPoint(loopback, 0));

        ValueTask<SocketReceiveFromResult> receiving = engine.ReceiveFromAsync(b, new byte[100]);
        (await engine.SendToAsync(a, "datagram"u8.ToArray(), b.LocalEndPoint!).Within()).Should().Be(8);
        SocketReceiveFromResult result = await receiving.Within();

        result.ReceivedBytes.Should().Be(8);
        result.RemoteEndPoint.Should().Be(a.LocalEndPoint);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(byte[] data)
        {
            var next = new Segment(data) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
