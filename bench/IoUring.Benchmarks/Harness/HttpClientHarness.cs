using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Async;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IoUring.Benchmarks.Harness;

/// <summary><c>http-client</c>: HttpClient GETs of a 13-byte /plaintext against a Kestrel (Sockets transport) on
/// loopback in the same process, on <see cref="RingHttpHandler"/> or the default SocketsHttpHandler, with N requests
/// always in flight. The server is the same for both handlers, so the difference is the client's; the CPU figure is
/// the whole process (client and server).</summary>
internal static class HttpClientHarness
{
    public static string Run(ReadOnlySpan<string> args)
    {
        string handlerName = "iouring";
        int concurrency = 1;
        double seconds = 3;
        var reader = new ArgReader(args);
        while (reader.MoveNext())
        {
            switch (reader.Name)
            {
                case "handler":
                    handlerName = reader.Value();
                    if (handlerName is not ("iouring" or "default"))
                    {
                        throw new ArgumentException("--handler is iouring or default");
                    }

                    break;
                case "concurrency":
                    concurrency = (int)reader.Int64(1, 4096);
                    break;
                case "seconds":
                    seconds = reader.Int64(1, 3600);
                    break;
                default:
                    throw new ArgumentException($"unknown option --{reader.Name}");
            }
        }

        return RunAsync(handlerName, concurrency, seconds).GetAwaiter().GetResult();
    }

    private static async Task<string> RunAsync(string handlerName, int concurrency, double seconds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using WebApplication app = builder.Build();
        app.MapGet("/plaintext", () => "Hello, World!");
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        SocketsHttpHandler handler = handlerName == "iouring" ? RingHttpHandler.Create() : new SocketsHttpHandler();
        handler.MaxConnectionsPerServer = concurrency;
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };

        // Warm-up (JIT, connections), then the measured window.
        await Drive(client, concurrency, TimeSpan.FromSeconds(Math.Min(2, seconds)));
        double cpuBefore = ProcessCpu.Now();
        var clock = Stopwatch.StartNew();
        long requests = await Drive(client, concurrency, TimeSpan.FromSeconds(seconds));
        double elapsed = clock.Elapsed.TotalSeconds;
        double cpu = ProcessCpu.Now() - cpuBefore;
        await app.StopAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"http-client handler={handlerName} concurrency={concurrency} requests={requests} secs={elapsed:F3} requests_per_s={requests / elapsed:F0} cpu_secs={cpu:F3} requests_per_cpu_s={requests / cpu:F0}");
    }

    private static async Task<long> Drive(HttpClient client, int concurrency, TimeSpan duration)
    {
        long count = 0;
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                using HttpResponseMessage response = await client.GetAsync("/plaintext").ConfigureAwait(false);
                _ = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"/plaintext answered {(int)response.StatusCode}");
                }

                Interlocked.Increment(ref count);
            }
        })));
        return count;
    }
}
