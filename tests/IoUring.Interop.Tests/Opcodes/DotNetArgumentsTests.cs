using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>Builders take .NET handles (SafeHandle, Socket) as targets and .NET strings as paths (NativePath), on a real ring.</summary>
public sealed unsafe class DotNetArgumentsTests : IDisposable
{
    private readonly Ring ring = new(16);
    private readonly OpcodeTempDir dir = new();

    public void Dispose()
    {
        ring.Dispose();
        dir.Dispose();
    }

    [Fact]
    public void A_SafeFileHandle_is_a_target()
    {
        using SafeFileHandle file = dir.CreateFile("handle");
        byte* data = stackalloc byte[] { 1, 2, 3 };
        byte* back = stackalloc byte[3];

        ring.Run(new Write(file, data, 3).Build()).Result.Should().Be(3);
        ring.Run(new Read(file, back, 3).Build()).Result.Should().Be(3);

        new Span<byte>(back, 3).ToArray().Should().Equal(1, 2, 3);
        FileTarget.From(file).Value.Should().Be((int)file.DangerousGetHandle());
    }

    [Fact]
    public void Buffers_can_be_spans_over_memory_that_does_not_move()
    {
        using SafeFileHandle file = dir.CreateFile("span");
        byte[] data = GC.AllocateArray<byte>(4, pinned: true);
        byte[] back = GC.AllocateArray<byte>(8, pinned: true);
        data.AsSpan().Fill(0x5A);

        SubmissionEntry write = new Write(file, (ReadOnlySpan<byte>)data) { Offset = 0 }.Build();
        write.Native.addr.Should().Be((ulong)Marshal.UnsafeAddrOfPinnedArrayElement(data, 0));
        write.Native.len.Should().Be(4U);
        ring.Run(write).Result.Should().Be(4);
        ring.Run(new Read(file, back.AsSpan(2, 4)).Build()).Result.Should().Be(4);

        back.Should().Equal(0, 0, 0x5A, 0x5A, 0x5A, 0x5A, 0, 0);
    }

    [Fact]
    public void A_Socket_is_a_target()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using Socket server = listener.Accept();
        byte* data = stackalloc byte[] { 9, 8, 7 };
        byte* back = stackalloc byte[3];

        ring.Run(new Send(client, data, 3).Build()).Result.Should().Be(3);
        ring.Run(new Recv(server, back, 3) { Flags = Libc.MSG_WAITALL }.Build()).Result.Should().Be(3);

        new Span<byte>(back, 3).ToArray().Should().Equal(9, 8, 7);
    }

    [Fact]
    public void A_closed_or_invalid_handle_is_refused_naming_the_argument()
    {
        SafeFileHandle closed = dir.CreateFile("closed");
        closed.Dispose();
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Dispose();
        using var invalid = new SafeFileHandle(-1, ownsHandle: false);

        FluentActions.Invoking(() => FileTarget.From(closed)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => FileTarget.From(socket)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => FileTarget.From(invalid)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "handle" && e.Message.Contains("EBADF"));
        FluentActions.Invoking(() => FileTarget.From((SafeHandle)null!)).Should().Throw<ArgumentNullException>().Where(e => e.ParamName == "handle");
        ring.Run(new Nop().Build()).Result.Should().Be(0, "the ring stays usable");
    }

    [Fact]
    public void Paths_from_strings_create_rename_and_remove_files()
    {
        using var created = new NativePath(dir["grüße.txt"]);
        using var renamed = new NativePath(dir["renamed.txt"]);
        using var folder = new NativePath(dir["sub"]);

        int fd = ring.Run(new OpenAt(Libc.AT_FDCWD, created) { Flags = Libc.O_CREAT | Libc.O_WRONLY | Libc.O_CLOEXEC, Mode = 0x1A4 }.Build()).Result;
        fd.Should().BeGreaterThanOrEqualTo(0);
        ring.Run(new Close(new Fd(fd)).Build()).Result.Should().Be(0);
        File.Exists(dir["grüße.txt"]).Should().BeTrue("the UTF-8 bytes name the file");

        ring.Run(new RenameAt(Libc.AT_FDCWD, created, Libc.AT_FDCWD, renamed).Build()).Result.Should().Be(0);
        ring.Run(new MkDirAt(Libc.AT_FDCWD, folder) { Mode = 0x1ED }.Build()).Result.Should().Be(0);
        File.Exists(dir["renamed.txt"]).Should().BeTrue();
        Directory.Exists(dir["sub"]).Should().BeTrue();

        ring.Run(new UnlinkAt(Libc.AT_FDCWD, renamed).Build()).Result.Should().Be(0);
        ring.Run(new UnlinkAt(Libc.AT_FDCWD, folder) { Flags = Libc.AT_REMOVEDIR }.Build()).Result.Should().Be(0);
        File.Exists(dir["renamed.txt"]).Should().BeFalse();
        Directory.Exists(dir["sub"]).Should().BeFalse();
    }

    [Fact]
    public void A_NativePath_holds_NUL_terminated_UTF8_and_refuses_misuse()
    {
        var path = new NativePath("a/ü");
        path.Length.Should().Be(4);
        new ReadOnlySpan<byte>(path.Pointer, 5).ToArray().Should().Equal((byte)'a', (byte)'/', 0xC3, 0xBC, 0);
        path.ToString().Should().Be("a/ü");
        path.Dispose();

        FluentActions.Invoking(() => new OpenAt(Libc.AT_FDCWD, path)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => new NativePath("a\0b")).Should().Throw<ArgumentException>().Where(e => e.ParamName == "path" && e.Message.Contains("index 1"));
        FluentActions.Invoking(() => new NativePath(null!)).Should().Throw<ArgumentNullException>().Where(e => e.ParamName == "path");
    }

    [Fact]
    public void Building_on_a_handle_allocates_nothing()
    {
        using SafeFileHandle file = dir.CreateFile("alloc");
        long sum = 0;
        for (int i = 0; i < 1_000; i++)
        {
            sum += new Read(file, null, 1).Build().Native.fd; // warm-up
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            sum += new Read(file, null, 1).Build().Native.fd;
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        sum.Should().Be(101_000L * (int)file.DangerousGetHandle());
    }
}
