using System.IO;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using IoUring.Samples.Echo;
using IoUring.Samples.Probe;
using Xunit;

namespace IoUring.Package.Tests;

/// <summary>The Echo and Probe command lines: --help, ranges in the messages, non-zero exits, a port in use.</summary>
public sealed class SampleCommandLineTests
{
    [Fact]
    public void Echo_help_prints_the_usage_and_succeeds()
    {
        var output = new StringWriter();

        EchoCommand.Run(["--help"], output, new StringWriter()).Should().Be(0);

        output.ToString().Should().StartWith("usage: IoUring.Echo").And.Contain("--port");
    }

    [Theory]
    [InlineData("--connections", "0", "--connections takes a whole number from 1 to 256, got '0'")]
    [InlineData("--port", "70000", "--port takes a whole number from 0 to 65535, got '70000'")]
    [InlineData("--size", "999999", "--size takes a whole number from 1 to ")]
    [InlineData("--bogus", "1", "unknown option '--bogus'")]
    public void Echo_out_of_range_values_name_the_allowed_range(string option, string value, string message)
    {
        var error = new StringWriter();

        EchoCommand.Run([option, value], new StringWriter(), error).Should().Be(2);

        error.ToString().Should().Contain(message).And.Contain("usage:");
    }

    [Fact]
    public void Echo_says_clearly_when_the_port_is_in_use()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var error = new StringWriter();

        EchoCommand.Run(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], new StringWriter(), error).Should().Be(1);

        error.ToString().Should().Contain($"port {port} on 127.0.0.1 is already in use (EADDRINUSE)");
    }

    [Fact]
    public void Echo_serves_on_the_port_it_is_given()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var output = new StringWriter();
        var error = new StringWriter();
        int exit = EchoCommand.Run(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--connections", "1", "--requests", "50"], output, error);

        exit.Should().Be(0, error.ToString());
        output.ToString().Should().Contain($"echo server on 127.0.0.1:{port}").And.Contain("requests=50 ");
    }

    [Fact]
    public void Probe_help_and_unknown_arguments()
    {
        var output = new StringWriter();
        ProbeCommand.Run(["--help"], output, new StringWriter()).Should().Be(0);
        output.ToString().Should().StartWith("usage: IoUring.Probe");

        var error = new StringWriter();
        ProbeCommand.Run(["--verbose"], new StringWriter(), error).Should().Be(2);
        error.ToString().Should().Contain("unknown argument '--verbose'").And.Contain("usage:");
    }

    [Fact]
    public void Probe_without_arguments_prints_the_report()
    {
        var output = new StringWriter();

        ProbeCommand.Run([], output, new StringWriter()).Should().Be(0);

        output.ToString().Should().StartWith("Kernel: Linux ");
    }
}
