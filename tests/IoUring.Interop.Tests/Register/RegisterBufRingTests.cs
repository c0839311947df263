using System;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests.Register;

// Mirrors io-uring-test/src/tests/register_buf_ring.rs for the register side: registration, the kernel's
// head (PBUF_STATUS) moving as a buffer-select read consumes a buffer, and the argument rules.
public sealed unsafe class RegisterBufRingTests
{
    private const ushort Entries = 8;
    private const ushort Group = 3;
    private const int BufferSize = 32;

    [Fact]
    public void RegisterBufRingWithFlags_HeadMovesAsReadsConsumeBuffers()
    {
        using var ring = new Ring(8);
        using var ringMemory = new NativeBuffer(4096);
        using var buffers = new NativeBuffer(Entries * BufferSize);
        var (readFd, writeFd) = Libc.Pipe();
        try
        {
            ring.Submitter.RegisterBufRingWithFlags((nint)ringMemory.Pointer, Entries, Group, 0);
            Assert.Equal("EEXIST", Assert.Throws<IoUringException>(() =>
                ring.Submitter.RegisterBufRingWithFlags((nint)ringMemory.Pointer, Entries, Group, 0)).ErrnoName);
            Assert.Equal(0, ring.Submitter.BufRingHead(Group));

            // Publish all buffers: fill the entries, then store the tail (offset 14 of the ring header).
            var bufs = (io_uring_buf*)ringMemory.Pointer;
            for (ushort i = 0; i < Entries; i++)
            {
                bufs[i].addr = (ulong)(buffers.Pointer + i * BufferSize);
                bufs[i].len = BufferSize;
                bufs[i].bid = i;
            }
            System.Threading.Volatile.Write(ref *(ushort*)(ringMemory.Pointer + 14), Entries);

            Libc.WriteAll(writeFd, "picked"u8);
            var read = new SubmissionEntry();
            read.Native.opcode = (byte)Opcode.Read;
            read.Native.fd = readFd;
            read.Native.len = BufferSize;
            read.Native.buf_group = Group;
            read = read.WithUserData(1).WithFlags(SqeFlags.BufferSelect);
            CompletionEntry cqe = Sqes.Run(ring, read);
            Assert.Equal(6, cqe.Result);
            Assert.Equal((ushort)0, cqe.BufferId);
            Assert.Equal(1, ring.Submitter.BufRingHead(Group));

            ring.Submitter.UnregisterBufRing(Group);
            Assert.Equal("ENOENT", Assert.Throws<IoUringException>(() => ring.Submitter.UnregisterBufRing(Group)).ErrnoName);
            Assert.Throws<IoUringException>(() => ring.Submitter.BufRingHead(Group));
        }
        finally
        {
            Libc.close(readFd);
            Libc.close(writeFd);
        }
    }

    [Fact]
    public void RegisterBufRing_ObsoleteForm_StillRegisters()
    {
        using var ring = new Ring(8);
        using var ringMemory = new NativeBuffer(4096);
#pragma warning disable CS0618 // the crate keeps the flag-less form, deprecated; so do we
        ring.Submitter.RegisterBufRing((nint)ringMemory.Pointer, Entries, Group);
#pragma warning restore CS0618
        Assert.Equal(0, ring.Submitter.BufRingHead(Group));
        ring.Submitter.UnregisterBufRing(Group);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(65535)]
    [InlineData(65534)]
    public void RegisterBufRingWithFlags_EntriesNotAPowerOfTwoUpTo32768_AreRejectedBeforeTheSyscall(int entries)
    {
        using var ring = new Ring(8);
        using var ringMemory = new NativeBuffer(4096);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ring.Submitter.RegisterBufRingWithFlags((nint)ringMemory.Pointer, (ushort)entries, Group, 0));
        // Nothing was registered and the ring still works.
        Assert.Equal("ENOENT", Assert.Throws<IoUringException>(() => ring.Submitter.UnregisterBufRing(Group)).ErrnoName);
        Sqes.AssertNopRoundTrip(ring);
    }

    [Fact]
    public void RegisterBufRingWithFlags_KernelAllocatedRing_Registers()
    {
        using var ring = new Ring(8);
        ring.Submitter.RegisterBufRingWithFlags(0, Entries, Group, PbufRingFlags.Mmap);
        Assert.Equal(0, ring.Submitter.BufRingHead(Group));
        ring.Submitter.UnregisterBufRing(Group);
    }
}
