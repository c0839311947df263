using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>Graceful shutdown: requests in flight finish, new connections are refused.</summary>
public sealed class ShutdownTests
{
    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task GracefulShutdownDrainsRequestsInFlight(Transport transport)
    {
        await using var server = await LoopbackServer.StartAsync(transport, shutdownTimeout: TimeSpan.FromSeconds(20));
        using var client = server.CreateClient();
        var inFlight = Enumerable.Range(0, 8)
            .Select(_ => client.GetAsync("/slow?milliseconds=1000", TestContext.Current.CancellationToken))
            .ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.Endpoints.SlowStarted < inFlight.Length && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        server.Endpoints.SlowStarted.Should().Be(inFlight.Length, "every request must be in flight before the shutdown");

        Task stopping = server.StopAsync(TestContext.Current.CancellationToken);
        var responses = await Task.WhenAll(inFlight);
        await stopping.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        foreach (var response in responses)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be("slow done");
        }

        var refused = async () => { using var socket = await server.ConnectRawAsync(); };
        (await refused.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);
    }
}
