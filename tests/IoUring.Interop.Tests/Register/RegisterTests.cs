using System;
using System.Linq;
using IoUring.Interop.Native;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests.Register;

// Mirrors io-uring-test/src/tests/register.rs: files, personalities, the probe and restrictions.
public sealed unsafe class RegisterTests
{
    [Fact]
    public void RegisterFilesSparse_OnlyOneTableAtATime()
    {
        using var ring = new Ring(8);
        ring.Submitter.RegisterFilesSparse(4);
        Assert.Equal("EBUSY", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterFilesSparse(3)).ErrnoName);
        ring.Submitter.UnregisterFiles();
        Assert.Equal("ENXIO", Assert.Throws<IoUringException>(() => ring.Submitter.UnregisterFiles()).ErrnoName);
        ring.Submitter.RegisterFilesSparse(1000);
        ring.Submitter.UnregisterFiles();
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Submitter.RegisterFilesSparse(0));
        Sqes.AssertNopRoundTrip(ring);
    }

    [Fact]
    public void RegisterFiles_ThenFixedRead_ReadsThroughTheSlot()
    {
        using var ring = new Ring(8);
        var (readFd, writeFd) = Libc.Pipe();
        using var buffer = new NativeBuffer(64);
        try
        {
            ring.Submitter.RegisterFiles([-1, readFd]);
            Libc.WriteAll(writeFd, "fixed"u8);

            SubmissionEntry read = Sqes.Read(1, buffer.Pointer, 64, 0, 7).WithFlags(SqeFlags.FixedFile);
            CompletionEntry cqe = Sqes.Run(ring, read);
            Assert.Equal(5, cqe.Result);
            Assert.Equal("fixed"u8.ToArray(), buffer.Span[..5].ToArray());

            // Slot 0 is empty: the kernel reports a bad fd.
            CompletionEntry empty = Sqes.Run(ring, Sqes.Read(0, buffer.Pointer, 64, 0, 8).WithFlags(SqeFlags.FixedFile));
            Assert.Equal(-9 /* EBADF */, empty.Result);

            // Update: fill slot 0, skip slot 1 (-2 keeps it), and both count as processed.
            Assert.Equal(2, ring.Submitter.RegisterFilesUpdate(0, [readFd, IORING_REGISTER_FILES_SKIP]));
            Libc.WriteAll(writeFd, "again"u8);
            CompletionEntry viaZero = Sqes.Run(ring, Sqes.Read(0, buffer.Pointer, 64, 0, 9).WithFlags(SqeFlags.FixedFile));
            Assert.Equal(5, viaZero.Result);
        }
        finally
        {
            Libc.close(readFd);
            Libc.close(writeFd);
        }
    }

    [Fact]
    public void RegisterFiles_BadArguments_ThrowBeforeTheSyscallAndTheRingStaysUsable()
    {
        using var ring = new Ring(8);
        Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterFiles(ReadOnlySpan<int>.Empty));
        Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterFilesUpdate(0, ReadOnlySpan<int>.Empty));
        Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterFilesTags([-1, -1], [1UL]));
        Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterFilesUpdateTag(0, [-1], [1UL, 2UL]));
        // No table yet: the kernel says so, by name.
        IoUringException ex = Assert.Throws<IoUringException>(() => ring.Submitter.RegisterFilesUpdate(0, [-1]));
        Assert.Equal("ENXIO", ex.ErrnoName);
        Assert.Contains("IORING_REGISTER_FILES_UPDATE", ex.Message);
        Sqes.AssertNopRoundTrip(ring);
    }

    [Fact]
    public void RegisterFilesTags_ReplacingATaggedFile_PostsItsTag()
    {
        const ulong tag = 0xf11e;
        using var ring = new Ring(8);
        var (readFd, writeFd) = Libc.Pipe();
        try
        {
            ring.Submitter.RegisterFilesTags([readFd, writeFd], [tag, 0]);
            Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterFilesTags([readFd], [1UL, 2UL]));
            Assert.Equal(1, ring.Submitter.RegisterFilesUpdateTag(0, [-1], [0UL]));
            Assert.Equal(0, Sqes.WaitFor(ring, tag).Result);
        }
        finally
        {
            Libc.close(readFd);
            Libc.close(writeFd);
        }
    }

    [Fact]
    public void RegisterFileAllocRange_AutoAllocatedSlotsComeFromTheRange()
    {
        using var ring = new Ring(8);
        var (readFd, writeFd) = Libc.Pipe();
        try
        {
            ring.Submitter.RegisterFilesSparse(8);
            ring.Submitter.RegisterFileAllocRange(5, 2);

            // IORING_OP_FILES_UPDATE with IORING_FILE_INDEX_ALLOC picks free slots and writes them back.
            int* fds = stackalloc int[] { readFd, writeFd };
            var update = new SubmissionEntry();
            update.Native.opcode = (byte)Opcode.FilesUpdate;
            update.Native.fd = -1;
            update.Native.addr = (ulong)fds;
            update.Native.len = 2;
            update.Native.off = IORING_FILE_INDEX_ALLOC;
            update.UserData = 11;
            Assert.Equal(2, Sqes.Run(ring, update).Result);
            Assert.Equal(new[] { 5, 6 }, new[] { fds[0], fds[1] }.Order());
        }
        finally
        {
            Libc.close(readFd);
            Libc.close(writeFd);
        }
    }

    [Fact]
    public void RegisterPersonality_AnSqeCanRunWithIt_UntilUnregistered()
    {
        using var ring = new Ring(8);
        ushort personality = ring.Submitter.RegisterPersonality();
        Assert.NotEqual(0, personality);

        Assert.Equal(0, Sqes.Run(ring, Sqes.Nop(1).WithPersonality(personality)).Result);
        ring.Submitter.UnregisterPersonality(personality);
        Assert.Equal(-22 /* EINVAL */, Sqes.Run(ring, Sqes.Nop(2).WithPersonality(personality)).Result);
        Assert.Equal("EINVAL", Assert.Throws<IoUringException>(() => ring.Submitter.UnregisterPersonality(personality)).ErrnoName);
    }

    [Fact]
    public void RegisterProbe_ReportsTheOpcodesOfThisKernel()
    {
        using var ring = new Ring(8);
        var probe = Probe.For(ring);
        Assert.True(probe.IsSupported(Opcode.Nop));

        ring.Submitter.RegisterProbe(probe);
        Assert.True(probe.IsSupported(Opcode.Nop));
        Assert.True(probe.IsSupported(Opcode.Read));
        Assert.True(probe.LastOp >= Opcode.Read);
        Assert.False(probe.IsSupported((Opcode)((uint)probe.LastOp + 1)));
        Assert.Contains(Opcode.WriteFixed, probe.SupportedOpcodes);
        Assert.Equal(probe.SupportedOpcodes.Order(), probe.SupportedOpcodes);
        Assert.Contains("Nop", probe.ToString());

        Assert.Throws<ArgumentNullException>(() => ring.Submitter.RegisterProbe(null!));

        // A reused probe is cleared first (the kernel insists on zeroed memory).
        ring.Submitter.RegisterProbe(probe);
        Assert.True(probe.IsSupported(Opcode.Nop));
    }

    [Fact]
    public void RegisterRestrictions_OnADisabledRing_RejectsWhatIsNotAllowedWithEacces()
    {
        using var ring = Ring.Builder().SetupRDisabled().Build(8);
        ring.Submitter.RegisterRestrictions(
        [
            Restriction.SqeOp(Opcode.Nop),
            Restriction.RegisterOp(io_uring_register_op.IORING_REGISTER_PROBE),
            Restriction.SqeFlagsAllowed(SqeFlags.IoLink),
        ]);
        // Restrictions are installed once.
        Assert.Equal("EBUSY", Assert.Throws<IoUringException>(() =>
            ring.Submitter.RegisterRestrictions([Restriction.SqeOp(Opcode.Read)])).ErrnoName);
        ring.Submitter.RegisterEnableRings();

        Sqes.AssertNopRoundTrip(ring);
        using var buffer = new NativeBuffer(16);
        CompletionEntry read = Sqes.Run(ring, Sqes.Read(0, buffer.Pointer, 16, 0, 5));
        Assert.Equal(-13 /* EACCES */, read.Result);
        CompletionEntry drained = Sqes.Run(ring, Sqes.Nop(6).WithFlags(SqeFlags.IoDrain));
        Assert.Equal(-13 /* EACCES */, drained.Result);

        ring.Submitter.GetProbe();
        Assert.Equal("EACCES", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterPersonality()).ErrnoName);
    }

    [Fact]
    public void RegisterRestrictions_OnAnEnabledRing_IsRefusedAndTheRingStaysUsable()
    {
        using var ring = new Ring(8);
        IoUringException ex = Assert.Throws<IoUringException>(() =>
            ring.Submitter.RegisterRestrictions([Restriction.SqeOp(Opcode.Nop)]));
        Assert.Equal("EBADFD", ex.ErrnoName);
        Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterRestrictions(ReadOnlySpan<Restriction>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => Restriction.RegisterOp(io_uring_register_op.IORING_REGISTER_USE_REGISTERED_RING));
        Sqes.AssertNopRoundTrip(ring);
    }

    [Fact]
    public void Restriction_IsTheKernelStruct()
    {
        Assert.Equal(16, sizeof(Restriction));
        Restriction r = Restriction.SqeFlagsRequired(SqeFlags.FixedFile);
        Assert.Equal(RestrictionOp.SqeFlagsRequired, r.Kind);
        Assert.Equal((byte)SqeFlags.FixedFile, r.Value);
        Assert.Equal(r, Restriction.SqeFlagsRequired(SqeFlags.FixedFile));
    }
}
