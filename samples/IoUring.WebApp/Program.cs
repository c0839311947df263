using System;
using System.Text.Json.Serialization;
using IoUring.Interop.AspNetCore;
using IoUring.Interop.Async;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IoUring.Samples.WebApp;

/// <summary>
/// The TechEmpower-style web app of the transport benchmark: GET /plaintext and GET /json, on the io_uring transport
/// (<c>--transport iouring</c>, the default) or Kestrel's Sockets transport (<c>--transport sockets</c>), listening on
/// <c>--urls</c> (default http://127.0.0.1:5000). <c>--engines N</c> sets the io_uring transport's ring count;
/// <c>--continuations reactor|pool|inline</c> where its connections run (reactor, the default; <c>--inline true</c> is
/// <c>inline</c>); <c>--reuseport true</c> gives each ring its own SO_REUSEPORT listening socket instead of one socket
/// whose accepts are handed round-robin; <c>--multishot true</c> turns on its multishot receive
/// (IoUringTransportOptions.MultishotReceive). With the Sockets transport, <c>--inline true</c> is .NET's fastest set-up: UnsafePreferInlineScheduling
/// (start the process with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 for the rest of it). GET /sleep blocks its
/// handler's thread for 200 ms (the benchmark of a handler that blocks).
/// </summary>
public static class Program
{
    private static readonly byte[] Plaintext = "Hello, World!"u8.ToArray();

    public static int Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddFilter("IoUring.Interop.AspNetCore", LogLevel.Information);
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5000");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, WebAppJsonContext.Default));

        string transport = builder.Configuration["transport"] ?? "iouring";
        switch (transport)
        {
            case "iouring":
                int? engines = builder.Configuration.GetValue<int?>("engines");
                bool reusePort = false;
                if (builder.Configuration["reuseport"] is { } reusePortText && !bool.TryParse(reusePortText, out reusePort))
                {
                    Console.Error.WriteLine($"--reuseport must be true or false, not '{reusePortText}'");
                    return 2;
                }

                bool multishot = false;
                if (builder.Configuration["multishot"] is { } multishotText && !bool.TryParse(multishotText, out multishot))
                {
                    Console.Error.WriteLine($"--multishot must be true or false, not '{multishotText}'");
                    return 2;
                }

                ContinuationMode mode = builder.Configuration.GetValue<bool>("inline")
                    ? ContinuationMode.Inline
                    : Enum.Parse<ContinuationMode>(builder.Configuration["continuations"] ?? nameof(ContinuationMode.Reactor), ignoreCase: true);
                builder.WebHost.UseIoUring(options =>
                {
                    options.Continuations = mode;
                    options.ReusePortListeners = reusePort;
                    options.MultishotReceive = multishot;
                    if (engines is { } count)
                    {
                        options.EngineCount = count;
                    }
                });
                break;
            case "sockets":
                if (builder.Configuration.GetValue<bool>("inline"))
                {
                    builder.WebHost.UseSockets(options => options.UnsafePreferInlineScheduling = true);
                }

                break;
            default:
                Console.Error.WriteLine($"--transport must be iouring or sockets, not '{transport}'");
                return 2;
        }

        var app = builder.Build();
        app.MapGet("/plaintext", static (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = Plaintext.Length;
            return context.Response.Body.WriteAsync(Plaintext).AsTask();
        });
        app.MapGet("/json", static () => new JsonMessage("Hello, World!"));
        app.MapGet("/sleep", static () =>
        {
            // A handler that blocks its thread, as legacy or careless code does.
            System.Threading.Thread.Sleep(200);
            return "slept";
        });
        Console.WriteLine($"transport: {transport}");
        app.Run();
        return 0;
    }
}

/// <summary>The /json response body.</summary>
/// <param name="Message">The greeting.</param>
public sealed record JsonMessage(string Message);

/// <summary>Source-generated JSON for <see cref="JsonMessage"/> (no reflection per request).</summary>
[JsonSerializable(typeof(JsonMessage))]
internal sealed partial class WebAppJsonContext : JsonSerializerContext
{
}
