using System;
using System.IO;
using FluentAssertions;
using IoUring.Samples.Copy;
using Xunit;

namespace IoUring.Package.Tests;

/// <summary>Issue 9 (the Copy sample finding) and issue 10 item 12: <c>IoUring.Copy f f</c> truncated f to 0 bytes and
/// exited 0. The same file (by path, symlink or hard link) is refused before anything is truncated; a missing or
/// unwritable file gives one clear line and a non-zero exit, never a stack trace.</summary>
public sealed class CopySampleSafetyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("iouring-copy-safety-").FullName;

    public enum Alias
    {
        SamePath,
        Symlink,
        HardLink,
        DotDotPath,
    }

    [Theory]
    [InlineData(Alias.SamePath)]
    [InlineData(Alias.Symlink)]
    [InlineData(Alias.HardLink)]
    [InlineData(Alias.DotDotPath)]
    public void Copying_a_file_onto_itself_is_refused_and_leaves_it_intact(Alias alias)
    {
        string file = Path.Combine(_directory, "data.bin");
        byte[] data = new byte[100_000];
        new Random(3).NextBytes(data);
        File.WriteAllBytes(file, data);
        string destination = alias switch
        {
            Alias.SamePath => file,
            Alias.Symlink => File.CreateSymbolicLink(Path.Combine(_directory, "link.bin"), file).FullName,
            Alias.HardLink => HardLink(file, Path.Combine(_directory, "hard.bin")),
            _ => Path.Combine(_directory, "..", Path.GetFileName(_directory), "data.bin"),
        };
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = CopyCommand.Run([file, destination], output, error);

        exit.Should().Be(1);
        error.ToString().Should().Contain("same file").And.NotContain("   at ");
        File.ReadAllBytes(file).Should().Equal(data, "the source must not be truncated");
    }

    [Fact]
    public void A_missing_source_gives_one_line_and_exit_1()
    {
        var error = new StringWriter();
        string missing = Path.Combine(_directory, "missing.bin");

        int exit = CopyCommand.Run([missing, Path.Combine(_directory, "out.bin")], new StringWriter(), error);

        exit.Should().Be(1);
        string text = error.ToString();
        text.Should().Contain(missing).And.NotContain("   at ").And.NotContain("usage:");
        text.TrimEnd().Split('\n').Should().ContainSingle();
        File.Exists(Path.Combine(_directory, "out.bin")).Should().BeFalse("nothing is created when the source cannot be read");
    }

    [Fact]
    public void An_unwritable_destination_gives_one_line_and_exit_1()
    {
        string source = Path.Combine(_directory, "source.bin");
        File.WriteAllBytes(source, [1, 2, 3]);
        string destination = Path.Combine(_directory, "no-such-folder", "out.bin");
        var error = new StringWriter();

        int exit = CopyCommand.Run([source, destination], new StringWriter(), error);

        exit.Should().Be(1);
        error.ToString().Should().Contain(destination).And.NotContain("   at ");
        error.ToString().TrimEnd().Split('\n').Should().ContainSingle();
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_prints_the_usage_and_exits_0(string flag)
    {
        var output = new StringWriter();

        CopyCommand.Run([flag], output, new StringWriter()).Should().Be(0);
        output.ToString().Should().StartWith("usage: IoUring.Copy");
    }

    [Theory]
    [InlineData("--block", "0", "1 to 67108864")]
    [InlineData("--block", "999999999", "1 to 67108864")]
    [InlineData("--depth", "5000", "1 to 1024")]
    [InlineData("--depth", "many", "1 to 1024")]
    public void Out_of_range_values_say_the_allowed_range(string option, string value, string range)
    {
        var error = new StringWriter();

        CopyCommand.Run(["a", "b", option, value], new StringWriter(), error).Should().Be(2);
        error.ToString().Should().Contain(option).And.Contain(value).And.Contain(range);
    }

    [Fact]
    public void No_progress_line_is_drawn_when_output_is_not_a_terminal()
    {
        string source = Path.Combine(_directory, "source.bin");
        File.WriteAllBytes(source, new byte[200_000]);
        var output = new StringWriter();

        CopyCommand.Run([source, Path.Combine(_directory, "copy.bin")], output, new StringWriter(), showProgress: false).Should().Be(0);
        output.ToString().Should().NotContain("progress").And.NotContain("\r").And.StartWith("copied 200000 bytes");
    }

    private static string HardLink(string existing, string link)
    {
        if (link_native(existing, link) != 0)
        {
            Assert.Skip("link(2) is not available in this folder.");
        }

        return link;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int link_native(string existing, string link);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
