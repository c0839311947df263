using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>The methods behave as the built-ins they are ported from: a write writes everything, a stream send sends
/// everything, a DnsEndPoint or an address list is tried address by address, SendFileAsync sends the file.</summary>
public class EnginePortSemanticsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task WriteAsync_writes_everything_into_a_pipe_whose_capacity_forces_short_writes()
    {
        // A pipe takes at most its capacity (64 KiB) per write while the reader drains it: one pwrite of 1 MiB is short.
        await using var engine = new RingEngine();
        byte[] data = RandomNumberGenerator.GetBytes(1 << 20);
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var reader = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, pipe.ClientSafePipeHandle);
        using var writeEnd = new SafeFileHandle(pipe.SafePipeHandle.DangerousGetHandle(), ownsHandle: false);
        var received = new MemoryStream();
        Task drain = Task.Run(async () =>
        {
            byte[] chunk = new byte[8192];
            int n;
            while (received.Length < data.Length && (n = await reader.ReadAsync(chunk)) > 0)
            {
                received.Write(chunk, 0, n);
                await Task.Yield();
            }
        });

        int partial = await engine.WritePartialAsync(writeEnd, data, -1).Within();
        partial.Should().BeGreaterThan(0).And.BeLessThan(data.Length, "one write into a 64 KiB pipe is short: the case WriteAsync must handle");
        await engine.WriteAsync(writeEnd, data.AsMemory(partial), -1).Within();
        await drain.WaitAsync(AsyncTestSupport.Bound);

        received.ToArray().Should().Equal(data);
    }

    [Fact]
    public async Task Vectored_WriteAsync_writes_every_buffer_in_order()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("v.bin");
        byte[][] parts = Enumerable.Range(0, 5).Select(i => RandomNumberGenerator.GetBytes(1000 + i * 777)).ToArray();
        using (SafeFileHandle file = await engine.OpenAsync(path, FileMode.Create, FileAccess.Write).Within())
        {
            await engine.WriteAsync(file, parts.Select(p => (ReadOnlyMemory<byte>)p).ToArray(), 3).Within();
        }

        File.ReadAllBytes(path).Should().Equal(new byte[3].Concat(parts.SelectMany(p => p)));
    }

    [Fact]
    public async Task SendAsync_on_a_stream_socket_sends_everything_as_Socket_SendAsync_does()
    {
        await using var engine = new RingEngine();
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            // A small send buffer and 4 MiB: the kernel takes it in pieces while the receiver drains.
            client.SendBufferSize = 16 * 1024;
            byte[] data = RandomNumberGenerator.GetBytes(4 << 20);
            Task<byte[]> drain = ReceiveAll(server);

            int sent = await engine.SendAsync(client, data).Within();
            ReadOnlySequence<byte> sequence = Segments(data, 3);
            int sentSequence = await engine.SendAsync(client, sequence.Slice(0, 1 << 20)).Within();
            sent.Should().Be(data.Length);
            sentSequence.Should().Be(1 << 20);
            client.Shutdown(SocketShutdown.Send);
            (await drain.WaitAsync(AsyncTestSupport.Bound)).Should().Equal(data.Concat(data.Take(1 << 20)));
        }
    }

    [Fact]
    public async Task ConnectAsync_takes_a_DnsEndPoint()
    {
        await using var engine = new RingEngine();
        using Socket listener = AsyncTestSupport.Listen();
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        await engine.ConnectAsync(client, new DnsEndPoint("localhost", port)).Within();

        // The connection arrived: the listener accepts it (a socket connected outside .NET's own API has no cached
        // RemoteEndPoint to compare).
        using Socket accepted = await listener.AcceptAsync().WaitAsync(AsyncTestSupport.Bound);
        ((IPEndPoint)accepted.LocalEndPoint!).Port.Should().Be(port);
    }

    [Fact]
    public async Task ConnectAsync_tries_each_address_until_one_accepts()
    {
        await using var engine = new RingEngine();
        using Socket listener = AsyncTestSupport.Listen();
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        // Nothing listens on 127.0.0.2 (the listener is bound to 127.0.0.1 only): refused, then the next address.
        using (var refused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            Func<Task> alone = () => engine.ConnectAsync(refused, new IPEndPoint(IPAddress.Parse("127.0.0.2"), port)).Within();
            (await alone.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);
        }

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await engine.ConnectAsync(client, [IPAddress.IPv6Loopback, IPAddress.Parse("127.0.0.2"), IPAddress.Loopback], port).Within();
        using (Socket accepted = await listener.AcceptAsync().WaitAsync(AsyncTestSupport.Bound))
        {
            ((IPEndPoint)accepted.LocalEndPoint!).Address.Should().Be(IPAddress.Loopback, "the third address, the only one listening");
        }

        using var none = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Func<Task> allRefused = () => engine.ConnectAsync(none, [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")], port).Within();
        (await allRefused.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);
    }

    [Fact]
    public async Task ConnectAsync_to_an_unknown_host_fails_as_Socket_does()
    {
        await using var engine = new RingEngine();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Func<Task> unknown = () => engine.ConnectAsync(client, new DnsEndPoint("no-such-host.invalid", 80)).Within();
        await unknown.Should().ThrowAsync<SocketException>();
    }

    [Fact]
    public async Task SendFileAsync_sends_the_file_between_the_buffers_as_Socket_SendFileAsync_does()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("payload.bin");
        byte[] file = RandomNumberGenerator.GetBytes(300_000);
        File.WriteAllBytes(path, file);
        byte[] pre = "HEAD"u8.ToArray(), post = "TAIL"u8.ToArray();
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            Task<byte[]> receive = ReceiveAll(server);
            try
            {
                await engine.SendFileAsync(client, path, pre, post, TransmitFileOptions.UseDefaultWorkerThread).Within();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.InvalidArgument)
            {
                Assert.Skip("This kernel refuses IORING_OP_SPLICE here (EINVAL).");
            }

            using (SafeFileHandle handle = File.OpenHandle(path))
            {
                (await engine.SendFileAsync(client, handle, 1000, 5000).Within()).Should().Be(5000);
                (await engine.SendFileAsync(client, handle, file.Length - 10, 100).Within()).Should().Be(10, "the file ends first");
            }

            client.Shutdown(SocketShutdown.Send);
            byte[] got = await receive.WaitAsync(AsyncTestSupport.Bound);
            got.Should().Equal(pre.Concat(file).Concat(post).Concat(file.Skip(1000).Take(5000)).Concat(file.Skip(file.Length - 10)));
        }

        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Func<Task> missing = () => engine.SendFileAsync(other, _dir.File("missing.bin")).Within();
        await missing.Should().ThrowAsync<FileNotFoundException>();
        Action badFlags = () => engine.SendFileAsync(other, path, default, default, TransmitFileOptions.Disconnect);
        badFlags.Should().Throw<ArgumentException>().WithParameterName("flags");
    }

    [Fact]
    public async Task FlushToDiskAsync_and_its_old_name_both_fsync()
    {
        await using var engine = new RingEngine();
        using SafeFileHandle file = await engine.OpenAsync(_dir.File("f.bin"), FileMode.Create, FileAccess.Write).Within();
        await engine.WriteAsync(file, new byte[10], 0).Within();
        await engine.FlushToDiskAsync(file).Within();
#pragma warning disable CS0618 // the obsolete alias must keep working
        await engine.FlushAsync(file).Within();
#pragma warning restore CS0618
        typeof(RingEngine).GetMethod(nameof(RingEngine.FlushAsync))!.GetCustomAttributes(typeof(ObsoleteAttribute), false).Should().ContainSingle();
    }

    [Fact]
    public async Task StatAsync_reports_in_dotnet_terms_and_still_converts_to_StatxBuffer()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("s.bin");
        File.WriteAllBytes(path, new byte[1234]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        FileStatus status = await engine.StatAsync(path).Within();
        StatxBuffer raw = await engine.StatAsync(path).Within();

        status.Length.Should().Be(new FileInfo(path).Length);
        status.UnixFileMode.Should().Be(File.GetUnixFileMode(path));
        status.IsRegularFile.Should().BeTrue();
        status.IsDirectory.Should().BeFalse();
        status.LastWriteTimeUtc.UtcDateTime.Should().Be(File.GetLastWriteTimeUtc(path));
        raw.Size.Should().Be(1234);
        (await engine.StatAsync(_dir.Path).Within()).IsDirectory.Should().BeTrue();
    }

    private static ReadOnlySequence<byte> Segments(byte[] data, int count)
    {
        int size = data.Length / count;
        var first = new Segment(data.AsMemory(0, size), 0);
        Segment last = first;
        for (int i = 1; i < count; i++)
        {
            last = last.Append(data.AsMemory(i * size, i == count - 1 ? data.Length - i * size : size));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private static async Task<byte[]> ReceiveAll(Socket socket)
    {
        var all = new MemoryStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = await socket.ReceiveAsync(chunk, SocketFlags.None)) > 0)
        {
            all.Write(chunk, 0, n);
        }

        return all.ToArray();
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
