using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using IoUring.HeaderGen.Tests.Infrastructure;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>The tool's failures say what and where, with the exit code its header documents; skipped macros are reviewed.</summary>
public sealed class ToolErrorTests
{
    private static readonly string Errors = Path.Combine(Repo.Fixtures, "Errors");

    [Fact]
    public void A_bit_field_fails_with_the_file_and_line_of_the_field()
    {
        (int exitCode, _, string stderr) = ToolProcess.Run("--include-dir", Errors, "--header", "bitfield.h");

        exitCode.Should().Be(1, stderr);
        stderr.Should().Contain(Path.Combine(Errors, "bitfield.h") + ":4: error: with_bits.low is a bit-field");
        stderr.Should().NotContain("usage:");
    }

    [Fact]
    public void An_unwritable_output_is_a_clear_error_with_its_own_exit_code_and_no_usage_text()
    {
        // A path under a regular file cannot be created, whoever runs the test (root included).
        string blocker = Path.GetTempFileName();
        try
        {
            string output = Path.Combine(blocker, "Native.g.cs");
            (int exitCode, _, string stderr) = ToolProcess.Run("--include-dir", Errors, "--header", "skipped.h", "--output", output);

            exitCode.Should().Be(4, stderr);
            stderr.Should().Contain($"error: cannot write --output {output}:").And.NotContain("usage:");
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public void A_bad_command_line_still_exits_2_with_the_usage_text()
    {
        (int exitCode, _, string stderr) = ToolProcess.Run("--include-dir", Errors, "--no-such-option");

        exitCode.Should().Be(2);
        stderr.Should().Contain("unknown argument '--no-such-option'").And.Contain("usage:");
    }

    [Fact]
    public void Only_unreviewed_skips_and_stale_reviews_are_build_warnings_naming_the_macro_and_its_line()
    {
        (int exitCode, string stdout, string stderr) = ToolProcess.Run(
            "--include-dir", Errors, "--header", "skipped.h", "--reviewed-skip", "SKIPPED_REVIEWED", "--reviewed-skip", "NO_LONGER_THERE");

        exitCode.Should().Be(0, stderr);
        stdout.Should().Contain("public const int KEPT_CONSTANT = 3;");
        string[] warnings = stderr.Split('\n').Where(l => l.Contains(": warning IOUHG", StringComparison.Ordinal)).ToArray();
        warnings.Should().HaveCount(2, stderr);
        warnings[0].Should().StartWith(Path.Combine(Errors, "skipped.h") + "(3): warning IOUHG001: macro SKIPPED_NEW skipped (function-like macro)");
        warnings[1].Should().Contain("warning IOUHG002: --reviewed-skip NO_LONGER_THERE");
    }

    [Fact]
    public void The_listing_option_writes_the_api_listing_beside_the_output()
    {
        string folder = Directory.CreateTempSubdirectory("headergen-listing-").FullName;
        try
        {
            string listing = Path.Combine(folder, "NativeApi.g.txt");
            (int exitCode, _, string stderr) = ToolProcess.Run(
                "--include-dir", Errors, "--header", "skipped.h", "--output", Path.Combine(folder, "Native.g.cs"), "--listing", listing);

            exitCode.Should().Be(0, stderr);
            File.ReadAllText(listing).Should().Contain("const KEPT_CONSTANT : int = 3\n").And.Contain("skipped SKIPPED_NEW : function-like macro\n");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
