using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Interop.Reliability.Transport;

/// <summary>What one fault run does to a server: its clients count their actions (the watchdog's progress) and
/// report what went wrong; <see cref="Outcome"/> is the result a transport is compared on.</summary>
public sealed class FaultRun(IPEndPoint endPoint, int seed)
{
    private readonly ConcurrentQueue<string> _wrong = new();
    private long _actions;
    private long _wrongCount;

    /// <summary>The server.</summary>
    public IPEndPoint EndPoint { get; } = endPoint;

    /// <summary>The run's seed.</summary>
    public int Seed { get; } = seed;

    /// <summary>Client actions finished.</summary>
    public long Actions => Interlocked.Read(ref _actions);

    /// <summary>Wrong outcomes (a wrong status or byte, a request that should have been answered and was not).</summary>
    public long Wrong => Interlocked.Read(ref _wrongCount);

    /// <summary>The first wrong outcomes, described.</summary>
    public IReadOnlyList<string> WrongDescribed => _wrong.Take(10).ToArray();

    /// <summary>Outcomes a scenario records to be compared between transports (e.g. the status per header size).</summary>
    public ConcurrentDictionary<string, string> Outcome { get; } = new();

    /// <summary>Self-test switch: flip one byte of an echo before it is checked.</summary>
    public bool CorruptEcho { get; set; }

