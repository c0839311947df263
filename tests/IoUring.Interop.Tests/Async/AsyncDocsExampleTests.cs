using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using IoUring.Interop.Tests.Audit;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>docs/async.md's examples, run as written (Console output captured).</summary>
public class AsyncDocsExampleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Doc => File.ReadAllText(Path.Combine(Repo.Root(), "docs", "async.md"));

    [Fact]
    public async Task Copy_a_file_runs_as_written()
    {
        string sourcePath = _dir.File("source.bin"), targetPath = _dir.File("target.bin");
        byte[] data = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31)).ToArray();
        await File.WriteAllBytesAsync(sourcePath, data);
        string printed;

        // docs/async.md, "1. Copy a file".
        RingEngine engine = RingEngine.Default;
        using (SafeFileHandle source = await engine.OpenAsync(sourcePath, FileMode.Open, FileAccess.Read))
        using (SafeFileHandle target = await engine.OpenAsync(targetPath, FileMode.Create, FileAccess.Write))
        {
            byte[] buffer = new byte[64 * 1024];
            long offset = 0;
            int read;
            while ((read = await engine.ReadAsync(source, buffer, offset)) > 0)
            {
                await engine.WriteAsync(target, buffer.AsMemory(0, read), offset);   // all of it, as RandomAccess.WriteAsync
                offset += read;
            }

            await engine.FlushToDiskAsync(target);                 // fsync
            FileStatus stat = await engine.StatAsync(targetPath);
            printed = $"copied {stat.Length} bytes";
        }

        printed.Should().Be("copied 200000 bytes");
        (await File.ReadAllBytesAsync(targetPath)).Should().Equal(data);
        Doc.Should().Contain("while ((read = await engine.ReadAsync(source, buffer, offset)) > 0)")
            .And.Contain("await engine.WriteAsync(target, buffer.AsMemory(0, read), offset);")
            .And.Contain("FileStatus stat = await engine.StatAsync(targetPath);");
    }

    [Fact]
    public async Task Echo_server_and_client_run_as_written()
    {
        await using var engine = new RingEngine();
        using var cts = new CancellationTokenSource(AsyncTestSupport.Bound);
        CancellationToken stopping = cts.Token;
        string printed;

        // docs/async.md, "2. An echo server and a client".
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();

        // Server: one multishot accept, one echo loop per connection.
        Task server = Task.Run(async () =>
        {
            await foreach (Socket connection in engine.AcceptManyAsync(listener, stopping))
                _ = EchoAsync(engine, connection);
        });

        static async Task EchoAsync(RingEngine engine, Socket connection)
        {
            using (connection)
            {
                byte[] buffer = new byte[4096];
                int received;
                while ((received = await engine.ReceiveAsync(connection, buffer)) > 0)   // 0: the peer closed
                    await engine.SendAsync(connection, buffer.AsMemory(0, received));
            }
        }

        // Client.
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await engine.ConnectAsync(client, listener.LocalEndPoint!);
        await engine.SendAsync(client, "hello"u8.ToArray());
        byte[] reply = new byte[5];
        int got = await engine.ReceiveAsync(client, reply);
        printed = Encoding.ASCII.GetString(reply, 0, got);

        printed.Should().Be("hello");
        cts.Cancel();
        Func<Task> stopped = () => server;
        await stopped.Should().ThrowAsync<OperationCanceledException>();
        Doc.Should().Contain("await foreach (Socket connection in engine.AcceptManyAsync(listener, stopping))")
            .And.Contain("while ((received = await engine.ReceiveAsync(connection, buffer)) > 0)")
            .And.Contain("await engine.ConnectAsync(client, listener.LocalEndPoint!);");
    }
}
