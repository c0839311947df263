using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>The typed file operations against real files in a temp folder, on both ring set-ups.</summary>
public class EngineFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Pattern(int length, int seed) => Enumerable.Range(0, length).Select(i => (byte)(seed + i * 7)).ToArray();

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Open_write_read_flush_and_close(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        engine.UsesDeferTaskRun.Should().Be(setUp == EngineSetUp.DeferTaskRun);
        string path = _dir.File("data.bin");
        byte[] data = Pattern(10_000, 3);

        using (SafeFileHandle file = await engine.OpenAsync(path, FileMode.CreateNew, FileAccess.ReadWrite).Within())
        {
            await engine.WriteAsync(file, data, 0).Within();
            await engine.FlushToDiskAsync(file).Within();
            await engine.FlushToDiskAsync(file, dataOnly: true).Within();

            byte[] back = new byte[data.Length + 100];
            (await engine.ReadAsync(file, back, 0).Within()).Should().Be(data.Length);
            back.AsSpan(0, data.Length).SequenceEqual(data).Should().BeTrue();
            (await engine.ReadAsync(file, back, data.Length).Within()).Should().Be(0, "reading at the end of the file returns 0");
        }

        File.ReadAllBytes(path).Should().Equal(data);
    }

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Vectored_write_then_vectored_read(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        string path = _dir.File("vectored.bin");
        byte[] a = Pattern(100, 1), b = Pattern(4096, 2), c = Pattern(7, 3);
        using SafeFileHandle file = await engine.OpenAsync(path, FileMode.Create, FileAccess.ReadWrite).Within();

        long written = await engine.WritePartialAsync(file, new ReadOnlyMemory<byte>[] { a, b, c }, 10).Within();

        written.Should().Be(a.Length + b.Length + c.Length);
        byte[] x = new byte[50], y = new byte[4153];
        long read = await engine.ReadAsync(file, new Memory<byte>[] { x, y }, 10).Within();
        read.Should().Be(written);
        x.Concat(y.Take((int)read - x.Length)).Should().Equal(a.Concat(b).Concat(c));
        new FileInfo(path).Length.Should().Be(10 + written);
    }

    [Fact]
    public async Task Allocate_grows_the_file_and_stat_reports_it()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("allocated.bin");
        using (SafeFileHandle file = await engine.OpenAsync(path, FileMode.Create, FileAccess.Write).Within())
        {
            try
            {
                await engine.AllocateAsync(file, 0, 1 << 20).Within();
            }
            catch (IoUringException e) when (e.Errno == 95)
            {
                Assert.Skip("The temp folder's file system has no fallocate (EOPNOTSUPP).");
            }
        }

        StatxBuffer stat = await engine.StatAsync(path).Within();
        stat.Size.Should().Be(1UL << 20);
        (stat.Mode & 0xF000).Should().Be(0x8000, "a regular file (S_IFREG)");
        new FileInfo(path).Length.Should().Be(1 << 20);
    }

    [Fact]
    public async Task Errors_carry_the_errno()
    {
        await using var engine = new RingEngine();
        Func<Task> open = () => engine.OpenAsync(_dir.File("missing"), FileMode.Open, FileAccess.Read).Within();
        (await open.Should().ThrowAsync<FileNotFoundException>()).WithInnerException<IoUringException>().Which.Errno.Should().Be(2, "ENOENT");

        Func<Task> stat = () => engine.StatAsync(_dir.File("missing")).Within();
        (await stat.Should().ThrowAsync<FileNotFoundException>()).WithInnerException<IoUringException>().Which.ErrnoName.Should().Be("ENOENT");

        string path = _dir.File("exists");
        File.WriteAllText(path, "x");
        Func<Task> exclusive = () => engine.OpenAsync(path, FileMode.CreateNew, FileAccess.Write).Within();
        (await exclusive.Should().ThrowAsync<IoUringException>()).Which.Errno.Should().Be(17, "EEXIST");

        // The engine is still usable after failures.
        using SafeFileHandle file = await engine.OpenAsync(path, FileMode.Open, FileAccess.Read).Within();
        byte[] one = new byte[1];
        (await engine.ReadAsync(file, one, 0).Within()).Should().Be(1);
    }

    [Fact]
    public async Task Bad_arguments_name_the_argument()
    {
        await using var engine = new RingEngine();
        using SafeFileHandle file = File.OpenHandle(_dir.File("f"), FileMode.Create, FileAccess.ReadWrite);
        Action negative = () => engine.ReadAsync(file, new byte[1], -2);
        negative.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("offset");
        Action readOnlyCreate = () => engine.OpenAsync(_dir.File("g"), FileMode.Create, FileAccess.Read);
        readOnlyCreate.Should().Throw<ArgumentException>().WithParameterName("access");
        Action tooMany = () => engine.ReadAsync(file, Enumerable.Range(0, 1025).Select(_ => new Memory<byte>(new byte[1])).ToArray(), 0);
        tooMany.Should().Throw<ArgumentException>().WithParameterName("buffers");
    }

    [Fact]
    public async Task Close_closes_in_the_kernel_and_marks_the_handle()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("c");
        SafeFileHandle file = await engine.OpenAsync(path, FileMode.Create, FileAccess.Write).Within();
        int fd = (int)file.DangerousGetHandle();
        LinkTarget(fd).Should().Be(path);

        await engine.CloseAsync(file).Within();

        file.IsClosed.Should().BeTrue();
        Action reuse = () => engine.WriteAsync(file, new byte[1], 0);
        reuse.Should().Throw<ObjectDisposedException>();
        LinkTarget(fd).Should().NotBe(path, "the descriptor is closed (its number may already serve another file)");
    }

    private static string? LinkTarget(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
