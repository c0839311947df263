using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using IoUring.Interop.Native;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests.Register;

// Ring-wide registrations with no io-uring-test module of their own: ring fd, io-wq, clock, query,
// synchronous MSG_RING, resize, memory region and zero-copy RX queue.
public sealed unsafe class RegisterRingTests
{
    [Fact]
    public void RegisterRingFd_SubmitsThroughTheIndex_ThenBackToTheRawFd()
    {
        using var ring = new Ring(8);
        int index = ring.Submitter.RegisterRingFd();
        Assert.InRange(index, 0, 15);
        Assert.Throws<InvalidOperationException>(() => ring.Submitter.RegisterRingFd());

        Sqes.AssertNopRoundTrip(ring, 1);
        // Register calls go through the index too.
        var probe = ring.Submitter.GetProbe();
        ring.Submitter.RegisterProbe(probe);
        Assert.True(probe.IsSupported(Opcode.Nop));

        ring.Submitter.UnregisterRingFd();
        Assert.Throws<InvalidOperationException>(() => ring.Submitter.UnregisterRingFd());
        Sqes.AssertNopRoundTrip(ring, 2);
    }

    [Fact]
    public void RegisterIowqMaxWorkers_ReturnsTheOldLimits()
    {
        using var ring = new Ring(8);
        (int bounded, int unbounded) = ring.Submitter.RegisterIowqMaxWorkers(0, 0);
        Assert.True(bounded > 0 && unbounded > 0, $"default limits {bounded}/{unbounded}");

        Assert.Equal((bounded, unbounded), ring.Submitter.RegisterIowqMaxWorkers(2, 3));
        Assert.Equal((2, 3), ring.Submitter.RegisterIowqMaxWorkers(0, 0));
        Assert.Equal((2, 3), ring.Submitter.RegisterIowqMaxWorkers(bounded, unbounded));
    }

    [Fact]
    public void RegisterIowqAff_PinsTheAsyncWorkersToTheMask()
    {
        if (Environment.ProcessorCount < 2)
            Assert.Skip("one CPU: an affinity of CPU 0 is indistinguishable from none");

        // io-wq belongs to the submitting thread and keeps the workers it already has, so the test runs on a
        // fresh thread: its first async request creates a worker named iou-wrk-<tid> under the new mask.
        string[] affinities = [];
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                int tid = Libc.gettid();
                using var ring = new Ring(8);
                Assert.Throws<ArgumentException>(() => ring.Submitter.RegisterIowqAff(ReadOnlySpan<byte>.Empty));
                ring.Submitter.RegisterIowqAff([0b1]);
                // IOSQE_ASYNC forces the NOP onto an io-wq worker.
                Assert.Equal(0, Sqes.Run(ring, Sqes.Nop(1).WithFlags(SqeFlags.Async)).Result);
                affinities = IoWorkerAffinities($"iou-wrk-{tid}");
                ring.Submitter.UnregisterIowqAff();
                Sqes.AssertNopRoundTrip(ring);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
            throw new Xunit.Sdk.XunitException($"on the fresh thread: {failure}");
        Assert.NotEmpty(affinities);
        Assert.All(affinities, cpus => Assert.Equal("0", cpus));
    }

