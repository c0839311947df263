using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>The io_uring probe, the decision it drives, and the app-level fallback to Sockets (or the refusal to start).</summary>
public sealed class FallbackTests
{
    private const int EPERM = 1;
    private const int ENOSYS = 38;

    [Fact]
    public void RealProbeAgreesWithCreatingARing()
    {
        // The probe's own path (io_uring_setup through IoUring.Interop), checked against an independent ring creation.
        var availability = IoUringAvailability.Probe();
        int errno = 0;
        try
        {
            using var ring = new Ring(4);
        }
        catch (IoUringException e)
        {
            errno = e.Errno;
        }

        availability.IsAvailable.Should().Be(errno == 0);
        availability.Errno.Should().Be(errno);
        availability.Reason.Should().NotBeNullOrWhiteSpace();
        if (File.Exists("/proc/sys/kernel/io_uring_disabled") && File.ReadAllText("/proc/sys/kernel/io_uring_disabled").Trim() == "2")
        {
            availability.IsAvailable.Should().BeFalse("kernel.io_uring_disabled=2 refuses every ring");
        }
    }

    [Fact]
    public void ErrnoExplainsTheCause()
    {
        IoUringAvailability.FromErrno(0).IsAvailable.Should().BeTrue();

        var eperm = IoUringAvailability.FromErrno(EPERM);
        eperm.IsAvailable.Should().BeFalse();
        eperm.Errno.Should().Be(EPERM);
        eperm.Reason.Should().Contain("EPERM (1)");

        var enosys = IoUringAvailability.FromErrno(ENOSYS);
        enosys.Reason.Should().Contain("ENOSYS (38)").And.Contain("CONFIG_IO_URING");
    }

    [Theory]
    [InlineData(0, false, "IoUring")]
    [InlineData(0, true, "IoUring")]
    [InlineData(EPERM, false, "SocketsFallback")]
    [InlineData(EPERM, true, "Fail")]
    [InlineData(ENOSYS, false, "SocketsFallback")]
    [InlineData(ENOSYS, true, "Fail")]
    public void DecisionFollowsTheProbeAndTheOption(int errno, bool require, string expected) =>
        TransportDecision.Decide(IoUringAvailability.FromErrno(errno), require).ToString().Should().Be(expected);

    [Fact]
    public async Task UnavailableIoUringFallsBackToSocketsWithOneLogLine()
    {
        await using var server = await LoopbackServer.StartAsync(
            Transport.IoUring,
            configure: o => o.ProbeOverride = () => IoUringAvailability.FromErrno(EPERM),
            skipIfUnavailable: false);
        using var client = server.CreateClient();

        (await client.GetStringAsync("/hello", TestContext.Current.CancellationToken)).Should().Be(TestEndpoints.Hello);

        server.Factory!.UsesIoUring.Should().BeFalse();
        server.Connections.Single().GetType().FullName.Should().NotContain("IoUring", "the Sockets transport served the connection");
        var lines = server.Logs.From("IoUring.Interop.AspNetCore", LogLevel.Warning).ToList();
        lines.Should().ContainSingle().Which.Should().Contain("using the Sockets transport").And.Contain("EPERM (1)");
    }

    [Fact]
    public async Task RequiredIoUringFailsStartUp()
    {
        var start = () => LoopbackServer.StartAsync(
            Transport.IoUring,
            configure: o =>
            {
                o.RequireIoUring = true;
                o.ProbeOverride = () => IoUringAvailability.FromErrno(ENOSYS);
            },
            skipIfUnavailable: false);

        (await start.Should().ThrowAsync<PlatformNotSupportedException>()).Which.Message.Should().Contain("RequireIoUring").And.Contain("ENOSYS");
    }

    [Fact]
    public void InvalidOptionsAreRejectedByName()
    {
        var create = () => new IoUringTransportFactory(
            Microsoft.Extensions.Options.Options.Create(new IoUringTransportOptions { EngineCount = 0 }),
            Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        create.Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().Contain("EngineCount");
    }
}
