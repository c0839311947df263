using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>The endpoint kinds Kestrel binds: IPv4 (every other test), IPv6, dual-mode [::] and Unix domain sockets.</summary>
public sealed class ListenTests
{
    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.Sockets)]
    public async Task ListensOnIPv6Loopback(Transport transport)
    {
        SkipUnlessIPv6();
        await using var server = await LoopbackServer.StartAsync(transport, address: IPAddress.IPv6Loopback);
        server.EndPoint!.AddressFamily.Should().Be(AddressFamily.InterNetworkV6);
        using var client = server.CreateClient();

        string reply = await client.GetStringAsync("/connection", TestContext.Current.CancellationToken);

        reply.Split('|')[2].Should().StartWith("::1:", "the client came over IPv6 loopback");
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.Sockets)]
    public async Task IPv6AnyAcceptsIPv4Clients(Transport transport)
    {
        SkipUnlessIPv6();
        await using var server = await LoopbackServer.StartAsync(transport, address: IPAddress.IPv6Any);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.EndPoint!.Port), TestContext.Current.CancellationToken);

        string reply = await RawHttp.GetAsync(socket, "/hello");

        reply.Should().StartWith("HTTP/1.1 200 OK").And.EndWith(TestEndpoints.Hello);
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.Sockets)]
    public async Task ListensOnUnixDomainSocket(Transport transport)
    {
        string path = Path.Combine(Path.GetTempPath(), $"iouring-kestrel-{Guid.NewGuid():N}.sock");
        try
        {
            await using (var server = await LoopbackServer.StartAsync(transport, unixSocketPath: path))
            {
                File.Exists(path).Should().BeTrue();
                using var client = server.CreateClient();
                (await client.GetStringAsync("/hello", TestContext.Current.CancellationToken)).Should().Be(TestEndpoints.Hello);
                server.Connections.Should().ContainSingle().Which.LocalEndPoint.Should().BeOfType<UnixDomainSocketEndPoint>();
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void SkipUnlessIPv6()
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        }
        catch (SocketException e)
        {
            Assert.Skip($"IPv6 loopback is unavailable here: {e.SocketErrorCode}.");
        }
    }
}