    [Fact]
    public void RegisterClock_AcceptsMonotonicAndBoottime_RejectsOthers()
    {
        using var ring = new Ring(8);
        try
        {
            ring.Submitter.RegisterClock(RingClock.BootTime);
        }
        catch (IoUringException ex)
        {
            KernelFeature.SkipIfUnsupported(ex, "IORING_REGISTER_CLOCK");
            throw;
        }
        ring.Submitter.RegisterClock(RingClock.Monotonic);
        Assert.Equal("EINVAL", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterClock((RingClock)0 /* CLOCK_REALTIME */)).ErrnoName);
        Sqes.AssertNopRoundTrip(ring);
    }

    [Fact]
    public void Query_AgreesWithTheProbe()
    {
        QueryOpcodes answer = KernelFeature.QueryOrSkip();
        using var ring = new Ring(8);
        var probe = ring.Submitter.GetProbe();
        Assert.Equal((uint)probe.LastOp + 1, answer.RequestOpcodeCount);
        Assert.True(answer.RegisterOpcodeCount > (uint)io_uring_register_op.IORING_REGISTER_ZCRX_IFQ);
        Assert.True((answer.SetupFlags & SetupFlags.SqPoll) != 0);
        Assert.True((answer.EnterFlags & EnterFlags.GetEvents) != 0);
        Assert.True((answer.SqeFlags & SqeFlags.IoLink) != 0);

        Assert.Equal("EOPNOTSUPP", Assert.Throws<IoUringException>(() => Submitter.QueryRaw(1000, new byte[64])).ErrnoName);
        Assert.Throws<ArgumentException>(() => Submitter.QueryRaw(0, Span<byte>.Empty));
    }

    [Fact]
    public void QueryRaw_Scq_ReportsTheRingHeaderSize()
    {
        QueryOpcodes answer = KernelFeature.QueryOrSkip();
        var scq = new byte[sizeof(io_uring_query_scq)];
        if (answer.QueryOpcodeCount <= IO_URING_QUERY_SCQ)
        {
            // The kernel says it does not know this query; it must refuse it with EOPNOTSUPP.
            IoUringException ex = Assert.Throws<IoUringException>(() => Submitter.QueryRaw((uint)IO_URING_QUERY_SCQ, scq));
            Assert.Skip($"IO_URING_QUERY_SCQ is not supported by this kernel ({answer.QueryOpcodeCount} query kinds): {ex.ErrnoName}");
        }
        Assert.Equal(scq.Length, Submitter.QueryRaw((uint)IO_URING_QUERY_SCQ, scq));
        Assert.InRange(BitConverter.ToUInt64(scq, 0), 32UL, 4096UL);
    }

    [Fact]
    public void SendMsgRingSync_PostsACompletionOnTheTargetRing()
    {
        using var target = new Ring(8);
        try
        {
            Submitter.SendMsgRingSync(target.FileDescriptor, 42, 0xfeed);
        }
        catch (IoUringException ex)
        {
            KernelFeature.SkipIfUnsupported(ex, "IORING_REGISTER_SEND_MSG_RING");
            throw;
        }
        CompletionEntry cqe = Sqes.WaitFor(target, 0xfeed);
        Assert.Equal(42, cqe.Result);
        Assert.Equal((CqeFlags)0, cqe.Flags);

        // FLAGS_PASS hands the target CQE the flags we choose.
        Submitter.SendMsgRingSync(target.FileDescriptor, 7, 0xbeef, MsgRingFlags.FlagsPass, cqeFlags: 0x8000);
        CompletionEntry passed = Sqes.WaitFor(target, 0xbeef);
        Assert.Equal(7, passed.Result);
        Assert.Equal((CqeFlags)0x8000, passed.Flags);

        Assert.Throws<ArgumentOutOfRangeException>(() => Submitter.SendMsgRingSync(-1, 0, 0));
        var (readFd, writeFd) = Libc.Pipe();
        try
        {
            IoUringException notARing = Assert.Throws<IoUringException>(() => Submitter.SendMsgRingSync(readFd, 0, 0));
            Assert.Equal("EBADFD", notARing.ErrnoName);
        }
        finally
        {
            Libc.close(readFd);
            Libc.close(writeFd);
        }
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("sqe128-cqe32")]
    [InlineData("no-sqarray")]
    public void ResizeRings_GrowsTheQueues_AndNopsStillRoundTrip(string layout)
    {
        RingBuilder builder = Ring.Builder().SetupSingleIssuer().SetupDeferTaskRun();
        builder = layout switch
        {
            "sqe128-cqe32" => builder.SetupSqe128().SetupCqe32(),
            "no-sqarray" => builder.SetupNoSqArray(),
            _ => builder,
        };
        using Ring ring = builder.Build(8);
        Sqes.AssertNopRoundTrip(ring, 1);
        // One NOP left pending in the CQ crosses the resize.
        Sqes.Push(ring, Sqes.Nop(2));
        ring.Submit();
        try
        {
            ring.Submitter.ResizeRings(64, 128);
        }
        catch (IoUringException ex)
        {
            KernelFeature.SkipIfUnsupported(ex, "IORING_REGISTER_RESIZE_RINGS");
            throw;
        }
        Assert.Equal(64, (int)ring.SubmissionQueue.Capacity);
        Assert.Equal(128, (int)ring.CompletionQueue.Capacity);
        Assert.Equal(64u, ring.Parameters.SqEntries);

        // More than the old SQ could hold, in one batch.
        for (ulong i = 0; i < 40; i++)
            Sqes.Push(ring, Sqes.Nop(100 + i));
        var seen = new List<CompletionEntry>();
        while (seen.Count < 41)
        {
            ring.SubmitAndWait(1);
            seen.AddRange(Sqes.Reap(ring));
        }
        var expected = new List<ulong> { 2 };
        expected.AddRange(Enumerable.Range(100, 40).Select(i => (ulong)i));
        Assert.Equal(expected, seen.Select(c => c.UserData).Order());
        Assert.All(seen, c => Assert.Equal(0, c.Result));
    }

    [Fact]
    public void ResizeRings_BadArgumentsAndNonDeferRings_AreRefused_RingStaysUsable()
    {
        using var ring = new Ring(8);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Submitter.ResizeRings(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Submitter.ResizeRings(65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Submitter.ResizeRings(64, 32));
        // The kernel resizes only DEFER_TASKRUN rings.
        Assert.Equal("EINVAL", Assert.Throws<IoUringException>(() => ring.Submitter.ResizeRings(16)).ErrnoName);
        Sqes.AssertNopRoundTrip(ring);
    }

    [Fact]
    public void RegisterMemRegion_RegisteredWaitArgument_TimesOutTheWait()
    {
        using var ring = Ring.Builder().SetupRDisabled().Build(8);
        // One page of whatever size the kernel uses (16 or 64 KiB on some arm64 kernels): a region is whole pages.
        using var page = new NativeBuffer(Environment.SystemPageSize);
        var region = new io_uring_region_desc
        {
            user_addr = (ulong)page.Pointer,
            size = (ulong)Environment.SystemPageSize,
            flags = (uint)IORING_MEM_REGION_TYPE_USER,
        };
        try
        {
            ring.Submitter.RegisterMemRegion(ref region, registeredWaitArguments: true);
        }
        catch (IoUringException ex)
        {
            KernelFeature.SkipIfUnsupported(ex, "IORING_REGISTER_MEM_REGION");
            throw;
        }
        Assert.Equal("EBUSY", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterMemRegion(ref region, true)).ErrnoName);
        ring.Submitter.RegisterEnableRings();

        // Entry 0 of the region: wait for one completion, at most 20 ms.
        var wait = (io_uring_reg_wait*)page.Pointer;
        wait->ts.tv_nsec = 20_000_000;
        wait->flags = (uint)IORING_REG_WAIT_TS;
        var clock = Stopwatch.StartNew();
        int result = Syscalls.io_uring_enter(ring.FileDescriptor, 0, 1, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG | IORING_ENTER_EXT_ARG_REG,
            (void*)0 /* offset of entry 0 */, (nuint)sizeof(io_uring_reg_wait));
        clock.Stop();
        Assert.Equal(-62 /* ETIME */, result);
        Assert.True(clock.ElapsedMilliseconds >= 15, $"waited {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void RegisterIfq_WithoutASuitableNic_ThrowsAClearIoUringException()
    {
        using var ring = Ring.Builder().SetupSingleIssuer().SetupDeferTaskRun().SetupCqe32().Build(8);
        var registration = new io_uring_zcrx_ifq_reg { if_idx = 1 /* lo */, if_rxq = 0, rq_entries = 64 };
        IoUringException ex = Assert.Throws<IoUringException>(() => ring.Submitter.RegisterIfq(ref registration));
        Assert.Contains("IORING_REGISTER_ZCRX_IFQ", ex.Operation);
        Assert.True(ex.Errno > 0);
        Assert.Contains(ex.ErrnoName, ex.Message);
        Sqes.AssertNopRoundTrip(ring);
    }

    private static string[] IoWorkerAffinities(string workerName)
    {
        var affinities = new List<string>();
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != workerName)
                    continue;
                string? line = File.ReadLines(Path.Combine(task, "status")).FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
                if (line is not null)
                    affinities.Add(line["Cpus_allowed_list:".Length..].Trim());
            }
            catch (IOException)
            {
                // The worker exited while we looked.
            }
        }
        return affinities.ToArray();
    }
}
