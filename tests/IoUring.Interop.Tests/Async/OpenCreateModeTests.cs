using System;
using System.IO;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Issue 18, defect 5: <see cref="RingEngine.OpenAsync"/> refuses <see cref="UnixFileMode"/> bits that are
/// not permissions, as .NET's <see cref="FileStreamOptions.UnixCreateMode"/> does, instead of creating a file with
/// whatever mode the kernel makes of them.</summary>
public sealed class OpenCreateModeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0x4000_0000)]
    [InlineData(0x1000)]
    [InlineData(-1)]
    public async Task Undefined_mode_bits_are_refused_naming_the_argument_and_the_bits(int mode)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(deferTaskrun: true);
        string path = _dir.File("refused");

        // .NET's own rule for the same value.
        Action dotnet = () => _ = new FileStreamOptions { UnixCreateMode = (UnixFileMode)mode };
        dotnet.Should().Throw<ArgumentException>();

        Func<Task> open = () => engine.OpenAsync(path, FileMode.CreateNew, FileAccess.Write, createMode: (UnixFileMode)mode).AsTask();
        ArgumentException e = (await open.Should().ThrowAsync<ArgumentException>()).Which;
        e.ParamName.Should().Be("createMode");
        e.Message.Should().Contain($"0x{mode & ~0xFFF:X}");
        File.Exists(path).Should().BeFalse("nothing reached the kernel");

        // The engine is unharmed.
        using var file = await engine.OpenAsync(path, FileMode.CreateNew, FileAccess.Write, createMode: UnixFileMode.UserRead | UnixFileMode.UserWrite).Within();
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Every_defined_bit_is_accepted()
    {
        await using RingEngine engine = AsyncTestSupport.Engine(deferTaskrun: true);
        string path = _dir.File("all");
        const UnixFileMode All = (UnixFileMode)0xFFF;
        using var file = await engine.OpenAsync(path, FileMode.CreateNew, FileAccess.Write, createMode: All).Within();
        File.Exists(path).Should().BeTrue();
    }
}
