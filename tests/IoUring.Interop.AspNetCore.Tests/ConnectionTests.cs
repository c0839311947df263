using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.AspNetCore.Connections.Features;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>What Kestrel and middleware see of a connection: the same features and life cycle as on Sockets.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task IoUringServerReallyRunsOnTheRingTransport()
    {
        await using var server = await LoopbackServer.StartAsync(Transport.IoUring);
        using var client = server.CreateClient();
        await client.GetStringAsync("/hello", TestContext.Current.CancellationToken);

        server.Factory!.UsesIoUring.Should().BeTrue();
        server.Connections.Single().GetType().FullName.Should().Be("IoUring.Interop.AspNetCore.Internal.IoUringConnection");
        server.Logs.From("IoUring.Interop.AspNetCore", Microsoft.Extensions.Logging.LogLevel.Information)
            .Should().Contain(line => line.StartsWith("io_uring transport:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task ConnectionFeaturesMatchTheSocketsTransport(Transport transport)
    {
        await using var server = await LoopbackServer.StartAsync(transport);
        using var socket = await server.ConnectRawAsync();
        await RawHttp.GetAsync(socket, "/hello");

        var connection = server.Connections.Single();
        connection.Features.Select(f => f.Key.Name).Should().Contain(
            [nameof(IConnectionIdFeature), nameof(IConnectionTransportFeature), nameof(IConnectionItemsFeature), nameof(IMemoryPoolFeature),
             nameof(IConnectionLifetimeFeature), nameof(IConnectionSocketFeature)]);
        connection.ConnectionId.Should().NotBeNullOrEmpty();
        connection.Features.Get<IConnectionIdFeature>()!.ConnectionId.Should().Be(connection.ConnectionId);
        connection.Features.Get<IConnectionTransportFeature>()!.Transport.Should().NotBeNull();
        connection.Features.Get<IMemoryPoolFeature>()!.MemoryPool.Should().NotBeNull();
        connection.Features.Get<IConnectionItemsFeature>()!.Items.Should().NotBeNull();
        connection.Features.Get<IConnectionLifetimeFeature>().Should().NotBeNull();
        connection.Features.Get<IConnectionSocketFeature>()!.Socket.Should().NotBeNull();
        connection.LocalEndPoint.Should().Be(server.EndPoint);
        connection.RemoteEndPoint.Should().Be(socket.LocalEndPoint);
        if (connection.Features.Get<IConnectionEndPointFeature>() is { } endPoints)
        {
            // The Sockets transport has only the ConnectionContext properties; this transport also offers the feature.
            endPoints.LocalEndPoint.Should().Be(connection.LocalEndPoint);
            endPoints.RemoteEndPoint.Should().Be(connection.RemoteEndPoint);
        }
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task ConnectionClosedFiresWhenTheClientLeaves(Transport transport)
    {
        await using var server = await LoopbackServer.StartAsync(transport);
        var socket = await server.ConnectRawAsync();
        await RawHttp.SendAsync(socket, "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n");
        await RawHttp.ReadUntilAsync(socket, TestEndpoints.Hello);
        var connection = server.Connections.Single();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = connection.ConnectionClosed.Register(() => closed.TrySetResult());
        connection.ConnectionClosed.IsCancellationRequested.Should().BeFalse("the keep-alive connection is still open");

        socket.Dispose();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task AbortFromTheServerClosesTheClientConnection(Transport transport)
    {
        await using var server = await LoopbackServer.StartAsync(transport);
        using var socket = await server.ConnectRawAsync();
        await RawHttp.SendAsync(socket, "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n");
        await RawHttp.ReadUntilAsync(socket, TestEndpoints.Hello);

        server.Connections.Single().Abort();

        // The client sees the end of the stream (FIN, or RST when Kestrel closes with unread data).
        byte[] buffer = new byte[1024];
        int read;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            read = 0;
        }

        read.Should().Be(0);
        await Task.Delay(0, TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!server.Connections.Single().ConnectionClosed.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        server.Connections.Single().ConnectionClosed.IsCancellationRequested.Should().BeTrue();
    }
}
