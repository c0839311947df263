using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.AspNetCore.Internal;
using IoUring.Interop.Async;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary><see cref="IoUringTransportOptions.MultishotReceive"/>: bodies arrive whole through the ring's shared buffer
/// pool, a server that stops reading closes the client's window as with single receives, and a pool too small for
/// its senders slows them down without losing a byte or spinning.</summary>
public sealed class MultishotReceiveTests
{
    // A bound on one event (milliseconds on an idle machine); a minute keeps a loaded 2-core machine from failing it
    // while a hang still fails.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_large_upload_arrives_intact_through_the_multishot_receive()
    {
        await using var server = await LoopbackServer.StartAsync(Transport.IoUringMultishot);
        using var client = server.CreateClient();
        byte[] payload = new byte[8 * 1024 * 1024];
        new Random(17).NextBytes(payload);

        using var response = await client.PostAsync("/echo", new ByteArrayContent(payload), TestContext.Current.CancellationToken);
        byte[] echoed = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        echoed.AsSpan().SequenceEqual(payload).Should().BeTrue("the body must come back byte for byte");
        var connection = (IoUringConnection)server.Connections.Single();
        connection.MultishotChunks.Should().BeGreaterThanOrEqualTo(payload.Length / 4096, "each chunk fills at most one 4 KiB pool buffer");
        server.Logs.From("IoUring.Interop.AspNetCore", Microsoft.Extensions.Logging.LogLevel.Information)
            .Should().Contain("io_uring transport: multishot receive, a pool of 512 buffers of 4096 bytes per ring.");
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    public async Task A_server_that_stops_reading_closes_the_clients_window(Transport transport)
    {
        const long pause = 64 * 1024;
        const long total = 64L * 1024 * 1024;
        await using var server = await LoopbackServer.StartAsync(transport, configure: options => options.MaxReadBufferSize = pause);
        using var socket = await server.ConnectRawAsync();
        await RawHttp.SendAsync(socket, string.Create(CultureInfo.InvariantCulture, $"POST /stall HTTP/1.1\r\nHost: test\r\nContent-Length: {total}\r\n\r\n"));
        await Until(() => server.Endpoints.StallStarted == 1);
        var connection = (IoUringConnection)server.Connections.Single();

        // Send until the kernel has taken nothing for a second: the server's window is closed. Without back-pressure
        // the transport would take the whole body.
        socket.Blocking = false;
        byte[] block = new byte[64 * 1024];
        long sent = 0;
        DateTime deadline = DateTime.UtcNow + Bound;
        DateTime lastProgress = DateTime.UtcNow;
        while (DateTime.UtcNow - lastProgress < TimeSpan.FromSeconds(1) && sent < total)
        {
            int n = socket.Send(block, 0, (int)Math.Min(block.Length, total - sent), SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                sent += n;
                lastProgress = DateTime.UtcNow;
                continue;
            }

            error.Should().Be(SocketError.WouldBlock);
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The client's send neither progressed nor stopped within {Bound.TotalSeconds} s.");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        // What the client sent lives in the client's send queue (at most net.ipv4.tcp_wmem's maximum), the server's
        // receive queue (FIONREAD on the server's socket) and the server process: the input pipe (the pause threshold,
        // one batch of chunks and, with multishot, what the stream had received before its cancellation, at most the
        // 2 MiB pool) and Kestrel's small buffers.
        long inServerQueue = connection.Socket.Available;
        long sendBufferMax = long.Parse(File.ReadAllText("/proc/sys/net/ipv4/tcp_wmem").Split('\t', ' ')[^1].Trim(), CultureInfo.InvariantCulture);
        long inServerProcess = sent - inServerQueue - sendBufferMax;
        const long processBound = pause + (2 * 1024 * 1024) + (1024 * 1024);
        sent.Should().BeLessThan(total, "a transport that kept receiving would let the whole body through");
        inServerProcess.Should().BeLessThan(processBound, $"the client sent {sent} bytes, the server's receive queue holds {inServerQueue}, the client's send queue at most {sendBufferMax}");
        server.Endpoints.UploadBytesRead.Should().Be(0);

        // The handler reads again: the receive resumes and every byte arrives.
        server.Endpoints.StallReleased.SetResult();
        socket.Blocking = true;
        socket.SendTimeout = (int)Bound.TotalMilliseconds;
        while (sent < total)
        {
            sent += socket.Send(block, 0, (int)Math.Min(block.Length, total - sent), SocketFlags.None);
        }

        Exception? ended = await server.Endpoints.DrainEnded.Task.WaitAsync(Bound, TestContext.Current.CancellationToken);
        ended.Should().BeNull();
        server.Endpoints.UploadBytesRead.Should().Be(total);
        if (transport == Transport.IoUringMultishot)
        {
            connection.MultishotStreams.Should().BeGreaterThanOrEqualTo(2, "the stream stopped while Kestrel was behind and a new one resumed");
        }
        else
        {
            connection.MultishotStreams.Should().Be(0);
        }
    }

    [Fact]
    public async Task A_pool_too_small_for_its_senders_loses_no_byte_and_does_not_spin()
    {
        const int connections = 32;
        const int size = 256 * 1024;
        const int bufferSize = 1024;
        await using var server = await LoopbackServer.StartAsync(Transport.IoUringMultishot, configure: options =>
        {
            options.EngineCount = 1;
            options.MultishotBufferCount = 4;
            options.MultishotBufferSize = bufferSize;
        });
        using var client = server.CreateClient(maxConnections: connections);
        (await client.GetStringAsync("/hello", TestContext.Current.CancellationToken)).Should().Be(TestEndpoints.Hello);
        RingEngine engine = ((IoUringConnection)server.Connections.Single()).Engine;
        RingEngineStatistics before = engine.Statistics;

        byte[][] bodies = Enumerable.Range(0, connections).Select(i =>
        {
            byte[] body = new byte[size];
            new Random(i).NextBytes(body);
            return body;
        }).ToArray();
        byte[][] echoed = await Task.WhenAll(bodies.Select(async body =>
        {
            using var response = await client.PostAsync("/echo", new ByteArrayContent(body), TestContext.Current.CancellationToken);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        })).WaitAsync(Bound, TestContext.Current.CancellationToken);

        RingEngineStatistics after = engine.Statistics;
        for (int i = 0; i < connections; i++)
        {
            echoed[i].AsSpan().SequenceEqual(bodies[i]).Should().BeTrue($"body {i} must come back byte for byte");
        }

        long chunks = server.Connections.Cast<IoUringConnection>().Sum(c => c.MultishotChunks);
        long submitted = after.Submitted - before.Submitted;
        TestContext.Current.TestOutputHelper?.WriteLine($"{connections} connections, {chunks} chunks, {submitted} requests submitted, {after.Completions - before.Completions} completions");
        chunks.Should().BeGreaterThanOrEqualTo((long)connections * size / bufferSize, "each chunk fills at most one pool buffer");

        // Each re-arm after ENOBUFS is one request. With 4 buffers for 32 busy senders the pool is empty nearly all the
        // time: a stream that re-armed into the empty pool at once spun (1.6 million requests for 8 225 chunks before
        // the engine made it wait; 33 000 when every waiting stream re-armed for each returned buffer). One re-arm per
        // returned buffer is about one request per chunk (measured: 7 950 to 8 160, sends included).
        submitted.Should().BeLessThan((3 * chunks) + 1000, "a stream with no buffer to receive into must wait, not spin");
    }

    private static async Task Until(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {Bound.TotalSeconds} s.");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
