using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>
/// A real Kestrel server on a loopback port chosen by the kernel (port 0), on the transport a test asks for, with the
/// <see cref="TestEndpoints"/> mapped and every accepted connection recorded.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Transport transport, TestEndpoints endpoints, CapturedLogs logs, string? unixSocketPath)
    {
        _app = app;
        Transport = transport;
        Endpoints = endpoints;
        Logs = logs;
        UnixSocketPath = unixSocketPath;
    }

    /// <summary>The transport the server was asked to run on.</summary>
    public Transport Transport { get; }

    /// <summary>The mapped endpoints and what they observed.</summary>
    public TestEndpoints Endpoints { get; }

    /// <summary>Every log line the server wrote.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>Every connection Kestrel received from the transport, in order.</summary>
    public ConcurrentQueue<ConnectionContext> Connections { get; } = new();

    /// <summary>The base address ("http://127.0.0.1:PORT"), for TCP listeners.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    /// <summary>The bound TCP endpoint (null for a Unix domain socket).</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>The Unix domain socket path, when the server listens on one.</summary>
    public string? UnixSocketPath { get; }

    /// <summary>The io_uring transport factory, when the server was configured with it.</summary>
    public IoUringTransportFactory? Factory => _app.Services.GetService<IoUringTransportFactory>();

    /// <summary>Starts a server. For <see cref="Transport.IoUring"/> the test is skipped if io_uring is unavailable.</summary>
    public static async Task<LoopbackServer> StartAsync(
        Transport transport,
        IPAddress? address = null,
        string? unixSocketPath = null,
        X509Certificate2? certificate = null,
        Action<IoUringTransportOptions>? configure = null,
        TimeSpan? shutdownTimeout = null,
        bool skipIfUnavailable = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.WebHost.UseSetting(WebHostDefaults.ShutdownTimeoutKey, ((int)(shutdownTimeout ?? TimeSpan.FromSeconds(10)).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (transport == Transport.IoUringMultishot)
        {
            builder.WebHost.UseIoUring(options =>
            {
                options.MultishotReceive = true;
                configure?.Invoke(options);
            });
        }
        else if (transport == Transport.IoUring)
        {
            builder.WebHost.UseIoUring(configure);
        }

        LoopbackServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            void Configure(ListenOptions listen)
            {
                listen.Use(next => context =>
                {
                    server!.Connections.Enqueue(context);
                    return next(context);
                });
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }

            if (unixSocketPath is not null)
            {
                kestrel.ListenUnixSocket(unixSocketPath, Configure);
            }
            else
            {
                kestrel.Listen(address ?? IPAddress.Loopback, 0, Configure);
            }
        });

        var endpoints = new TestEndpoints();
        var app = builder.Build();
        endpoints.Map(app);
        server = new LoopbackServer(app, transport, endpoints, logs, unixSocketPath);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        if (transport is Transport.IoUring or Transport.IoUringMultishot && skipIfUnavailable && server.Factory is { UsesIoUring: false } factory)
        {
            await server.DisposeAsync();
            Assert.Skip($"io_uring is unavailable here, the transport fell back to Sockets: {factory.Availability.Reason}");
        }

        if (unixSocketPath is null)
        {
            string address0 = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var uri = new Uri(address0);
            server.BaseAddress = new Uri($"{uri.Scheme}://{uri.Authority}/");
            server.EndPoint = new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
        }

        return server;
    }

    /// <summary>An HttpClient for this server (accepts exactly <paramref name="certificate"/> for HTTPS).</summary>
    public HttpClient CreateClient(int maxConnections = int.MaxValue, X509Certificate2? certificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        if (certificate is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        }

        if (UnixSocketPath is { } path)
        {
            handler.ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), token);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }

        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A raw TCP client connected to the server.</summary>
    public async Task<Socket> ConnectRawAsync()
    {
        var socket = new Socket(EndPoint!.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(EndPoint, TestContext.Current.CancellationToken);
        return socket;
    }

    /// <summary>Stops the server gracefully (Kestrel drains requests in flight up to the shutdown timeout).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }
}
