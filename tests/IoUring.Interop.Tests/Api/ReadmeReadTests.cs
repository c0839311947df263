using System;
using System.IO;
using System.Text;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.ApiTests;

/// <summary>README's read example, run as written (a temp file in place of /etc/hostname).</summary>
public class ReadmeReadTests
{
    [Fact]
    public unsafe void The_readme_read_returns_the_files_bytes()
    {
        using var directory = new TempDirectory();
        string path = directory.File("hostname");
        File.WriteAllText(path, "io-uring-host\n");

        using var ring = new Ring(entries: 8);
        using (SafeFileHandle file = File.OpenHandle(path))
            ring.Submitter.RegisterFiles([file]);

        byte[] buffer = GC.AllocateArray<byte>(4096, pinned: true);
        fixed (byte* data = buffer)
            ring.SubmissionQueue.TryPush(new Read(new Fixed(0), data, (uint)buffer.Length) { Offset = 0 }.Build());
        ring.SubmitAndWait(1);
        ring.CompletionQueue.TryDequeue(out var cqe);
        int length = cqe.ThrowIfError("read");

        Encoding.UTF8.GetString(buffer, 0, length).Should().Be("io-uring-host\n");
        File.ReadAllText(Path.Combine(Tests.Audit.Repo.Root(), "README.md"))
            .Should().Contain("ring.SubmissionQueue.TryPush(new Read(new Fixed(0), data, (uint)buffer.Length) { Offset = 0 }.Build());");
    }
}
