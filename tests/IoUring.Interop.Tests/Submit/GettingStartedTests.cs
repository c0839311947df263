using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using FluentAssertions;
using IoUring.Interop.Native;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>The examples of docs/getting-started.md, run as written.</summary>
public class GettingStartedTests
{
    [Fact]
    public void Nop_example()
    {
        using var ring = new Ring(8);

        SubmissionEntry nop = default;
        nop.Native.opcode = (byte)Opcode.Nop;
        nop.Native.fd = -1;
        nop.UserData = 42;

        ring.SubmissionQueue.TryPush(nop).Should().BeTrue();
        ring.SubmitAndWait(1);

        ring.CompletionQueue.TryDequeue(out CompletionEntry cqe).Should().BeTrue();
        cqe.UserData.Should().Be(42);
        cqe.Result.Should().Be(0);
    }

    [Fact]
    public void Read_example()
    {
        using var dir = new TempDirectory();
        string path = dir.File("hello.txt");
        File.WriteAllText(path, "hello, io_uring");

        using SafeFileHandle file = File.OpenHandle(path);
        byte[] buffer = GC.AllocateArray<byte>(4096, pinned: true);

        SubmissionEntry read = default;
        read.Native.opcode = (byte)Opcode.Read;
        read.Native.fd = (int)file.DangerousGetHandle();
        read.Native.addr = (ulong)Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0);
        read.Native.len = (uint)buffer.Length;
        read.Native.off = 0;
        read.UserData = 7;

        using var ring = new Ring(8);
        KernelSkip.UnlessOpcode(ring, Opcode.Read);
        ring.SubmissionQueue.TryPush(read).Should().BeTrue();
        ring.SubmitAndWait(1);
        ring.CompletionQueue.TryDequeue(out CompletionEntry done).Should().BeTrue();

        done.UserData.Should().Be(7);
        done.Result.Should().Be(15);
        Encoding.UTF8.GetString(buffer, 0, done.Result).Should().Be("hello, io_uring");
    }

    [Fact]
    public void Shape_examples_build()
    {
        using Ring polled = Ring.Builder().SetupSqPoll(idleMilliseconds: 1000).Build(256);
        using Ring single = Ring.Builder().SetupSingleIssuer().SetupDeferTaskRun().Build(256);
        using Ring big = Ring.Builder().SetupSqe128().SetupCqe32().Build(64);

        polled.Parameters.IsSetupSqPoll.Should().BeTrue();
        single.Parameters.IsSetupDeferTaskRun.Should().BeTrue();
        big.Parameters.IsSetupCqe32.Should().BeTrue();
    }
}
