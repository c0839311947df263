using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.AspNetCore.Internal;
using IoUring.Interop.Async;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary><see cref="IoUringTransportOptions.ReusePortListeners"/>: one SO_REUSEPORT listening socket per ring, each
/// connection served by the ring that accepted it, and every guarantee of the single listener kept.</summary>
public sealed class ReusePortTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(true, 2, 2)]
    [InlineData(true, 3, 3)]
    [InlineData(false, 2, 1)]
    [InlineData(true, 1, 1)]
    public async Task TheKernelListsOneListeningSocketPerRingOnlyWithTheOption(bool reusePort, int engines, int expectedSockets)
    {
        await using var server = await LoopbackServer.StartAsync(Transport.IoUring, configure: options =>
        {
            options.EngineCount = engines;
            options.ReusePortListeners = reusePort;
        });

        server.EndPoint!.Port.Should().NotBe(0, "port 0 asks the kernel for a port, which the first socket gets");
        ListeningSockets(server.EndPoint).Should().Be(expectedSockets, "/proc/net/tcp lists each listening socket of the port");
        server.Logs.Lines.Any(line => line.Message.Contains("SO_REUSEPORT", StringComparison.Ordinal)).Should().Be(expectedSockets > 1);
        using var client = server.CreateClient();
        (await client.GetStringAsync("/hello", TestContext.Current.CancellationToken)).Should().Be(TestEndpoints.Hello);
    }

    [Fact]
    public async Task ManyConnectionsAreAllServedAndLandOnSeveralRings()
    {
        const int Connections = 64;
        await using var server = await LoopbackServer.StartAsync(Transport.IoUring, configure: options =>
        {
            options.EngineCount = 2;
            options.ReusePortListeners = true;
        });

        // Every client connects before any request, so that each one has its own connection (and source port, which
        // the kernel hashes to pick a socket).
        var sockets = new List<Socket>();
        try
        {
            for (int i = 0; i < Connections; i++)
            {
                sockets.Add(await server.ConnectRawAsync());
            }

            string[] replies = await Task.WhenAll(sockets.Select(socket => RawHttp.GetAsync(socket, "/hello")))
                .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

            replies.Should().AllSatisfy(reply => reply.Should().StartWith("HTTP/1.1 200 OK").And.EndWith(TestEndpoints.Hello));
        }
        finally
        {
            sockets.ForEach(socket => socket.Dispose());
        }

        RingEngine[] rings = server.Connections.Select(connection => ((IoUringConnection)connection).Engine).ToArray();
        rings.Should().HaveCount(Connections);
        // 64 connections hashed over 2 sockets all land on one with probability 2^-63.
        rings.Distinct().Should().HaveCount(2, "the kernel spreads the connections over both rings' sockets");
    }

    [Fact]
    public async Task IPv6AnyTakesIPv4ClientsOnEverySocket()
    {
        SkipUnlessIPv6();
        await using var server = await LoopbackServer.StartAsync(Transport.IoUring, address: IPAddress.IPv6Any, configure: options =>
        {
            options.EngineCount = 2;
            options.ReusePortListeners = true;
        });

        ListeningSockets(server.EndPoint!).Should().Be(2);
        for (int i = 0; i < 8; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.EndPoint!.Port), TestContext.Current.CancellationToken);
            (await RawHttp.GetAsync(socket, "/hello").WaitAsync(Bound, TestContext.Current.CancellationToken))
                .Should().EndWith(TestEndpoints.Hello);
        }
    }

    [Fact]
    public async Task AUnixDomainSocketKeepsTheSingleListener()
    {
        string path = Path.Combine(Path.GetTempPath(), $"iouring-reuseport-{Guid.NewGuid():N}.sock");
        try
        {
            await using var server = await LoopbackServer.StartAsync(Transport.IoUring, unixSocketPath: path, configure: options =>
            {
                options.EngineCount = 2;
                options.ReusePortListeners = true;
            });
            using var client = server.CreateClient();

            (await client.GetStringAsync("/hello", TestContext.Current.CancellationToken)).Should().Be(TestEndpoints.Hello);
            server.Logs.Lines.Should().Contain(line => line.Message.Contains("listening on", StringComparison.Ordinal))
                .And.NotContain(line => line.Message.Contains("SO_REUSEPORT", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task APortHeldOutsideTheGroupIsAddressInUse()
    {
        await using var factory = CreateFactory(2);
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();

        Func<Task> bind = async () => await factory.BindAsync(holder.LocalEndPoint!, TestContext.Current.CancellationToken);

        await bind.Should().ThrowAsync<AddressInUseException>();
    }

    [Fact]
    public async Task ACancelledAcceptLosesNoConnection()
    {
        await using var factory = CreateFactory(2);
        IConnectionListener listener = await factory.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), TestContext.Current.CancellationToken);
        await using var unbind = listener;
        ((IPEndPoint)listener.EndPoint).Port.Should().NotBe(0);

        using (var cancel = new CancellationTokenSource())
        {
            ValueTask<ConnectionContext?> waiting = listener.AcceptAsync(cancel.Token);
            cancel.Cancel();
            Func<Task> cancelled = async () => await waiting.AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);
            await cancelled.Should().ThrowAsync<OperationCanceledException>();
        }

        // Clients connect after the cancelled call and while none waits: the next calls take every one of them.
        var clients = new List<Socket>();
        try
        {
            for (int i = 0; i < 8; i++)
            {
                var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                clients.Add(client);
                await client.ConnectAsync(listener.EndPoint, TestContext.Current.CancellationToken);
            }

            var accepted = new List<ConnectionContext>();
            for (int i = 0; i < clients.Count; i++)
            {
                ConnectionContext? connection = await listener.AcceptAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);
                connection.Should().NotBeNull();
                accepted.Add(connection!);
            }

            accepted.Select(connection => ((IPEndPoint)connection.RemoteEndPoint!).Port)
                .Should().BeEquivalentTo(clients.Select(client => ((IPEndPoint)client.LocalEndPoint!).Port));
            foreach (ConnectionContext connection in accepted)
            {
                await connection.DisposeAsync().AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task UnbindWhileAnAcceptWaitsEndsItAndFreesThePort()
    {
        await using var factory = CreateFactory(2);
        IConnectionListener listener = await factory.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), TestContext.Current.CancellationToken);
        var endPoint = (IPEndPoint)listener.EndPoint;
        ListeningSockets(endPoint).Should().Be(2);
        Task<ConnectionContext?> waiting = listener.AcceptAsync(TestContext.Current.CancellationToken).AsTask();

        await listener.UnbindAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);
        (await waiting.WaitAsync(Bound, TestContext.Current.CancellationToken)).Should().BeNull("an unbound listener accepts nothing more");
        await listener.DisposeAsync().AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);

        ListeningSockets(endPoint).Should().Be(0, "every listening socket is closed");
        (await listener.AcceptAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken)).Should().BeNull();
    }

    [Fact]
    public async Task DisposeClosesConnectionsNobodyTook()
    {
        await using var factory = CreateFactory(2);
        IConnectionListener listener = await factory.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), TestContext.Current.CancellationToken);
        var clients = new List<Socket>();
        try
        {
            // One taken, so that both rings' loops are known to run; the rest stay with the listener.
            for (int i = 0; i < 16; i++)
            {
                var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                clients.Add(client);
                await client.ConnectAsync(listener.EndPoint, TestContext.Current.CancellationToken);
            }

            ConnectionContext taken = (await listener.AcceptAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken))!;
            await listener.DisposeAsync().AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);

            int closed = 0;
            foreach (Socket client in clients.Where(client => ((IPEndPoint)client.LocalEndPoint!).Port != ((IPEndPoint)taken.RemoteEndPoint!).Port))
            {
                closed += await SeesCloseAsync(client) ? 1 : 0;
            }

            closed.Should().Be(clients.Count - 1, "the listener closed every connection it accepted and nobody took");
            await taken.DisposeAsync().AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    private static async Task<bool> SeesCloseAsync(Socket client)
    {
        byte[] buffer = new byte[16];
        try
        {
            return await client.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Bound, TestContext.Current.CancellationToken) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    private static IoUringTransportFactory CreateFactory(int engines)
    {
        if (!IoUringAvailability.Probe().IsAvailable)
        {
            Assert.Skip("io_uring is not available here: " + IoUringAvailability.Probe().Reason);
        }

        return new IoUringTransportFactory(
            Options.Create(new IoUringTransportOptions { RequireIoUring = true, EngineCount = engines, ReusePortListeners = true }),
            Options.Create(new SocketTransportOptions()),
            NullLoggerFactory.Instance);
    }

    // How many sockets listen on endPoint's port, as the kernel lists them in /proc/net/tcp and tcp6 (proc(5)):
    // "local_address" is ADDRESS:PORT in hex and state 0A is TCP_LISTEN.
    private static int ListeningSockets(IPEndPoint endPoint)
    {
        string port = endPoint.Port.ToString("X4", CultureInfo.InvariantCulture);
        int count = 0;
        foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (string line in File.ReadLines(table).Skip(1))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[1].EndsWith(":" + port, StringComparison.Ordinal) && fields[3] == "0A")
                {
                    count++;
                }
            }
        }

        return count;
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
