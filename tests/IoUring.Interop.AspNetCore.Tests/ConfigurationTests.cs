using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>UseIoUring() binds its options from "Kestrel:IoUring", as Kestrel binds its own from "Kestrel", and checks
/// them when the host starts.</summary>
public sealed class ConfigurationTests
{
    private static WebApplication Build(Dictionary<string, string?> settings, Action<IoUringTransportOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseIoUring(configure);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        app.MapGet("/", () => "configured");
        return app;
    }

    private static async Task BuildAndStart(Dictionary<string, string?> settings)
    {
        await using WebApplication app = Build(settings);
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Options_come_from_the_Kestrel_IoUring_section_and_code_has_the_last_word()
    {
        await using WebApplication app = Build(
            new()
            {
                ["Kestrel:IoUring:EngineCount"] = "1",
                ["Kestrel:IoUring:RingEntries"] = "64",
                ["Kestrel:IoUring:MaxReadBufferSize"] = "65536",
                ["Kestrel:IoUring:NoDelay"] = "false",
                ["Kestrel:IoUring:Backlog"] = "77",
            },
            options => options.Backlog = 99);
        await app.StartAsync(TestContext.Current.CancellationToken);

        IoUringTransportOptions options = app.Services.GetRequiredService<IOptions<IoUringTransportOptions>>().Value;
        options.EngineCount.Should().Be(1);
        options.RingEntries.Should().Be(64);
        options.MaxReadBufferSize.Should().Be(65536);
        options.NoDelay.Should().BeFalse();
        options.Backlog.Should().Be(99, "code configures after configuration is bound");
        options.MinimumReceiveBufferSize.Should().Be(4096, "keys not in configuration keep their default");

        IoUringTransportFactory factory = app.Services.GetRequiredService<IoUringTransportFactory>();
        if (!factory.UsesIoUring)
        {
            Assert.Skip($"io_uring is unavailable here: {factory.Availability.Reason}");
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient();
        (await client.GetStringAsync(address).WaitAsync(TimeSpan.FromSeconds(30))).Should().Be("configured");
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_bad_value_stops_start_up_with_a_message_naming_the_key()
    {
        // Kestrel resolves the transport while the application is built, so the check fires there or at StartAsync.
        Func<Task> start = () => BuildAndStart(new()
        {
            ["Kestrel:IoUring:EngineCount"] = "0",
            ["Kestrel:IoUring:RingEntries"] = "100000",
        });

        OptionsValidationException failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.Message.Should().Contain("Kestrel:IoUring:EngineCount is 0; it must be at least 1")
            .And.Contain("Kestrel:IoUring:RingEntries is 100000; it must be between 1 and 32768");
    }

    [Fact]
    public async Task A_value_that_is_not_a_number_stops_start_up_naming_the_key()
    {
        Func<Task> start = () => BuildAndStart(new() { ["Kestrel:IoUring:EngineCount"] = "two" });

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Kestrel:IoUring:EngineCount");
    }
}
