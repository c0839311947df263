using System;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>Kestrel's HTTPS (SslStream over the transport's pipes) on a certificate made by the test.</summary>
public sealed class HttpsTests
{
    [Theory]
    [InlineData(Transport.IoUring)]
    [InlineData(Transport.IoUringMultishot)]
    [InlineData(Transport.Sockets)]
    public async Task HttpsRequestsAndUploadsWork(Transport transport)
    {
        using var certificate = SelfSigned();
        await using var server = await LoopbackServer.StartAsync(transport, certificate: certificate);
        server.BaseAddress.Scheme.Should().Be("https");
        using var client = server.CreateClient(certificate: certificate);

        (await client.GetStringAsync("/hello", TestContext.Current.CancellationToken)).Should().Be(TestEndpoints.Hello);

        byte[] payload = new byte[1024 * 1024];
        new Random(5).NextBytes(payload);
        using var response = await client.PostAsync("/echo", new ByteArrayContent(payload), TestContext.Current.CancellationToken);
        (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).AsSpan().SequenceEqual(payload).Should().BeTrue();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Round trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
