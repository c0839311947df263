using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace IoUring.Interop.Reliability.Transport;

/// <summary>The transport a <see cref="FaultServer"/> runs on.</summary>
public enum TransportKind
{
    /// <summary>Kestrel's own Sockets transport: the reference.</summary>
    Sockets,

    /// <summary>IoUring.Interop.AspNetCore (<c>UseIoUring()</c>).</summary>
    IoUring,
}

/// <summary>A Kestrel app on 127.0.0.1 (a port the kernel picks) with the endpoints the fault checks use: /health,
/// /echo (the request body back), /stream?mb=N (N MiB out) and /drain (reads the body, answers its length).</summary>
public sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FaultServer(WebApplication app, TransportKind transport, IPEndPoint endPoint)
    {
        _app = app;
        Transport = transport;
        EndPoint = endPoint;
    }

    /// <summary>The transport the server runs on.</summary>
    public TransportKind Transport { get; }

    /// <summary>The bound loopback endpoint.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Starts a server; for <see cref="TransportKind.IoUring"/> the test is skipped with the reason when the
    /// transport fell back to Sockets (io_uring unavailable).</summary>
    public static async Task<FaultServer> StartAsync(TransportKind transport)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Connections a fault left open (the hang self-test's) are cut after 2 s at stop, so a run never waits on them.
        builder.WebHost.UseSetting(WebHostDefaults.ShutdownTimeoutKey, "2");
        if (transport == TransportKind.IoUring)
        {
            builder.WebHost.UseIoUring();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        WebApplication app = builder.Build();
        app.MapGet("/health", (HttpContext context) =>
        {
            // A fixed length (not chunked), so raw clients compare the body as it is on the wire.
            context.Response.ContentLength = 2;
            return context.Response.WriteAsync("ok", context.RequestAborted);
        });
        app.MapPost("/echo", async (HttpContext context) =>
        {
            if (context.Request.ContentLength is long length)
            {
                context.Response.ContentLength = length;
            }

            await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapGet("/stream", async (HttpContext context, int mb) =>
        {
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < mb * 16; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        app.MapPost("/drain", async (HttpContext context) =>
        {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                total += n;
            }

            return total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        await app.StartAsync(CancellationToken.None);
        if (transport == TransportKind.IoUring && app.Services.GetService<IoUringTransportFactory>() is { UsesIoUring: false } factory)
        {
            await app.DisposeAsync();
            Assert.Skip($"io_uring is unavailable here, the transport fell back to Sockets: {factory.Availability.Reason}");
        }

        var uri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new FaultServer(app, transport, new IPEndPoint(IPAddress.Loopback, uri.Port));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
