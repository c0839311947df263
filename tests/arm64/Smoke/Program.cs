using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop;
using IoUring.Interop.AspNetCore;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace IoUring.Smoke;

/// <summary>
/// A short smoke suite for a new architecture: each check runs against the real kernel, with a bound, and prints
/// PASS or FAIL with the reason; the last line is "N passed, N failed" (exit code 1 when any failed).
/// </summary>
public static class Program
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    public static async Task<int> Main()
    {
        Console.WriteLine($"arch={RuntimeInformation.ProcessArchitecture} os={RuntimeInformation.OSDescription} page={Environment.SystemPageSize}");
        var checks = new List<(string, Func<Task>)>
        {
            ("probe", Probe),
            ("nop round trips", Nops),
            ("file write and read", FileReadWrite),
            ("sqpoll", SqPoll),
            ("buffer ring", BufferRingRead),
            ("epoll event layout", Epoll),
            ("awaited echo", AwaitedEcho),
            ("kestrel request", Kestrel),
            ("soak", Soak),
        };
        int passed = 0, failed = 0;
        foreach ((string name, Func<Task> check) in checks)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                await check().WaitAsync(Bound);
                passed++;
                Console.WriteLine($"PASS {name} ({watch.Elapsed.TotalSeconds:F1} s)");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"FAIL {name}: {e.GetType().Name}: {e.Message}");
            }
        }

        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }

    private static Task Probe()
    {
        using var ring = new Ring(8);
        Probe probe = ring.Submitter.GetProbe();
        Require(probe.IsSupported(Opcode.Nop) && probe.IsSupported(Opcode.Read), "the probe lists NOP and READ");
        return Task.CompletedTask;
    }

    private static Task Nops()
    {
        using var ring = new Ring(64);
        for (ulong round = 0; round < 1000; round++)
        {
            Require(ring.SubmissionQueue.TryPush(new Nop().Build().WithUserData(round)), "push");
            ring.SubmitAndWait(1);
            Require(ring.CompletionQueue.TryDequeue(out CompletionEntry cqe) && cqe.UserData == round && cqe.Result == 0, $"NOP {round} came back");
        }

        return Task.CompletedTask;
    }

    private static unsafe Task FileReadWrite()
    {
        string path = Path.Combine(Path.GetTempPath(), "iouring-smoke-" + Environment.ProcessId);
        byte[] data = new byte[8192];
        new Random(7).NextBytes(data);
        byte[] back = new byte[data.Length];
        using var ring = new Ring(8);
        try
        {
            using (var file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite))
            {
                ring.Submitter.RegisterFiles([file]);
                fixed (byte* source = data)
                fixed (byte* target = back)
                {
                    ring.SubmissionQueue.TryPush(new Write(new Fixed(0), source, (uint)data.Length) { Offset = 0 }.Build());
                    ring.SubmitAndWait(1);
                    ring.CompletionQueue.TryDequeue(out CompletionEntry wrote);
                    Require(wrote.ThrowIfError("write") == data.Length, "whole write");
                    ring.SubmissionQueue.TryPush(new Read(new Fixed(0), target, (uint)back.Length) { Offset = 0 }.Build());
                    ring.SubmitAndWait(1);
                    ring.CompletionQueue.TryDequeue(out CompletionEntry read);
                    Require(read.ThrowIfError("read") == data.Length, "whole read");
                }
            }

            Require(data.AsSpan().SequenceEqual(back), "the bytes read are the bytes written");
        }
        finally
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private static Task SqPoll()
    {
        using Ring ring = Ring.Builder().SetupSqPoll(50).Build(16);
        for (ulong round = 0; round < 200; round++)
        {
            Require(ring.SubmissionQueue.TryPush(new Nop().Build().WithUserData(round)), "push");
            ring.SubmitAndWait(1);
            Require(ring.CompletionQueue.TryDequeue(out CompletionEntry cqe) && cqe.UserData == round, $"SQPOLL NOP {round}");
            if (round % 50 == 0)
            {
                Thread.Sleep(120); // lets the polling thread fall asleep, so the wake-up path runs too
            }
        }

        return Task.CompletedTask;
    }

    private static unsafe Task BufferRingRead()
    {
        const int Size = 4096;
        using var ring = new Ring(8);
        using var buffers = new BufferRing(8, groupId: 3);
        byte* memory = (byte*)NativeMemory.AlignedAlloc(8 * Size, (nuint)Environment.SystemPageSize);
        try
        {
            for (ushort i = 0; i < 8; i++)
            {
                buffers.Add(memory + (i * Size), Size, i, i);
            }

            buffers.Advance(8);
            buffers.Register(ring.Submitter);
            using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            server.Listen();
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(server.LocalEndPoint!);
            using Socket accepted = server.Accept();
            client.Send("buffer ring"u8);
            ring.SubmissionQueue.TryPush(new Recv(new Fd((int)accepted.Handle), null, (uint)Size) { BufferGroup = 3 }.Build());
            ring.SubmitAndWait(1);
            ring.CompletionQueue.TryDequeue(out CompletionEntry cqe);
            int length = cqe.ThrowIfError("recv");
            Require(cqe.BufferId is ushort id && new ReadOnlySpan<byte>(memory + (id * Size), length).SequenceEqual("buffer ring"u8), "the kernel picked a ring buffer and filled it");
        }
        finally
        {
            buffers.Dispose();
            NativeMemory.AlignedFree(memory);
        }

        return Task.CompletedTask;
    }

    private static Task Epoll()
    {
        // The one uapi layout that differs between x86-64 (12 bytes, packed) and arm64 (16).
        Require(EpollEvent.Size == (RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16), $"EpollEvent.Size {EpollEvent.Size}");
        return Task.CompletedTask;
    }

    private static async Task AwaitedEcho()
    {
        RingEngine engine = RingEngine.Default;
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        ValueTask<Socket> accepting = engine.AcceptAsync(listener);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await engine.ConnectAsync(client, listener.LocalEndPoint!);
        using Socket server = await accepting;
        byte[] buffer = new byte[64];
        for (int i = 0; i < 100; i++)
        {
            await engine.SendAsync(client, "ping"u8.ToArray());
            int got = await engine.ReceiveAsync(server, buffer);
            await engine.SendAsync(server, buffer.AsMemory(0, got));
            int back = await engine.ReceiveAsync(client, buffer);
            Require(back == 4 && buffer.AsSpan(0, 4).SequenceEqual("ping"u8), $"echo {i}");
        }
    }

    private static async Task Kestrel()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseIoUring();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using WebApplication app = builder.Build();
        app.MapGet("/", () => "hello from io_uring");
        await app.StartAsync();
        string url = app.Urls is { Count: > 0 } urls ? string.Join(",", urls) : throw new InvalidOperationException("no URL");
        using var http = new HttpClient();
        string body = await http.GetStringAsync(url.Split(',')[0] + "/");
        Require(body == "hello from io_uring", $"body '{body}'");
        await app.StopAsync();
    }

    private static async Task Soak()
    {
        // A short soak: many awaited operations in flight from several tasks, every result checked.
        RingEngine engine = RingEngine.Default;
        string path = Path.Combine(Path.GetTempPath(), "iouring-soak-" + Environment.ProcessId);
        byte[] data = new byte[64 * 1024];
        new Random(11).NextBytes(data);
        await File.WriteAllBytesAsync(path, data);
        try
        {
            using var file = File.OpenHandle(path);
            var tasks = new Task[8];
            for (int t = 0; t < tasks.Length; t++)
            {
                int seed = t;
                tasks[t] = Task.Run(async () =>
                {
                    byte[] buffer = new byte[4096];
                    var random = new Random(seed);
                    for (int i = 0; i < 500; i++)
                    {
                        int offset = random.Next(16) * 4096;
                        int read = await engine.ReadAsync(file, buffer, offset);
                        Require(read == 4096 && buffer.AsSpan().SequenceEqual(data.AsSpan(offset, 4096)), $"read {i} at {offset}");
                    }
                });
            }

            await Task.WhenAll(tasks);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
