using System;
using System.IO;
using System.Runtime.InteropServices;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.ApiTests;

/// <summary>The SafeHandle overloads of the fd-taking register calls, and their lifetime rule: the handle is needed only
/// during the call, because the kernel keeps its own reference to the file.</summary>
public unsafe partial class SafeHandleRegisterTests
{
    [Fact]
    public void Registered_files_outlive_the_disposed_SafeFileHandles()
    {
        using var directory = new TempDirectory();
        string first = directory.File("first"), second = directory.File("second");
        File.WriteAllText(first, "first");
        File.WriteAllText(second, "second");
        using var ring = new Ring(4);

        using (SafeFileHandle a = File.OpenHandle(first), b = File.OpenHandle(second))
        {
            ring.Submitter.RegisterFiles([a, b]);
        }

        ReadFixed(ring, 1).Should().Be("second");
        ReadFixed(ring, 0).Should().Be("first");
    }

    [Fact]
    public void RegisterFilesUpdate_takes_handles_too()
    {
        using var directory = new TempDirectory();
        string path = directory.File("late");
        File.WriteAllText(path, "late");
        using var ring = new Ring(4);
        ring.Submitter.RegisterFiles([-1, -1]);

        using (SafeFileHandle handle = File.OpenHandle(path))
        {
            ring.Submitter.RegisterFilesUpdate(1, [handle]).Should().Be(1);
        }

        ReadFixed(ring, 1).Should().Be("late");
    }

    [Fact]
    public void A_closed_or_invalid_handle_is_refused_by_name_and_the_ring_stays_usable()
    {
        using var directory = new TempDirectory();
        string path = directory.File("f");
        File.WriteAllText(path, "x");
        using var ring = new Ring(4);
        SafeFileHandle closed = File.OpenHandle(path);
        closed.Dispose();

        Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterFiles([closed])).ParamName.Should().Be("handles[0]");
        using var invalid = new SafeFileHandle(-1, ownsHandle: false);
        Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterEventfd(invalid)).ParamName.Should().Be("eventfd");
        Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterFiles(ReadOnlySpan<SafeHandle>.Empty)).ParamName.Should().Be("handles");

        using SafeFileHandle open = File.OpenHandle(path);
        ring.Submitter.RegisterFiles([open]);
        ReadFixed(ring, 0).Should().Be("x");
    }

    [Fact]
    public void A_registered_eventfd_handle_is_signalled_after_the_handle_is_disposed()
    {
        using var ring = new Ring(4);
        int eventfd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        eventfd.Should().BeGreaterThan(0);
        // A second descriptor of the same eventfd, to read the counter once the handle under test is closed.
        int watcher = dup(eventfd);
        watcher.Should().BeGreaterThan(0);

        using (var handle = new SafeFileHandle(eventfd, ownsHandle: true))
        {
            ring.Submitter.RegisterEventfd(handle);
        }

        ring.SubmissionQueue.TryPush(new Nop().Build()).Should().BeTrue();
        ring.SubmitAndWait(1);
        Libc.ReadEventfd(watcher).Should().Be(1UL, "the kernel kept the eventfd although its handle was closed");
        Libc.close(watcher);
    }

    private static string ReadFixed(Ring ring, uint slot)
    {
        byte* buffer = stackalloc byte[64];
        ring.SubmissionQueue.TryPush(new Read(new Fixed(slot), buffer, 64).Build()).Should().BeTrue();
        ring.SubmitAndWait(1);
        ring.CompletionQueue.TryDequeue(out var cqe).Should().BeTrue();
        int length = cqe.ThrowIfError("read of fixed file " + slot);
        return System.Text.Encoding.ASCII.GetString(buffer, length);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int dup(int fd);
}
