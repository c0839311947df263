using System;
using System.Linq;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Microsoft.Win32.SafeHandles;
using Xunit;
using static IoUring.Interop.Tests.Errno;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>A representative slice of the builders on every ring shape (default, SQE128/CQE32, SQPOLL, DEFER_TASKRUN).</summary>
public unsafe class OpcodeShapeTests
{
    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void File_write_read_fsync_on_every_shape(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 16);
        using var dir = new OpcodeTempDir();
        using SafeFileHandle file = dir.CreateFile("shape");
        byte* data = stackalloc byte[] { 1, 2, 3, 4, 5 };
        byte* back = stackalloc byte[5];

        var completions = ring.RunAll(
        [
            new Write(FdOf.Handle(file), data, 5).Build().WithUserData(1).WithFlags(SqeFlags.IoLink),
            new Fsync(FdOf.Handle(file)).Build().WithUserData(2).WithFlags(SqeFlags.IoLink),
            new Read(FdOf.Handle(file), back, 5).Build().WithUserData(3),
        ]);

        completions.Select(c => (c.UserData, c.Result)).Should().Equal((1UL, 5), (2UL, 0), (3UL, 5));
        new Span<byte>(back, 5).ToArray().Should().Equal(1, 2, 3, 4, 5);
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Registered_file_send_and_recv_on_every_shape(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 16);
        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        ring.Submitter.RegisterFiles([client, server]);
        byte* data = stackalloc byte[] { 9, 8, 7 };
        byte* back = stackalloc byte[3];

        var completions = ring.RunAll(
        [
            new Send(new Fixed(0), data, 3).Build().WithUserData(1),
            new Recv(new Fixed(1), back, 3) { Flags = Libc.MSG_WAITALL }.Build().WithUserData(2),
        ]);

        completions.Should().OnlyContain(c => c.Result == 3);
        new Span<byte>(back, 3).ToArray().Should().Equal(9, 8, 7);
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Timeout_and_cancel_on_every_shape(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 16);
        Timespec shortTime = Timespec.FromTimeSpan(TimeSpan.FromMilliseconds(5));
        Timespec longTime = Timespec.From(30, 0);

        ring.Run(new TimeoutAdd(&shortTime).Build()).Result.Should().Be(-ETIME);

        ring.Push(new TimeoutAdd(&longTime).Build().WithUserData(7));
        var completions = ring.RunAll([new AsyncCancel(7).Build().WithUserData(8)], expected: 2);
        completions.Single(c => c.UserData == 7).Result.Should().Be(-ECANCELED);
        completions.Single(c => c.UserData == 8).Result.Should().Be(0);
    }
}
