using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Audit;

/// <summary>docs/getting-started.md section 2b (a file read with the Read builder), run as written.</summary>
public unsafe class GettingStartedAuditTests
{
    [Fact]
    public void Builder_read_example_reads_the_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("hello.txt");
        File.WriteAllText(path, "hello, builders");
        string printed;

        // docs/getting-started.md, "2b. The same with opcode builders" (Console.WriteLine captured in printed).
        byte* buffer = (byte*)NativeMemory.Alloc(4096);
        using SafeFileHandle file = File.OpenHandle(path);
        using var ring = new Ring(8);

        var read = new Read(new Fd((int)file.DangerousGetHandle()), buffer, 4096) { Offset = 0 };
        ring.SubmissionQueue.TryPush(read.Build().WithUserData(7));
        ring.SubmitAndWait(1);
        ring.CompletionQueue.TryDequeue(out CompletionEntry done);
        done.Result.Should().BeGreaterThanOrEqualTo(0);
        printed = Encoding.UTF8.GetString(buffer, done.Result);
        NativeMemory.Free(buffer);

        done.UserData.Should().Be(7);
        done.Result.Should().Be(15);
        printed.Should().Be("hello, builders");
    }

    [Fact]
    public void The_doc_shows_the_code_this_test_runs()
    {
        string doc = File.ReadAllText(Path.Combine(Repo.Root(), "docs", "getting-started.md"));

        doc.Should().Contain("var read = new Read(new Fd((int)file.DangerousGetHandle()), buffer, 4096) { Offset = 0 };")
            .And.Contain("ring.SubmissionQueue.TryPush(read.Build().WithUserData(7));")
            .And.Contain("Console.WriteLine(Encoding.UTF8.GetString(buffer, done.Result));");
    }
}
