using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using IoUring.Interop.Native;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Register;

// Mirrors io-uring-test/src/tests/register_buffers.rs: registered buffers used by hand-built READ_FIXED/WRITE_FIXED.
public sealed unsafe class RegisterBuffersTests : IDisposable
{
    private const int BufferSize = 4096;
    private const int BufferCount = 4;
    private const ulong BufferTag = 0xbadcafe;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"iouring-register-{Guid.NewGuid():N}");
    private readonly SafeFileHandle _file;
    private readonly NativeBuffer[] _buffers = Enumerable.Range(0, BufferCount).Select(_ => new NativeBuffer(BufferSize)).ToArray();

    public RegisterBuffersTests()
    {
        _file = File.OpenHandle(_path, FileMode.CreateNew, FileAccess.ReadWrite);
    }

    private int Fd => (int)_file.DangerousGetHandle();

    private IoVector[] Iovecs => _buffers.Select(b => b.Iovec).ToArray();

    public void Dispose()
    {
        _file.Dispose();
        File.Delete(_path);
        foreach (NativeBuffer buffer in _buffers)
            buffer.Dispose();
    }

    [Fact]
    public void RegisterBuffers_WriteFixedThenReadFixed_RoundTripsThroughTheFile()
    {
        using var ring = new Ring(8);
        ring.Submitter.RegisterBuffers(Iovecs);

        WriteThenReadBack(ring);

        ring.Submitter.UnregisterBuffers();
        // With the table gone, a fixed read names a buffer that does not exist.
        CompletionEntry cqe = Sqes.Run(ring, Sqes.ReadFixed(Fd, _buffers[0].Pointer, BufferSize, 0, 0, 99));
        Assert.Equal(-14 /* EFAULT */, cqe.Result);
    }

    [Fact]
    public void RegisterBuffers2_UnregisteringATaggedBuffer_PostsItsTag()
    {
        using var ring = new Ring(8);
        ulong[] tags = [BufferTag, 0, 0, 0];
        ring.Submitter.RegisterBuffers2(Iovecs, tags);

        WriteThenReadBack(ring);

        ring.Submitter.UnregisterBuffers();
        CompletionEntry tagCqe = Sqes.WaitFor(ring, BufferTag);
        Assert.Equal(0, tagCqe.Result);
        // The untagged buffers post nothing: only the NOP comes back.
        Sqes.Push(ring, Sqes.Nop(1));
        var others = new List<CompletionEntry>();
        Sqes.WaitFor(ring, 1, others);
        Assert.Empty(others);
    }

    [Fact]
    public void RegisterBuffersSparse_ThenUpdate_FillsTheSlotAndTagsTheReplacedBuffer()
    {
        using var ring = new Ring(8);
        var (readFd, writeFd) = Libc.Pipe();
        try
        {
            ring.Submitter.RegisterBuffersSparse(10);
            Libc.WriteAll(writeFd, "yo"u8);

            // Slot 5 is empty: the read fails with EFAULT.
            CompletionEntry empty = Sqes.Run(ring, Sqes.ReadFixed(readFd, _buffers[0].Pointer, BufferSize, 5, 0, 42));
            Assert.Equal(-14 /* EFAULT */, empty.Result);

            ring.Submitter.RegisterBuffersUpdate(5, [_buffers[0].Iovec], [BufferTag]);
            // Replacing the tagged buffer posts the old tag.
            ring.Submitter.RegisterBuffersUpdate(5, [_buffers[0].Iovec], [0UL]);
            Assert.Equal(0, Sqes.WaitFor(ring, BufferTag).Result);

            CompletionEntry read = Sqes.Run(ring, Sqes.ReadFixed(readFd, _buffers[0].Pointer, BufferSize, 5, 0, 43));
            Assert.Equal(2, read.Result);
            Assert.Equal("yo"u8.ToArray(), _buffers[0].Span[..2].ToArray());
        }
        finally
        {
            Libc.close(readFd);
            Libc.close(writeFd);
        }
    }

    [Fact]
    public void RegisterBuffersClone_SharesTheSourceTableWithAnotherRing()
    {
        using var source = new Ring(8);
        using var destination = new Ring(8);
        source.Submitter.RegisterBuffers(Iovecs);
        try
        {
            destination.Submitter.RegisterBuffersClone(source);
        }
        catch (IoUringException ex)
        {
            KernelFeature.SkipIfUnsupported(ex, "IORING_REGISTER_CLONE_BUFFERS");
            throw;
        }

        _buffers[2].Span.Fill((byte)'C');
        CompletionEntry write = Sqes.Run(destination, Sqes.WriteFixed(Fd, _buffers[2].Pointer, BufferSize, 2, 0, 1));
        Assert.Equal(BufferSize, write.Result);
        _buffers[2].Span.Clear();
        CompletionEntry read = Sqes.Run(source, Sqes.ReadFixed(Fd, _buffers[2].Pointer, BufferSize, 2, 0, 2));
        Assert.Equal(BufferSize, read.Result);
        Assert.True(_buffers[2].Span.IndexOfAnyExcept((byte)'C') < 0);

        // Cloning onto an existing table needs replace; a partial clone with an offset lands where asked.
        IoUringException busy = Assert.Throws<IoUringException>(() => destination.Submitter.RegisterBuffersClone(source));
        Assert.Equal("EBUSY", busy.ErrnoName);
        destination.Submitter.RegisterBuffersCloneOffset(source, destinationOffset: 0, sourceOffset: 1, count: 1, replace: true);
        CompletionEntry shifted = Sqes.Run(destination, Sqes.ReadFixed(Fd, _buffers[1].Pointer, BufferSize, 0, 0, 3));
        Assert.Equal(BufferSize, shifted.Result);
    }

    [Fact]
    public void RegisterBuffers_BadArguments_ThrowBeforeTheSyscallAndTheRingStaysUsable()
    {
        using var ring = new Ring(8);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Submitter.RegisterBuffers(ReadOnlySpan<IoVector>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Submitter.RegisterBuffers(new IoVector[16385] /* one past the kernel's IORING_MAX_REG_BUFFERS */));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Submitter.RegisterBuffersSparse(0));
        Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterBuffers2(Iovecs, [1UL]));
        Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterBuffersUpdate(0, Iovecs, [1UL, 2UL]));
        Assert.Throws<ArgumentNullException>(() => ring.Submitter.RegisterBuffersClone(null!));

        ring.Submitter.RegisterBuffers(Iovecs);
        IoUringException twice = Assert.Throws<IoUringException>(() => ring.Submitter.RegisterBuffers(Iovecs));
        Assert.Equal("EBUSY", twice.ErrnoName);
        Assert.Contains("IORING_REGISTER_BUFFERS", twice.Operation);

        Sqes.AssertNopRoundTrip(ring);
        WriteThenReadBack(ring);
    }

    private void WriteThenReadBack(Ring ring)
    {
        for (int i = 0; i < BufferCount; i++)
            _buffers[i].Span.Fill((byte)('A' + i));
        for (int i = 0; i < BufferCount; i++)
            Sqes.Push(ring, Sqes.WriteFixed(Fd, _buffers[i].Pointer, BufferSize, (ushort)i, (ulong)(i * BufferSize), (ulong)i));
        AssertAllCompleteWith(ring, BufferSize);

        foreach (NativeBuffer buffer in _buffers)
            buffer.Span.Clear();
        for (int i = 0; i < BufferCount; i++)
            Sqes.Push(ring, Sqes.ReadFixed(Fd, _buffers[i].Pointer, BufferSize, (ushort)i, (ulong)(i * BufferSize), (ulong)i));
        AssertAllCompleteWith(ring, BufferSize);

        for (int i = 0; i < BufferCount; i++)
            Assert.True(_buffers[i].Span.IndexOfAnyExcept((byte)('A' + i)) < 0, $"buffer {i} did not come back");
    }

    private static void AssertAllCompleteWith(Ring ring, int result)
    {
        var seen = new List<CompletionEntry>();
        while (seen.Count < BufferCount)
        {
            ring.SubmitAndWait(1);
            seen.AddRange(Sqes.Reap(ring));
        }
        Assert.All(seen, cqe => Assert.Equal(result, cqe.Result));
        Assert.Equal(Enumerable.Range(0, BufferCount).Select(i => (ulong)i), seen.Select(c => c.UserData).Order());
    }
}
