using System;
using System.IO;
using IoUring.Interop.Native;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Register;

// The registrations requests depend on most, on every ring shape (default, SQE128+CQE32, SQPOLL, DEFER_TASKRUN).
public sealed unsafe class RegisterShapesTests
{
    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void RegisteredBufferAndFile_ServeAWriteFixedAndAReadFixed(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        string path = Path.Combine(Path.GetTempPath(), $"iouring-shapes-{Guid.NewGuid():N}");
        using var buffer = new NativeBuffer(4096);
        try
        {
            using SafeFileHandle file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
            ring.Submitter.RegisterBuffers([buffer.Iovec]);
            ring.Submitter.RegisterFiles([(int)file.DangerousGetHandle()]);

            buffer.Span.Fill((byte)'s');
            SubmissionEntry write = Sqes.WriteFixed(0, buffer.Pointer, 4096, 0, 0, 1).WithFlags(SqeFlags.FixedFile);
            Assert.Equal(4096, Sqes.Run(ring, write).Result);
            buffer.Span.Clear();
            SubmissionEntry read = Sqes.ReadFixed(0, buffer.Pointer, 4096, 0, 0, 2).WithFlags(SqeFlags.FixedFile);
            Assert.Equal(4096, Sqes.Run(ring, read).Result);
            Assert.True(buffer.Span.IndexOfAnyExcept((byte)'s') < 0);

            ring.Submitter.UnregisterFiles();
            ring.Submitter.UnregisterBuffers();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void RegisteredRingFd_CarriesSubmitsAndRegistrations(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        ring.Submitter.RegisterRingFd();
        Sqes.AssertNopRoundTrip(ring, 1);
        ushort personality = ring.Submitter.RegisterPersonality();
        Assert.Equal(0, Sqes.Run(ring, Sqes.Nop(2).WithPersonality(personality)).Result);
        ring.Submitter.UnregisterPersonality(personality);
        ring.Submitter.UnregisterRingFd();
        Sqes.AssertNopRoundTrip(ring, 3);
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Eventfd_IsSignalledByACompletion(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        using var eventfd = new EventFdHandle();
        ring.Submitter.RegisterEventfd(eventfd.Fd);
        Sqes.AssertNopRoundTrip(ring);
        Assert.True(eventfd.Take() >= 1, "no notification");
        ring.Submitter.UnregisterEventfd();
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void SyncCancel_CancelsAPendingPipeRead(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);
        var (readFd, writeFd) = Libc.Pipe();
        using var buffer = new NativeBuffer(16);
        try
        {
            Sqes.Push(ring, Sqes.Read(readFd, buffer.Pointer, 16, 0, 9));
            ring.Submit();
            // Under SQPOLL the kernel thread picks the read up on its own time; the cancel waits until it is in flight.
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    ring.Submitter.RegisterSyncCancel(CancelBuilder.UserData(9), Timespec.FromTimeSpan(TimeSpan.FromSeconds(1)));
                    break;
                }
                catch (IoUringException ex) when (ex.ErrnoName == "ENOENT" && attempt < 100)
                {
                    System.Threading.Thread.Sleep(5);
                }
            }
            Assert.Equal(-125 /* ECANCELED */, Sqes.WaitFor(ring, 9).Result);
        }
        finally
        {
            Libc.close(readFd);
            Libc.close(writeFd);
        }
    }
}