    /// <summary>Counts an outcome of <paramref name="kind"/> (compared between transports as a share, not a count).</summary>
    public void Count(string kind) => Outcome.AddOrUpdate("count: " + kind, "1", (_, n) => (int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Counts one finished client action.</summary>
    public void Done() => Interlocked.Increment(ref _actions);

    /// <summary>Counts a wrong outcome.</summary>
    public void Fail(string what)
    {
        Interlocked.Increment(ref _wrongCount);
        if (_wrong.Count < 10)
        {
            _wrong.Enqueue(what);
        }
    }
}

/// <summary>The transport faults of issue 18: each is a client population that misbehaves in one way against a
/// server, and checks what the server owes it.</summary>
public static class TransportFaults
{
    /// <summary>Counts per fault: short (CI) mode, scaled down so the whole set stays well under a minute on a 2-core
    /// machine; long mode uses the full counts.</summary>
    public static int Count(int shortCount, int longCount) => Knobs.IsLong ? longCount : shortCount;

    /// <summary>Clients send a request head and part of a 1 MB body, then reset the connection.</summary>
    public static Task ResetMidRequest(FaultRun run) => Parallel(run, Count(20, 500), 4, async (i, _) =>
    {
        using Socket socket = await Connect(run);
        await Send(socket, "POST /drain HTTP/1.1\r\nHost: test\r\nContent-Length: 1000000\r\n\r\n");
        await socket.SendAsync(new byte[1024 * (1 + (i % 64))], SocketFlags.None);
        Reset(socket);
    });

    /// <summary>Clients ask for 50 MiB, read part of it, then reset the connection.</summary>
    public static Task ResetMidResponse(FaultRun run) => Parallel(run, Count(20, 500), 4, async (i, _) =>
    {
        using Socket socket = await Connect(run);
        await Send(socket, "GET /stream?mb=50 HTTP/1.1\r\nHost: test\r\n\r\n");
        byte[] buffer = new byte[64 * 1024];
        long want = 64 * 1024 * (1 + (i % 8));
        for (long got = 0; got < want;)
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (n == 0)
            {
                run.Fail($"reset mid-response #{i}: the server closed after {got} bytes of 50 MiB");
                break;
            }

            got += n;
        }

        Reset(socket);
    });

    /// <summary>Slowloris: many connections each trickle a request head one byte every 200 ms, never finishing it.</summary>
    public static async Task Slowloris(FaultRun run)
    {
        int connections = Count(50, 500);
        TimeSpan hold = TimeSpan.FromSeconds(Knobs.IsLong ? 20 : 1.5);
        var sockets = new List<Socket>();
        try
        {
            for (int i = 0; i < connections; i++)
            {
                Socket socket = await Connect(run);
                sockets.Add(socket);
                await Send(socket, "GET /health HTTP/1.1\r\nHost: test\r\nX-Slow: ");
            }

            var until = DateTime.UtcNow + hold;
            while (DateTime.UtcNow < until)
            {
                foreach (Socket socket in sockets)
                {
                    try
                    {
                        await socket.SendAsync("a"u8.ToArray(), SocketFlags.None);
                    }
                    catch (SocketException)
                    {
                        // The server may close a slow connection (its header timeout): allowed.
                    }
                }

                run.Done();
                await Task.Delay(200);
            }
        }
        finally
        {
            foreach (Socket socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Clients ask for 100 MiB and never read; the server must keep answering others, then let them go.</summary>
    public static async Task NeverReading(FaultRun run)
    {
        int clients = Count(10, 100);
        var sockets = new List<Socket>();
        try
        {
            for (int i = 0; i < clients; i++)
            {
                Socket socket = await Connect(run);
                socket.ReceiveBufferSize = 4096;
                sockets.Add(socket);
                await Send(socket, "GET /stream?mb=100 HTTP/1.1\r\nHost: test\r\n\r\n");
                run.Done();
            }

            await Task.Delay(TimeSpan.FromSeconds(Count(1, 15)));
        }
        finally
        {
            foreach (Socket socket in sockets)
            {
                Reset(socket);
                socket.Dispose();
            }
        }
    }

    /// <summary>Requests with one header of 16 KiB to 1 MiB: answered (200) or refused (431 or the connection closed),
    /// never a hang; the outcome per size is compared with Sockets'.</summary>
    public static Task LargeHeaders(FaultRun run) => Parallel(run, 4, 1, async (i, _) =>
    {
        int size = 16 * 1024 << (2 * i); // 16 KiB, 64 KiB, 256 KiB, 1 MiB
        using Socket socket = await Connect(run);
        string outcome;
        try
        {
            await Send(socket, $"GET /health HTTP/1.1\r\nHost: test\r\nX-Big: {new string('a', size)}\r\nConnection: close\r\n\r\n");
            string response = await ReadToEnd(socket);
            outcome = response.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) ? "answered" : response.Length == 0 ? "refused (closed)" : "refused (" + response[9..12] + ")";
        }
        catch (SocketException e)
        {
            outcome = "refused (" + e.SocketErrorCode + ")";
        }

        // A refusal is a refusal however it reaches the client: by a 431 or by a reset while the client still writes.
        run.Outcome[$"{size / 1024} KiB header"] = outcome.StartsWith("refused", StringComparison.Ordinal) ? "refused" : outcome;
        run.Outcome[$"{size / 1024} KiB header (as seen)"] = outcome;
    });

    /// <summary>Clients send a request (a GET, or a POST echo) and shut down their sending side at once. Kestrel (on
    /// either transport) may answer or may take the FIN as the end of the connection and close it unanswered; what it
    /// must not do is hang or send a partial or wrong answer. How often each happened is compared with Sockets'.</summary>
    public static Task HalfClosed(FaultRun run) => Parallel(run, Count(20, 500), 4, async (i, _) =>
    {
        using Socket socket = await Connect(run);
        bool echo = i % 2 == 1;
        string body = echo ? new string((char)('a' + (i % 26)), 1000 + i) : "";
        await Send(socket, echo
            ? $"POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: {body.Length}\r\n\r\n{body}"
            : "GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
        socket.Shutdown(SocketShutdown.Send);
        string response;
        try
        {
            response = await ReadToEnd(socket);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            response = "";
        }

        string expected = echo ? body : "ok";
        if (response.Length == 0)
        {
            run.Count("closed unanswered");
        }
        else if (response.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) && response.EndsWith("\r\n\r\n" + expected, StringComparison.Ordinal))
        {
            run.Count("answered");
        }
        else
        {
            run.Fail($"half-closed #{i}: a partial or wrong answer '{Head(response)}' ({response.Length} chars)");
        }
    });

    /// <summary>Many short connections: connect, one request with Connection: close, read to the end.</summary>
    public static Task ShortConnections(FaultRun run) => Parallel(run, Count(500, 20_000), 8, async (i, _) =>
    {
        using Socket socket = await Connect(run);
        await Send(socket, "GET /health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        string response = await ReadToEnd(socket);
        if (!response.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) || !response.EndsWith("ok", StringComparison.Ordinal))
        {
            run.Fail($"short connection #{i}: got '{Head(response)}'");
        }
    });

    /// <summary>Keep-alive connections that each make a request, sit idle together, and then each make another.</summary>
    public static async Task IdleKeepAlives(FaultRun run)
    {
        int count = Count(200, 1000);
        var sockets = new List<Socket>();
        try
        {
            for (int round = 0; round < 2; round++)
            {
                for (int i = 0; i < count; i++)
                {
                    if (round == 0)
                    {
                        sockets.Add(await Connect(run));
                    }

                    await Send(sockets[i], "GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
                    string response = await ReadResponse(sockets[i]);
                    if (!response.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) || !response.EndsWith("ok", StringComparison.Ordinal))
                    {
                        run.Fail($"keep-alive #{i}, request {round + 1}: got '{Head(response)}'");
                    }

                    run.Done();
                }

                if (round == 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(Count(1, 10)));
                }
            }
        }
        finally
        {
            foreach (Socket socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>10 MB request bodies echoed back, sent and read at once (the server answers while the body still
    /// arrives), checked byte for byte.</summary>
    public static Task Echo10MB(FaultRun run) => Parallel(run, Count(2, 20), 2, async (i, rng) =>
    {
        const int Length = 10_000_000;
        byte[] body = new byte[Length];
        rng.NextBytes(body);
        using Socket socket = await Connect(run);
        await Send(socket, $"POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: {Length}\r\nConnection: close\r\n\r\n");
        Task sending = Task.Run(async () =>
        {
            for (int sent = 0; sent < Length;)
            {
                sent += await socket.SendAsync(body.AsMemory(sent, Math.Min(256 * 1024, Length - sent)), SocketFlags.None);
            }
        });
        byte[] back = new byte[Length + (64 * 1024)];
        int got = 0;
        int n;
        while ((n = await socket.ReceiveAsync(back.AsMemory(got, Math.Min(64 * 1024, back.Length - got)), SocketFlags.None)) > 0)
        {
            got += n;
            if (got == back.Length)
            {
                break;
            }
        }

        await sending;
        string head = Encoding.ASCII.GetString(back, 0, Math.Min(got, 512));
        int bodyAt = head.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        if (run.CorruptEcho && i == 0 && got > bodyAt + 5)
        {
            back[bodyAt + 5] ^= 0x5A;
        }

        if (!head.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) || bodyAt < 4 || got - bodyAt != Length)
        {
            run.Fail($"10 MB echo #{i}: '{Head(head)}', {got - bodyAt} body bytes back of {Length}");
        }
        else if (!back.AsSpan(bodyAt, Length).SequenceEqual(body))
        {
            run.Fail($"10 MB echo #{i}: byte {back.AsSpan(bodyAt, Length).CommonPrefixLength(body)} differs");
        }
    });

    private static async Task Parallel(FaultRun run, int count, int parallelism, Func<int, Random, Task> client)
    {
        int next = -1;
        var lanes = Enumerable.Range(0, parallelism).Select(lane => Task.Run(async () =>
        {
            var rng = new Random(unchecked(run.Seed + lane));
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await client(i, rng);
                run.Done();
            }
        }));
        await Task.WhenAll(lanes);
    }

    private static async Task<Socket> Connect(FaultRun run)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(run.EndPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void Reset(Socket socket)
    {
        // SO_LINGER with a zero timeout: close sends RST instead of FIN.
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private static async Task Send(Socket socket, string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        for (int sent = 0; sent < bytes.Length;)
        {
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None);
        }
    }

    private static async Task<string> ReadToEnd(Socket socket)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }

    // One response of a keep-alive connection: the head, then Content-Length bytes or a chunked body to its last chunk.
    private static async Task<string> ReadResponse(Socket socket)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            string now = text.ToString();
            int head = now.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (head >= 0)
            {
                int at = now.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
                if (at >= 0 && at < head)
                {
                    int end = now.IndexOf("\r\n", at, StringComparison.Ordinal);
                    int length = int.Parse(now.AsSpan(at + 16, end - at - 16), System.Globalization.CultureInfo.InvariantCulture);
                    if (now.Length >= head + 4 + length)
                    {
                        return now[..(head + 4)] + now.Substring(head + 4, length);
                    }
                }
                else if (now.EndsWith("0\r\n\r\n", StringComparison.Ordinal))
                {
                    return DeChunk(now, head);
                }
            }

            int n = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (n == 0)
            {
                return text.ToString();
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
    }

    private static string DeChunk(string response, int head)
    {
        var body = new StringBuilder();
        int at = head + 4;
        while (true)
        {
            int end = response.IndexOf("\r\n", at, StringComparison.Ordinal);
            int size = int.Parse(response.AsSpan(at, end - at), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return response[..(head + 4)] + body;
            }

            body.Append(response, end + 2, size);
            at = end + 2 + size + 2;
        }
    }

    private static string Head(string response) => response.Length > 60 ? response[..60].ReplaceLineEndings(" ") : response.ReplaceLineEndings(" ");
}
