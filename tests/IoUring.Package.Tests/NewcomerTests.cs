using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Package.Tests.Support;
using Xunit;

namespace IoUring.Package.Tests;

/// <summary>
/// The newcomer's three programs (Newcomer/*.cs), each written on io_uring and on the built-ins, built against the
/// packed packages in the fresh apps of <see cref="FreshHomeFixture"/> and run: a copy checked by SHA-256, an echo of
/// 10,000 round trips, a minimal API with /plaintext and POST /echo. The io_uring version is never the longer one.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class NewcomerTests(FreshHomeFixture home, ITestOutputHelper output)
{
    private static readonly Regex UsingDirective = new(@"^using\s+[\w.]+\s*;", RegexOptions.CultureInvariant);

    public static TheoryData<string> Programs => new("copy", "echo", "api");

    public static TheoryData<string> Twins => new("iouring", "builtin");

    /// <summary>
    /// Lines of code: not blank, not a comment, not a using directive (each side imports what it uses; the count
    /// compares the code). The marker line is not part of the program.
    /// </summary>
    public static int CodeLines(Example program) =>
        program.Lines.Select(l => l.Trim()).Count(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && !UsingDirective.IsMatch(l));

    private static Example Program(string name, string twin) =>
        ExampleCatalog.Instance.Find($"newcomer-{name}-{twin}") ?? throw new InvalidOperationException($"Newcomer/{name}-{twin}.cs is missing");

    [Theory]
    [MemberData(nameof(Programs))]
    public void The_io_uring_version_is_no_longer_than_its_built_in_twin_and_needs_no_unsafe(string name)
    {
        Example ring = Program(name, "iouring"), builtin = Program(name, "builtin");
        int ringLines = CodeLines(ring), builtinLines = CodeLines(builtin);
        output.WriteLine($"{name}: io_uring {ringLines} lines of code ({ring.Lines.Count} in all), built-ins {builtinLines} ({builtin.Lines.Count} in all)");

        ringLines.Should().BeGreaterThan(5, "the program is real code");
        ringLines.Should().BeLessThanOrEqualTo(builtinLines, $"{ring.Where} should be no longer than {builtin.Where}");
        ring.AllowsUnsafe.Should().BeFalse();
        ring.Lines.Should().NotContain(l => Regex.IsMatch(l, @"\bunsafe\b|\bfixed\s*\(|DangerousGetHandle"));
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task Copy_copies_byte_for_byte_and_checks_the_sha256(string twin)
    {
        string directory = Directory.CreateDirectory(Path.Combine(home.WorkDirectory, "copy-" + twin)).FullName;
        string source = Path.Combine(directory, "source.bin"), target = Path.Combine(directory, "target.bin");
        byte[] data = RandomNumberGenerator.GetBytes((3 << 20) + 12345);   // not a multiple of the 128 KiB buffer
        await File.WriteAllBytesAsync(source, data, TestContext.Current.CancellationToken);
        await BuildAsync();

        ProcessResult run = await home.RunConsoleAsync($"newcomer-copy-{twin}", source, target);

        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardOutput.Should().Contain($"copied {data.Length} bytes, sha256 {Convert.ToHexString(SHA256.HashData(data))} ok");
        (await File.ReadAllBytesAsync(target, TestContext.Current.CancellationToken)).Should().Equal(data);
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task Echo_does_ten_thousand_checked_round_trips(string twin)
    {
        await BuildAsync();

        ProcessResult run = await home.RunConsoleAsync($"newcomer-echo-{twin}");

        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardOutput.Trim().Should().Be("10000 round trips ok");
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task Minimal_api_answers_plaintext_and_echoes_a_post(string twin)
    {
        await BuildAsync();
        byte[] body = RandomNumberGenerator.GetBytes(100_000);

        await using WebAppProcess app = await home.StartWebAsync($"newcomer-api-{twin}");
        using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        string plaintext = await client.GetStringAsync("/plaintext", TestContext.Current.CancellationToken);
        using HttpResponseMessage echo = await client.PostAsync("/echo", new ByteArrayContent(body), TestContext.Current.CancellationToken);

        plaintext.Should().Be("Hello, World!", app.Output);
        echo.IsSuccessStatusCode.Should().BeTrue(app.Output);
        (await echo.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Should().Equal(body);
        if (twin == "iouring")
        {
            // RequireIoUring: the app would have failed to start rather than fall back; the log must not mention a fallback.
            app.Output.Should().NotContain("using the Sockets transport");
        }
    }

    private async Task BuildAsync()
    {
        ProcessResult build = await home.Build;
        build.ExitCode.Should().Be(0, build.ToString());
    }
}
