using System;
using System.Linq;
using FluentAssertions;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Xunit;
using static IoUring.Interop.Tests.Errno;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>Cancellation by user data, fd, opcode, any and all, as in io-uring-test's cancel.rs.</summary>
public unsafe class CancelTests : IDisposable
{
    private readonly Ring ring = new(16);
    private readonly (int Read, int Write) pipe = Libc.Pipe();
    private readonly byte* buf = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc(64);

    public void Dispose()
    {
        ring.Dispose();
        Libc.close(pipe.Read);
        Libc.close(pipe.Write);
        System.Runtime.InteropServices.NativeMemory.Free(buf);
    }

    private void StartReads(params ulong[] userData)
    {
        foreach (ulong ud in userData)
        {
            ring.Push(new Read(new Fd(pipe.Read), buf, 8).Build().WithUserData(ud));
        }

        ring.Submit();
    }

    [Fact]
    public void AsyncCancel_by_user_data()
    {
        StartReads(1);
        var completions = ring.RunAll([new AsyncCancel(1).Build().WithUserData(2)], expected: 2);

        completions.Single(c => c.UserData == 1).Result.Should().Be(-ECANCELED);
        completions.Single(c => c.UserData == 2).Result.Should().Be(0);
    }

    [Fact]
    public void AsyncCancel_of_an_unknown_request_reports_enoent()
    {
        ring.Run(new AsyncCancel(999).Build()).Result.Should().Be(-ENOENT);
    }

    [Fact]
    public void AsyncCancel2_by_fd_cancels_one_and_with_all_cancels_every_match()
    {
        StartReads(1, 2, 3);
        var one = ring.RunAll([new AsyncCancel2(CancelBuilder.Fd(new Fd(pipe.Read))).Build().WithUserData(10)], expected: 2);
        one.Single(c => c.UserData == 10).Result.Should().Be(0);
        one.Single(c => c.UserData != 10).Result.Should().Be(-ECANCELED);

        var all = ring.RunAll([new AsyncCancel2(CancelBuilder.Fd(new Fd(pipe.Read)).All()).Build().WithUserData(11)], expected: 3);
        all.Single(c => c.UserData == 11).Result.Should().Be(2, "ALL reports how many it cancelled");
        all.Where(c => c.UserData != 11).Should().OnlyContain(c => c.Result == -ECANCELED);
    }

    [Fact]
    public void AsyncCancel2_any_all_cancels_everything_in_flight()
    {
        StartReads(1, 2);
        var completions = ring.RunAll([new AsyncCancel2(CancelBuilder.Any().All()).Build().WithUserData(9)], expected: 3);

        completions.Single(c => c.UserData == 9).Result.Should().Be(2);
        completions.Where(c => c.UserData != 9).Should().OnlyContain(c => c.Result == -ECANCELED);
    }

    [Fact]
    public void AsyncCancel2_by_user_data_all_matches_every_request_with_that_user_data()
    {
        StartReads(5, 5, 6);
        var completions = ring.RunAll([new AsyncCancel2(CancelBuilder.UserData(5).All()).Build().WithUserData(9)], expected: 3);

        completions.Single(c => c.UserData == 9).Result.Should().Be(2);
        completions.Where(c => c.UserData == 5).Should().HaveCount(2).And.OnlyContain(c => c.Result == -ECANCELED);
        ring.RunAll([new AsyncCancel(6).Build().WithUserData(8)], expected: 2).Should().Contain(c => c.UserData == 6);
    }

    [Fact]
    public void AsyncCancel2_by_opcode_leaves_other_opcodes_alone()
    {
        // IORING_ASYNC_CANCEL_OP cannot be combined with ANY (EINVAL), so key it with the user data.
        StartReads(1);
        Timespec ts = Timespec.From(10, 0);
        ring.Push(new TimeoutAdd(&ts).Build().WithUserData(2));
        ring.Submit();

        var completions = ring.RunAll([new AsyncCancel2(CancelBuilder.UserData(1).Opcode(Opcode.Read).All()).Build().WithUserData(9)], expected: 2);
        CompletionEntry cancel = completions.Single(c => c.UserData == 9);
        OpcodeRing.SkipOnErrno(cancel.Result, "IORING_ASYNC_CANCEL_OP", EINVAL);
        cancel.Result.Should().Be(1);
        completions.Single(c => c.UserData == 1).Result.Should().Be(-ECANCELED);

        ring.RunAll([new TimeoutRemove(2).Build().WithUserData(3)], expected: 2).Single(c => c.UserData == 2).Result.Should().Be(-ECANCELED);
    }
}
