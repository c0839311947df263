using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Register;

/// <summary>The entries the register tests submit, encoded by the opcode builders, and ring round trips.</summary>
internal static unsafe class Sqes
{
    internal static SubmissionEntry Nop(ulong userData) => Nops.Make(userData);

    internal static SubmissionEntry Read(int fd, void* buffer, uint length, ulong offset, ulong userData)
        => new Read(new Fd(fd), (byte*)buffer, length) { Offset = (long)offset }.Build().WithUserData(userData);

    internal static SubmissionEntry ReadFixed(int fd, void* buffer, uint length, ushort bufferIndex, ulong offset, ulong userData)
        => new ReadFixed(new Fd(fd), (byte*)buffer, length, bufferIndex) { Offset = (long)offset }.Build().WithUserData(userData);

    internal static SubmissionEntry WriteFixed(int fd, void* buffer, uint length, ushort bufferIndex, ulong offset, ulong userData)
        => new WriteFixed(new Fd(fd), (byte*)buffer, length, bufferIndex) { Offset = (long)offset }.Build().WithUserData(userData);

    internal static void Push(Ring ring, in SubmissionEntry entry)
    {
        var sq = ring.SubmissionQueue;
        Assert.True(sq.TryPush(in entry), "the submission queue is full");
        sq.Sync();
    }

    internal static List<CompletionEntry> Reap(Ring ring)
    {
        var cq = ring.CompletionQueue;
        cq.Sync();
        var reaped = new List<CompletionEntry>();
        while (cq.TryDequeue(out CompletionEntry cqe))
            reaped.Add(cqe);
        cq.Sync();
        return reaped;
    }

    /// <summary>Submits what is queued and waits until the completion with <paramref name="userData"/> arrives; other completions are returned in <paramref name="others"/>.</summary>
    internal static CompletionEntry WaitFor(Ring ring, ulong userData, List<CompletionEntry>? others = null)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            ring.SubmitAndWait(1);
            CompletionEntry? found = null;
            foreach (CompletionEntry cqe in Reap(ring))
            {
                if (found is null && cqe.UserData == userData)
                    found = cqe;
                else
                    others?.Add(cqe);
            }
            if (found is CompletionEntry hit)
                return hit;
        }
        throw new InvalidOperationException($"no completion with user data {userData:x}");
    }

    internal static CompletionEntry Run(Ring ring, in SubmissionEntry entry)
    {
        Push(ring, entry);
        return WaitFor(ring, entry.UserData);
    }

    /// <summary>A NOP round trip: proof that the ring still works.</summary>
    internal static void AssertNopRoundTrip(Ring ring, ulong userData = 0x4e4f50)
    {
        CompletionEntry cqe = Run(ring, Nop(userData));
        Assert.Equal(0, cqe.Result);
    }
}

/// <summary>Page-aligned native memory the kernel may keep pointers into; freed on Dispose.</summary>
internal sealed unsafe class NativeBuffer : IDisposable
{
    internal NativeBuffer(int length)
    {
        Length = length;
        // The page size, not 4096: arm64 kernels may use 16 or 64 KiB pages.
        Pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, (nuint)Environment.SystemPageSize);
        Span.Clear();
    }

    internal byte* Pointer { get; private set; }

    internal int Length { get; }

    internal Span<byte> Span => new(Pointer, Length);

    internal IoVector Iovec => new(Pointer, (nuint)Length);

    public void Dispose()
    {
        if (Pointer != null)
            NativeMemory.AlignedFree(Pointer);
        Pointer = null;
    }
}

internal static class KernelFeature
{
    /// <summary>Skips the test when <paramref name="ex"/> says the kernel lacks the feature (EINVAL/EOPNOTSUPP), naming the errno.</summary>
    internal static void SkipIfUnsupported(IoUringException ex, string feature)
    {
        if (ex.ErrnoName is "EINVAL" or "EOPNOTSUPP")
            Assert.Skip($"{feature} is not supported by this kernel: {ex.ErrnoName}");
    }

    /// <summary>The kernel's answer to IO_URING_QUERY_OPCODES, or a skip when it has no IORING_REGISTER_QUERY.</summary>
    internal static QueryOpcodes QueryOrSkip()
    {
        try
        {
            return Submitter.Query();
        }
        catch (IoUringException ex)
        {
            SkipIfUnsupported(ex, "IORING_REGISTER_QUERY");
            throw;
        }
    }
}
