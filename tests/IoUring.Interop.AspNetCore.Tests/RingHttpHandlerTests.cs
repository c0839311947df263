using System;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>HttpClient whose connections run on a RingEngine (RingHttpHandler), against a real Kestrel on loopback,
/// plain and TLS.</summary>
public sealed class RingHttpHandlerTests
{
    [Theory]
    [InlineData(Transport.Sockets, false)]
    [InlineData(Transport.IoUring, false)]
    [InlineData(Transport.Sockets, true)]
    public async Task HttpClient_on_the_ring_gets_and_posts(Transport transport, bool tls)
    {
        using X509Certificate2? certificate = tls ? SelfSigned() : null;
        await using var server = await LoopbackServer.StartAsync(transport, certificate: certificate);
        await using var engine = new RingEngine();
        SocketsHttpHandler handler = RingHttpHandler.Create(engine);
        if (certificate is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        }

        // By name, so the DnsEndPoint path (resolve, try each address) is the one taken.
        var baseAddress = new Uri($"{(tls ? "https" : "http")}://localhost:{server.EndPoint!.Port}/");
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        long before = engine.Statistics.Submitted;

        string hello = await client.GetStringAsync("/hello", TestContext.Current.CancellationToken);
        byte[] payload = RandomNumberGenerator.GetBytes(1 << 20);
        using HttpResponseMessage echo = await client.PostAsync("/echo", new ByteArrayContent(payload), TestContext.Current.CancellationToken);
        byte[] back = await echo.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        hello.Should().NotBeNullOrEmpty();
        echo.StatusCode.Should().Be(HttpStatusCode.OK);
        back.Should().Equal(payload);
        (engine.Statistics.Submitted - before).Should().BeGreaterThan(3, "the connect, sends and receives went through the engine's ring");
        server.Connections.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_refused_connection_is_the_HttpRequestException_dotnet_gives()
    {
        await using var engine = new RingEngine();
        using var client = new HttpClient(RingHttpHandler.Create(engine)) { Timeout = TimeSpan.FromSeconds(30) };
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        Func<Task> get = () => client.GetStringAsync($"http://127.0.0.1:{closedPort}/", TestContext.Current.CancellationToken);
        (await get.Should().ThrowAsync<HttpRequestException>()).WithInnerException<System.Net.Sockets.SocketException>()
            .Which.SocketErrorCode.Should().Be(System.Net.Sockets.SocketError.ConnectionRefused);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
