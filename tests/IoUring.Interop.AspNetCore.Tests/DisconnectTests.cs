using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>Clients that go away or stop reading: Kestrel must see it, the connection must end, memory must stay bounded.</summary>
public sealed class DisconnectTests
{
    // A bound on one event (the server noticing a disconnect: milliseconds on an idle machine); a minute keeps a loaded
    // 2-core CI machine from failing it while a hang still fails.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(Transport.IoUring, false)]
    [InlineData(Transport.IoUring, true)]
    [InlineData(Transport.IoUringMultishot, false)]
    [InlineData(Transport.IoUringMultishot, true)]
    [InlineData(Transport.Sockets, false)]
    [InlineData(Transport.Sockets, true)]
    public async Task ClientDisconnectingMidRequestEndsTheRequestWithAnError(Transport transport, bool reset)
    {
        await using var server = await LoopbackServer.StartAsync(transport);
        var socket = await server.ConnectRawAsync();
        await RawHttp.SendAsync(socket, "POST /drain HTTP/1.1\r\nHost: test\r\nContent-Length: 10000000\r\n\r\n");
        await socket.SendAsync(new byte[100_000], SocketFlags.None, TestContext.Current.CancellationToken);
        await Until(() => server.Endpoints.UploadBytesRead > 0);

        Close(socket, reset);

        Exception? ended = await server.Endpoints.DrainEnded.Task.WaitAsync(Bound, TestContext.Current.CancellationToken);
        ended.Should().NotBeNull("the body ended 9.9 MB early, which the handler must see as an error");
        ended.Should().Match<Exception>(e => e is IOException || e is OperationCanceledException || e is Microsoft.AspNetCore.Http.BadHttpRequestException);
        server.Endpoints.UploadBytesRead.Should().BeLessThan(10_000_000);
        await Until(() => server.Connections.Single().ConnectionClosed.IsCancellationRequested);
        await ServerStillAnswers(server);
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task ClientDisconnectingMidResponseEndsTheResponse(Transport transport)
    {
        await using var server = await LoopbackServer.StartAsync(transport);
        var socket = await server.ConnectRawAsync();
        await RawHttp.SendAsync(socket, "GET /stream?megabytes=1000 HTTP/1.1\r\nHost: test\r\n\r\n");
        byte[] buffer = new byte[64 * 1024];
        long received = 0;
        while (received < 1024 * 1024)
        {
            received += await socket.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken);
        }

        Close(socket, reset: true);

        // The handler must not hang on a dead client. Kestrel (on either transport) either fails its writes or, when the
        // transport reports the end first, drops them and lets the handler finish: both are the same to the client.
        var (error, _) = await server.Endpoints.StreamEnded.Task.WaitAsync(Bound, TestContext.Current.CancellationToken);
        if (error is not null)
        {
            error.Should().Match<Exception>(e => e is IOException || e is OperationCanceledException);
        }

        await Until(() => server.Connections.Single().ConnectionClosed.IsCancellationRequested);
        await ServerStillAnswers(server);
    }

    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task ClientThatNeverReadsKeepsServerBufferingBounded(Transport transport)
    {
        await using var server = await LoopbackServer.StartAsync(transport);
        using var socket = await server.ConnectRawAsync();
        await RawHttp.SendAsync(socket, "GET /stream?megabytes=500 HTTP/1.1\r\nHost: test\r\n\r\n");

        // Wait until the handler is stuck: its written count stops moving for a second.
        long written = await Stable(() => server.Endpoints.StreamBytesWritten);

        // What the handler wrote lives in three places: the client's receive queue (FIONREAD), the server's kernel send
        // queue (at most net.ipv4.tcp_wmem's maximum), and the transport/Kestrel buffers — the part this test bounds.
        long inClientQueue = socket.Available;
        long sendBufferMax = long.Parse(File.ReadAllText("/proc/sys/net/ipv4/tcp_wmem").Split('\t', ' ')[^1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        long inServerProcess = written - inClientQueue - sendBufferMax;
        const long processBound = 1024 * 1024; // 64 KiB output pipe threshold + one 64 KiB write + Kestrel's own small buffers, with room

        written.Should().BeGreaterThan(0);
        written.Should().BeLessThan(500L * 1024 * 1024, "a transport that buffered without bound would let the whole body through");
        inServerProcess.Should().BeLessThan(processBound,
            $"the handler wrote {written} bytes, the client queue holds {inClientQueue}, the kernel send queue at most {sendBufferMax}");
        server.Endpoints.StreamEnded.Task.IsCompleted.Should().BeFalse("the response is still waiting for the client");
        server.Connections.Single().ConnectionClosed.IsCancellationRequested.Should().BeFalse();
    }

    private static void Close(Socket socket, bool reset)
    {
        if (reset)
        {
            // SO_LINGER with a zero timeout: close(2) sends RST instead of FIN.
            socket.LingerState = new LingerOption(true, 0);
        }

        socket.Dispose();
    }

    private static async Task ServerStillAnswers(LoopbackServer server)
    {
        using var client = server.CreateClient();
        (await client.GetStringAsync("/hello", TestContext.Current.CancellationToken)).Should().Be(TestEndpoints.Hello);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {Bound.TotalSeconds} s.");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<long> Stable(Func<long> value)
    {
        var deadline = DateTime.UtcNow + Bound;
        long last = value();
        int stillFor = 0;
        while (stillFor < 10)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            long now = value();
            stillFor = now == last && now > 0 ? stillFor + 1 : 0;
            last = now;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The value kept changing for {Bound.TotalSeconds} s (last {last}).");
            }
        }

        return last;
    }
}
