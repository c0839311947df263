using System;
using System.Runtime.InteropServices;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Xunit;
using static IoUring.Interop.Tests.Errno;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>Provided buffers: the BufferRing helper (plain and incremental) and the legacy PROVIDE/REMOVE_BUFFERS opcodes, as in io-uring-test's register_buf_ring.rs.</summary>
public unsafe class RegisterBufRingTests : IDisposable
{
    private readonly Ring ring = new(16);

    public void Dispose() => ring.Dispose();

    [Fact]
    public void BufferRing_rejects_sizes_that_are_not_a_power_of_two()
    {
        FluentActions.Invoking(() => new BufferRing(3, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new BufferRing(0, 1)).Should().Throw<ArgumentOutOfRangeException>();
        using var ok = new BufferRing(32768, 1);
        (ok.Address % Environment.SystemPageSize).Should().Be(0, "the kernel wants page-aligned ring memory");
    }

    [Fact]
    public void Registering_the_same_group_twice_fails_and_unregister_frees_it()
    {
        using var first = new BufferRing(4, 21);
        using var second = new BufferRing(4, 21);
        first.Register(ring.Submitter);

        FluentActions.Invoking(() => second.Register(ring.Submitter)).Should().Throw<IoUringException>().Which.Errno.Should().Be(EEXIST);
        first.Unregister(ring.Submitter);
        second.Register(ring.Submitter);
        second.Unregister(ring.Submitter);
        FluentActions.Invoking(() => second.Unregister(ring.Submitter)).Should().Throw<IoUringException>().Which.Errno.Should().Be(ENOENT, "the group is gone");
    }

    [Fact]
    public void Dispose_unregisters_a_group_that_is_still_registered()
    {
        var first = new BufferRing(4, 24);
        first.Register(ring.Submitter);
        first.Dispose();

        using var second = new BufferRing(4, 24);
        second.Register(ring.Submitter);
        second.Unregister(ring.Submitter);
    }

    [Fact]
    public void Dispose_after_the_ring_is_gone_does_not_throw()
    {
        var other = new Ring(4);
        var buffers = new BufferRing(4, 25);
        buffers.Register(other.Submitter);
        other.Dispose();

        FluentActions.Invoking(buffers.Dispose).Should().NotThrow();
    }

    [Fact]
    public void An_empty_ring_makes_buffer_selection_fail_with_enobufs_until_a_buffer_is_added()
    {
        using var buffers = new BufferRing(4, 22);
        buffers.Register(ring.Submitter);
        (int r, int w) = Libc.Pipe();
        byte* mem = (byte*)NativeMemory.AllocZeroed(16);
        try
        {
            byte b = 0x5A;
            Libc.write(w, &b, 1);
            ring.Run(new Read(new Fd(r), null, 16) { BufferGroup = 22 }.Build()).Result.Should().Be(-ENOBUFS);

            buffers.Add(mem, 16, 7);
            buffers.Advance(1);
            CompletionEntry cqe = ring.Run(new Read(new Fd(r), null, 16) { BufferGroup = 22 }.Build());
            cqe.Result.Should().Be(1);
            cqe.BufferId.Should().Be((ushort)7);
            mem[0].Should().Be(0x5A);
        }
        finally
        {
            Libc.close(r);
            Libc.close(w);
            NativeMemory.Free(mem);
        }
    }

    [Fact]
    public void Incremental_ring_consumes_one_buffer_in_pieces()
    {
        using var buffers = new BufferRing(4, 23, incremental: true);
        try
        {
            buffers.Register(ring.Submitter);
        }
        catch (IoUringException e) when (e.Errno == EINVAL)
        {
            Assert.Skip("IOU_PBUF_RING_INC is not supported (EINVAL)");
        }

        using TcpPair pair = TcpPair.Open();
        (int client, int server) = pair;
        byte* mem = (byte*)NativeMemory.AllocZeroed(64);
        try
        {
            buffers.Add(mem, 64, 0);
            buffers.Advance(1);
            byte* first = stackalloc byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
            byte* second = stackalloc byte[] { 11, 12, 13 };

            Libc.send(client, first, 10, 0);
            CompletionEntry a = ring.Run(new Recv(new Fd(server), null, 0) { BufferGroup = 23 }.Build());
            Libc.send(client, second, 3, 0);
            CompletionEntry b = ring.Run(new Recv(new Fd(server), null, 0) { BufferGroup = 23 }.Build());

            a.Result.Should().Be(10);
            a.BufferId.Should().Be((ushort)0);
            a.Flags.Should().HaveFlag(CqeFlags.BufMore, "the buffer has room left and stays with the kernel");
            b.Result.Should().Be(3);
            b.BufferId.Should().Be((ushort)0, "the same buffer, further along");
            new Span<byte>(mem, 13).ToArray().Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
            buffers.Unregister(ring.Submitter);
        }
        finally
        {
            NativeMemory.Free(mem);
        }
    }

    [Fact]
    public void ProvideBuffers_then_RemoveBuffers()
    {
        byte* mem = (byte*)NativeMemory.AllocZeroed(4 * 32);
        (int r, int w) = Libc.Pipe();
        try
        {
            ring.Run(new ProvideBuffers(mem, 32, 4, 9, 100).Build()).Result.Should().BeGreaterThanOrEqualTo(0);

            byte* data = stackalloc byte[] { 4, 5, 6 };
            Libc.write(w, data, 3);
            CompletionEntry read = ring.Run(new Read(new Fd(r), null, 32) { BufferGroup = 9 }.Build());
            read.Result.Should().Be(3);
            read.BufferId.Should().Be((ushort)100);
            mem[2].Should().Be(6);

            ring.Run(new RemoveBuffers(10, 9).Build()).Result.Should().Be(3, "three buffers were left in the group");
            ring.Run(new RemoveBuffers(1, 9).Build()).Result.Should().Be(0, "the group is empty now");
        }
        finally
        {
            Libc.close(r);
            Libc.close(w);
            NativeMemory.Free(mem);
        }
    }
}
