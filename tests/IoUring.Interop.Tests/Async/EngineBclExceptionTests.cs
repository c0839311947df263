using System;
using System.IO;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>The typed file operations fail with the exception .NET's own File/RandomAccess throw for the same mistake:
/// each case runs the built-in first and compares type, message and HResult; the errno stays on an
/// <see cref="IoUringException"/> (the exception itself, or its inner exception).</summary>
public class EngineBclExceptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Exception Builtin(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("the built-in did not fail");
    }

    private static async Task<Exception> Ours(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("the engine did not fail");
    }

    private static IoUringException ErrnoCarrier(Exception exception) =>
        exception as IoUringException ?? exception.InnerException.Should().BeOfType<IoUringException>().Subject;

    private static void SameAs(Exception ours, Exception builtin, IoUring.Interop.Errno errno, string operation)
    {
        ours.GetType().Should().Be(builtin is IOException && builtin.GetType() == typeof(IOException) ? typeof(IoUringException) : builtin.GetType(),
            $"the built-in threw {builtin.GetType().Name}: {builtin.Message}");
        if (ours is IoUringException)
        {
            ours.Message.Should().Contain(builtin.Message.TrimEnd('.'), "the message keeps the built-in's text");
        }
        else
        {
            ours.Message.Should().Be(builtin.Message);
        }

        ours.HResult.Should().Be(builtin.HResult, "the HResult is the one .NET sets on Unix");
        IoUringException carrier = ErrnoCarrier(ours);
        carrier.Error.Should().Be(errno);
        carrier.Operation.Should().Be(operation);
    }

    [Fact]
    public async Task Open_in_a_missing_directory_is_DirectoryNotFound_with_the_path()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("no/such/dir/f");
        Exception builtin = Builtin(() => File.OpenHandle(path, FileMode.Open, FileAccess.Read).Dispose());
        Exception ours = await Ours(() => engine.OpenAsync(path, FileMode.Open, FileAccess.Read).Within());

        builtin.Should().BeOfType<DirectoryNotFoundException>();
        SameAs(ours, builtin, IoUring.Interop.Errno.ENOENT, "openat");
        ours.Message.Should().Contain(path);
    }

    [Fact]
    public async Task Create_in_a_missing_directory_is_DirectoryNotFound()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("missing-dir/new.bin");
        Exception builtin = Builtin(() => File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write).Dispose());
        Exception ours = await Ours(() => engine.OpenAsync(path, FileMode.CreateNew, FileAccess.Write).Within());

        SameAs(ours, builtin, IoUring.Interop.Errno.ENOENT, "openat");
    }

    [Fact]
    public async Task Open_of_a_missing_file_is_FileNotFound_with_the_file_name()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("missing.bin");
        Exception builtin = Builtin(() => File.OpenHandle(path, FileMode.Open, FileAccess.Read).Dispose());
        Exception ours = await Ours(() => engine.OpenAsync(path, FileMode.Open, FileAccess.Read).Within());

        builtin.Should().BeOfType<FileNotFoundException>();
        SameAs(ours, builtin, IoUring.Interop.Errno.ENOENT, "openat");
        ((FileNotFoundException)ours).FileName.Should().Be(((FileNotFoundException)builtin).FileName);
    }

    [Fact]
    public async Task Open_of_a_relative_missing_path_names_the_full_path_as_dotnet_does()
    {
        await using var engine = new RingEngine();
        string relative = "iouring-missing-" + Guid.NewGuid().ToString("N") + "/f";
        Exception builtin = Builtin(() => File.OpenHandle(relative, FileMode.Open, FileAccess.Read).Dispose());
        Exception ours = await Ours(() => engine.OpenAsync(relative, FileMode.Open, FileAccess.Read).Within());

        SameAs(ours, builtin, IoUring.Interop.Errno.ENOENT, "openat");
        ours.Message.Should().Contain(Path.GetFullPath(relative));
    }

    [Fact]
    public async Task CreateNew_of_an_existing_file_is_an_IOException_with_the_path_and_the_errno_as_HResult()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("exists.bin");
        File.WriteAllText(path, "x");
        Exception builtin = Builtin(() => File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write).Dispose());
        Exception ours = await Ours(() => engine.OpenAsync(path, FileMode.CreateNew, FileAccess.Write).Within());

        builtin.GetType().Should().Be(typeof(IOException));
        SameAs(ours, builtin, IoUring.Interop.Errno.EEXIST, "openat");
        ours.HResult.Should().Be(17);
    }

    [Fact]
    public async Task A_name_longer_than_NAME_MAX_is_PathTooLong()
    {
        await using var engine = new RingEngine();
        string path = _dir.File(new string('n', 300));
        Exception builtin = Builtin(() => File.OpenHandle(path, FileMode.Open, FileAccess.Read).Dispose());
        Exception ours = await Ours(() => engine.OpenAsync(path, FileMode.Open, FileAccess.Read).Within());

        builtin.Should().BeOfType<PathTooLongException>();
        SameAs(ours, builtin, IoUring.Interop.Errno.ENAMETOOLONG, "openat");
    }

    [Fact]
    public async Task A_file_used_as_a_directory_is_the_IOException_dotnet_throws()
    {
        await using var engine = new RingEngine();
        string file = _dir.File("plain.txt");
        File.WriteAllText(file, "x");
        string path = Path.Combine(file, "child");
        Exception builtin = Builtin(() => File.OpenHandle(path, FileMode.Open, FileAccess.Read).Dispose());
        Exception ours = await Ours(() => engine.OpenAsync(path, FileMode.Open, FileAccess.Read).Within());

        SameAs(ours, builtin, IoUring.Interop.Errno.ENOTDIR, "openat");
    }

    [Fact]
    public async Task Permission_denied_is_UnauthorizedAccess_with_the_path()
    {
        if (Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root" || GetEuid() == 0)
        {
            Assert.Skip("Running as root: the permission check is bypassed (CAP_DAC_OVERRIDE), so EACCES cannot be provoked.");
        }

        await using var engine = new RingEngine();
        string path = _dir.File("locked.bin");
        File.WriteAllText(path, "x");
        File.SetUnixFileMode(path, UnixFileMode.None);
        Exception builtin = Builtin(() => File.OpenHandle(path, FileMode.Open, FileAccess.Read).Dispose());
        Exception ours = await Ours(() => engine.OpenAsync(path, FileMode.Open, FileAccess.Read).Within());

        builtin.Should().BeOfType<UnauthorizedAccessException>();
        SameAs(ours, builtin, IoUring.Interop.Errno.EACCES, "openat");
    }

    [Fact]
    public async Task Writing_to_a_read_only_handle_is_UnauthorizedAccess_as_RandomAccess_says()
    {
        await using var engine = new RingEngine();
        string path = _dir.File("read-only.bin");
        File.WriteAllText(path, "x");

        // The same handle for both (opened by the engine, so neither knows a path), so the messages must agree exactly.
        using SafeFileHandle file = await engine.OpenAsync(path, FileMode.Open, FileAccess.Read).Within();
        Exception builtin = Builtin(() => RandomAccess.Write(file, new byte[4], 0));
        Exception ours = await Ours(() => engine.WriteAsync(file, new byte[4], 0).Within());

        builtin.Should().BeOfType<UnauthorizedAccessException>();
        SameAs(ours, builtin, IoUring.Interop.Errno.EBADF, "write");

        // The ring stays usable.
        (await engine.ReadAsync(file, new byte[1], 0).Within()).Should().Be(1);
    }

    [Fact]
    public async Task Stat_of_a_missing_file_or_directory_is_what_File_GetAttributes_throws()
    {
        await using var engine = new RingEngine();
        foreach (string path in new[] { _dir.File("gone.bin"), _dir.File("gone-dir/gone.bin") })
        {
            Exception builtin = Builtin(() => File.GetAttributes(path));
            Exception ours = await Ours(() => engine.StatAsync(path).Within());

            builtin.Should().BeAssignableTo<IOException>();
            SameAs(ours, builtin, IoUring.Interop.Errno.ENOENT, "statx");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();
}
