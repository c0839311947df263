using System;
using System.Collections.Generic;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests.Register;

// Mirrors io-uring-test/src/tests/register_sync_cancel.rs: synchronous cancellation of a pending pipe read.
public sealed unsafe class RegisterSyncCancelTests : IDisposable
{
    private readonly Ring _ring = new(8);
    private readonly NativeBuffer _buffer = new(16);
    private readonly int _readFd;
    private readonly int _writeFd;

    public RegisterSyncCancelTests() => (_readFd, _writeFd) = Libc.Pipe();

    public void Dispose()
    {
        _ring.Dispose();
        _buffer.Dispose();
        Libc.close(_readFd);
        Libc.close(_writeFd);
    }

    [Fact]
    public void RegisterSyncCancel_ByUserData_CancelsThePendingRead()
    {
        SubmitPendingRead(7);
        _ring.Submitter.RegisterSyncCancel(CancelBuilder.UserData(7));
        Assert.Equal(-125 /* ECANCELED */, Sqes.WaitFor(_ring, 7).Result);
    }

    [Fact]
    public void RegisterSyncCancel_ByFdWithAll_CancelsEveryReadOnIt()
    {
        SubmitPendingRead(1);
        SubmitPendingRead(2);
        _ring.Submitter.RegisterSyncCancel(CancelBuilder.Fd(new Fd(_readFd)).All(), Timespec.FromTimeSpan(TimeSpan.FromSeconds(1)));
        var others = new List<CompletionEntry>();
        Assert.Equal(-125, Sqes.WaitFor(_ring, 1, others).Result);
        if (others.Count == 0)
            others.Add(Sqes.WaitFor(_ring, 2));
        Assert.Equal(-125, Assert.Single(others).Result);
    }

    [Fact]
    public void RegisterSyncCancel_WithNothingToCancel_ThrowsEnoent_ExceptForAny()
    {
        IoUringException ex = Assert.Throws<IoUringException>(() => _ring.Submitter.RegisterSyncCancel(CancelBuilder.UserData(12345)));
        Assert.Equal("ENOENT", ex.ErrnoName);
        Assert.Contains("IORING_REGISTER_SYNC_CANCEL", ex.Operation);
        // ANY and ALL report how many they cancelled instead (io_uring/cancel.c): none is not an error.
        _ring.Submitter.RegisterSyncCancel(CancelBuilder.Any(), Timespec.From(0, 1_000_000));
        Sqes.AssertNopRoundTrip(_ring);
    }

    private void SubmitPendingRead(ulong userData)
    {
        Sqes.Push(_ring, Sqes.Read(_readFd, _buffer.Pointer, 16, 0, userData));
        _ring.Submit();
    }
}
