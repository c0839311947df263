using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>Ordinary HTTP/1.1 traffic, on both transports: they must behave the same.</summary>
public sealed class RequestTests
{
    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task KeepAliveSeriesReusesOneConnection(Transport transport)
    {
        await using var server = await LoopbackServer.StartAsync(transport);
        using var client = server.CreateClient(maxConnections: 1);

        var ids = new string[200];
        for (int i = 0; i < ids.Length; i++)
        {
            string reply = await client.GetStringAsync("/connection", TestContext.Current.CancellationToken);
            ids[i] = reply.Split('|')[0];
        }

        ids.Distinct().Should().ContainSingle("HTTP/1.1 keep-alive keeps one connection for the whole series");
        server.Connections.Should().ContainSingle();
        ids[0].Should().Be(server.Connections.Single().ConnectionId);
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task TenMegabyteUploadIsEchoedByteExact(Transport transport)
    {
        await using var server = await LoopbackServer.StartAsync(transport);
        using var client = server.CreateClient();
        byte[] payload = new byte[10 * 1024 * 1024];
        new Random(12).NextBytes(payload);

        using var response = await client.PostAsync("/echo", new ByteArrayContent(payload), TestContext.Current.CancellationToken);
        byte[] echoed = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        echoed.Length.Should().Be(payload.Length);
        echoed.AsSpan().SequenceEqual(payload).Should().BeTrue("the body must come back byte for byte");
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task ChunkedResponseArrivesWhole(Transport transport)
    {
        await using var server = await LoopbackServer.StartAsync(transport);
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/chunked?count=300", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.Headers.TransferEncodingChunked.Should().BeTrue();
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        body.Should().Be(TestEndpoints.Chunks(300));
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task ThousandConcurrentConnectionsAreAllServed(Transport transport)
    {
        const int count = 1000;
        await using var server = await LoopbackServer.StartAsync(transport);

        // Open every connection first, so the server holds all of them at once, then request on all of them.
        var sockets = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => server.ConnectRawAsync()));
        try
        {
            var replies = await Task.WhenAll(sockets.Select(s => RawHttp.GetAsync(s, "/hello")));
            replies.Should().OnlyContain(r => r.StartsWith("HTTP/1.1 200 OK", StringComparison.Ordinal) && r.EndsWith(TestEndpoints.Hello, StringComparison.Ordinal));
            server.Connections.Should().HaveCount(count);
            server.Connections.Select(c => c.ConnectionId).Distinct().Should().HaveCount(count);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task PipelinedRequestsAreAnsweredInOrder(Transport transport)
    {
        await using var server = await LoopbackServer.StartAsync(transport);
        using var socket = await server.ConnectRawAsync();

        string text = await RawHttp.PipelineAsync(socket, "/hello", 16);

        RawHttp.CountResponses(text).Should().Be(16);
    }
}
