using System;
using System.IO;
using System.Security.Cryptography;
using FluentAssertions;
using IoUring.Interop.Tests;
using Xunit;

namespace IoUring.Interop.ApiTests.Programs;

/// <summary>Issue 10's two programs, written on the synchronous API, run against the real kernel.</summary>
public class ProgramsTests
{
    [Fact]
    public void A_200_MB_copy_at_queue_depth_16_has_the_sources_hash()
    {
        using var directory = new TempDirectory();
        string source = directory.File("source.bin"), copy = directory.File("copy.bin");
        const int Length = 200 * 1024 * 1024 + 12345; // not a multiple of the block: the last read is short
        using (FileStream file = File.Create(source))
        {
            var random = new Random(10);
            byte[] chunk = new byte[1 << 20];
            for (int written = 0; written < Length; written += chunk.Length)
            {
                random.NextBytes(chunk);
                file.Write(chunk, 0, Math.Min(chunk.Length, Length - written));
            }
        }

        CopyProgram.Copy(source, copy).Should().Be(Length);

        new FileInfo(copy).Length.Should().Be(Length);
        Hash(copy).Should().Equal(Hash(source));
    }

    [Fact]
    public void An_echo_server_and_client_complete_10000_round_trips()
    {
        EchoProgram.RoundTrips(10_000).Should().Be(10_000);
    }

    private static byte[] Hash(string path)
    {
        using FileStream file = File.OpenRead(path);
        return SHA256.HashData(file);
    }
}
