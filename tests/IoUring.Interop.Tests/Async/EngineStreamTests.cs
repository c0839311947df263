using System;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>RingSocketStream and RingFileStream under the .NET stream stack: SslStream, StreamReader, CopyToAsync.</summary>
public class EngineStreamTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SslStream_runs_a_TLS_handshake_and_echo_over_RingSocketStream()
    {
        await using var engine = new RingEngine();
        using X509Certificate2 certificate = SelfSigned();
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        await using var serverTls = new SslStream(new RingSocketStream(engine, server));
        await using var clientTls = new SslStream(new RingSocketStream(engine, client), false, (_, _, _, _) => true);

        await Task.WhenAll(
            serverTls.AuthenticateAsServerAsync(certificate),
            clientTls.AuthenticateAsClientAsync("localhost")).WaitAsync(AsyncTestSupport.Bound);

        byte[] request = Encoding.UTF8.GetBytes("ping over TLS over io_uring");
        await clientTls.WriteAsync(request);
        byte[] got = new byte[request.Length];
        await serverTls.ReadExactlyAsync(got).AsTask().WaitAsync(AsyncTestSupport.Bound);
        got.Should().Equal(request);
        await serverTls.WriteAsync(got.Reverse().ToArray());
        byte[] back = new byte[request.Length];
        await clientTls.ReadExactlyAsync(back).AsTask().WaitAsync(AsyncTestSupport.Bound);
        back.Should().Equal(request.Reverse());
        clientTls.SslProtocol.Should().NotBe(System.Security.Authentication.SslProtocols.None);
    }

    [Fact]
    public async Task StreamReader_reads_lines_from_RingFileStream()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("lines.txt");
        string[] lines = Enumerable.Range(0, 2000).Select(i => $"line {i}: {new string('x', i % 50)}").ToArray();
        await File.WriteAllLinesAsync(path, lines);

        SafeFileHandle file = await engine.OpenAsync(path, FileMode.Open, FileAccess.Read).Within();
        using var reader = new StreamReader(new RingFileStream(engine, file), Encoding.UTF8, false, bufferSize: 512);
        var read = new System.Collections.Generic.List<string>();
        while (await reader.ReadLineAsync() is string line)
        {
            read.Add(line);
        }

        read.Should().Equal(lines);
    }

    [Fact]
    public async Task CopyToAsync_moves_a_file_through_a_socket_into_another_file()
    {
        await using var engine = new RingEngine();
        string source = _dir.File("source.bin"), target = _dir.File("target.bin");
        byte[] data = RandomNumberGenerator.GetBytes(1 << 20);
        await File.WriteAllBytesAsync(source, data);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();

        Task sending = Task.Run(async () =>
        {
            await using var input = new RingFileStream(engine, await engine.OpenAsync(source, FileMode.Open, FileAccess.Read));
            await using var wire = new RingSocketStream(engine, client);
            await input.CopyToAsync(wire);
            client.Shutdown(SocketShutdown.Send);
        });

        await using (var wire = new RingSocketStream(engine, server))
        await using (var output = new RingFileStream(engine, await engine.OpenAsync(target, FileMode.Create, FileAccess.Write)))
        {
            await wire.CopyToAsync(output).WaitAsync(AsyncTestSupport.Bound);
            output.Position.Should().Be(data.Length);
        }

        await sending.WaitAsync(AsyncTestSupport.Bound);
        (await File.ReadAllBytesAsync(target)).Should().Equal(data);
    }

    [Fact]
    public async Task RingFileStream_seeks_and_follows_the_open_mode()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("seek.bin");
        await using (var stream = new RingFileStream(engine, await engine.OpenAsync(path, FileMode.Create, FileAccess.ReadWrite)))
        {
            stream.CanRead.Should().BeTrue();
            stream.CanWrite.Should().BeTrue();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("0123456789"));
            stream.Length.Should().Be(10);
            stream.Seek(-4, SeekOrigin.End).Should().Be(6);
            byte[] tail = new byte[8];
            (await stream.ReadAsync(tail)).Should().Be(4);
            Encoding.ASCII.GetString(tail, 0, 4).Should().Be("6789");
            stream.Position = 2;
            stream.ReadByte().Should().Be('2');
            Action before = () => stream.Seek(-1, SeekOrigin.Begin);
            before.Should().Throw<IOException>();
        }

        await using var readOnly = new RingFileStream(engine, await engine.OpenAsync(path, FileMode.Open, FileAccess.Read));
        readOnly.CanWrite.Should().BeFalse();
        Func<Task> write = async () => await readOnly.WriteAsync(new byte[1]);
        await write.Should().ThrowAsync<NotSupportedException>();
    }

    /// <summary>A handle closed before or while the stream is made is refused as the argument it is; the open mode is
    /// read under a reference on the handle, so a close on another thread cannot let the descriptor's number be reused
    /// in between (the race itself cannot be forced; the loop checks that every outcome is one of the two allowed).</summary>
    [Fact]
    public async Task RingFileStream_refuses_a_closed_handle_as_its_file_argument()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("closed.bin");
        await File.WriteAllBytesAsync(path, new byte[16]);

        SafeFileHandle closed = File.OpenHandle(path);
        closed.Dispose();
        Action make = () => new RingFileStream(engine, closed);
        make.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("file");

        for (int i = 0; i < 500; i++)
        {
            SafeFileHandle racing = File.OpenHandle(path);
            Task closing = Task.Run(racing.Dispose);
            try
            {
                using var stream = new RingFileStream(engine, racing, ownsHandle: false);
                stream.CanRead.Should().BeTrue("a stream made before the close sees the read-only open mode");
                stream.CanWrite.Should().BeFalse();
            }
            catch (ArgumentException refused)
            {
                refused.ParamName.Should().Be("file");
            }

            await closing.WaitAsync(AsyncTestSupport.Bound);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        // Round-trip through PKCS#12 so the private key is usable by the platform's TLS on Linux.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
