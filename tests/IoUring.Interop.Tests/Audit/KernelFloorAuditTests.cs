using System;
using System.Runtime.InteropServices;
using FluentAssertions;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests.Audit;

/// <summary>
/// Features that several existing tests skip on EINVAL/EOPNOTSUPP without looking at the kernel version: on a kernel
/// at least as new as the feature, they must work, so a bug that makes the kernel answer EINVAL fails here instead of
/// turning into a skip there.
/// </summary>
public unsafe class KernelFloorAuditTests
{
    private static readonly Version Running = new(Environment.OSVersion.Version.Major, Environment.OSVersion.Version.Minor);

    [Theory]
    [InlineData("IORING_SETUP_SQPOLL", "5.11")]
    [InlineData("IORING_SETUP_SQE128|CQE32", "5.19")]
    [InlineData("IORING_SETUP_SINGLE_ISSUER|DEFER_TASKRUN", "6.1")]
    [InlineData("IORING_SETUP_NO_MMAP", "6.5")]
    [InlineData("IORING_SETUP_NO_MMAP|REGISTERED_FD_ONLY", "6.5")]
    [InlineData("IORING_SETUP_HYBRID_IOPOLL", "6.13")]
    public void Ring_shapes_the_kernel_has_build_and_round_trip_a_nop(string shape, string since)
    {
        RequireKernel(shape, since);

        RingBuilder builder = shape switch
        {
            "IORING_SETUP_SQPOLL" => Ring.Builder().SetupSqPoll(1000),
            "IORING_SETUP_SQE128|CQE32" => Ring.Builder().SetupSqe128().SetupCqe32(),
            "IORING_SETUP_SINGLE_ISSUER|DEFER_TASKRUN" => Ring.Builder().SetupSingleIssuer().SetupDeferTaskRun(),
            "IORING_SETUP_NO_MMAP" => Ring.Builder().SetupNoMmap(),
            "IORING_SETUP_NO_MMAP|REGISTERED_FD_ONLY" => Ring.Builder().SetupNoMmap().SetupRegisteredFdOnly(),
            "IORING_SETUP_HYBRID_IOPOLL" => Ring.Builder().SetupIoPoll().SetupHybridIoPoll(),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };

        using Ring ring = builder.Build(8);
        if (shape == "IORING_SETUP_HYBRID_IOPOLL")
        {
            // An IOPOLL ring completes only pollable block I/O; building it is the check.
            ring.Parameters.IsSetupHybridIoPoll.Should().BeTrue();
            return;
        }

        ring.SubmissionQueue.TryPush(new Nop().Build().WithUserData(77)).Should().BeTrue();
        ring.SubmitAndWait(1).Should().Be(1);
        ring.CompletionQueue.TryDequeue(out CompletionEntry cqe).Should().BeTrue();
        cqe.UserData.Should().Be(77);
        cqe.Result.Should().Be(0);
    }

    [Fact]
    public void RegisterClock_works_from_6_12()
    {
        RequireKernel("IORING_REGISTER_CLOCK", "6.12");
        using var ring = new Ring(8);

        ring.Submitter.RegisterClock(RingClock.BootTime);
        ring.Submitter.RegisterClock(RingClock.Monotonic);
    }

    [Fact]
    public void RegisterBuffersClone_works_from_6_12()
    {
        RequireKernel("IORING_REGISTER_CLONE_BUFFERS", "6.12");
        void* memory = NativeMemory.AlignedAlloc(4096, 4096);
        try
        {
            using var source = new Ring(8);
            using var destination = new Ring(8);
            source.Submitter.RegisterBuffers([new IoVector(memory, 4096)]);

            destination.Submitter.RegisterBuffersClone(source);

            // The clone filled the table: a second clone into it is refused.
            Assert.Throws<IoUringException>(() => destination.Submitter.RegisterBuffersClone(source)).ErrnoName.Should().Be("EBUSY");
        }
        finally
        {
            NativeMemory.AlignedFree(memory);
        }
    }

    [Fact]
    public void SendMsgRingSync_works_from_6_13()
    {
        RequireKernel("IORING_REGISTER_SEND_MSG_RING", "6.13");
        using var target = new Ring(8);

        Submitter.SendMsgRingSync(target.FileDescriptor, 9, 0xabc);

        target.CompletionQueue.TryDequeue(out CompletionEntry cqe).Should().BeTrue();
        cqe.UserData.Should().Be(0xabc);
        cqe.Result.Should().Be(9);
    }

    [Fact]
    public void ResizeRings_works_on_a_defer_taskrun_ring_from_6_13()
    {
        RequireKernel("IORING_REGISTER_RESIZE_RINGS", "6.13");
        using Ring ring = Ring.Builder().SetupSingleIssuer().SetupDeferTaskRun().Build(8);

        ring.Submitter.ResizeRings(32, 64);

        ring.SubmissionQueue.Capacity.Should().Be(32);
        ring.CompletionQueue.Capacity.Should().Be(64);
    }

    [Fact]
    public void RegisterMemRegion_works_on_a_disabled_ring_from_6_13()
    {
        RequireKernel("IORING_REGISTER_MEM_REGION", "6.13");
        // A region is whole pages: the page size, which is not 4096 on every arm64 kernel.
        nuint pageSize = (nuint)Environment.SystemPageSize;
        void* page = NativeMemory.AlignedAlloc(pageSize, pageSize);
        try
        {
            NativeMemory.Clear(page, pageSize);
            using Ring ring = Ring.Builder().SetupRDisabled().Build(8);
            var region = new io_uring_region_desc { user_addr = (ulong)page, size = pageSize, flags = (uint)IORING_MEM_REGION_TYPE_USER };

            ring.Submitter.RegisterMemRegion(ref region, registeredWaitArguments: true);
            ring.Submitter.RegisterEnableRings();
        }
        finally
        {
            NativeMemory.AlignedFree(page);
        }
    }

    [Fact]
    public void Query_works_from_6_18()
    {
        RequireKernel("IORING_REGISTER_QUERY", "6.18");

        QueryOpcodes answer = Submitter.Query();

        answer.RequestOpcodeCount.Should().BeGreaterThan((uint)Opcode.Nop);
    }

    [Fact]
    public void Multishot_timeout_works_from_6_4()
    {
        RequireKernel("IORING_TIMEOUT_MULTISHOT", "6.4");
        using var ring = new Ring(8);
        Timespec ts = Timespec.From(0, 2_000_000);

        ring.SubmissionQueue.TryPush(new TimeoutAdd(&ts) { Count = 2, Flags = TimeoutFlags.MultiShot }.Build().WithUserData(3)).Should().BeTrue();
        ring.SubmitAndWait(2);

        var results = new (int Result, bool More)[2];
        for (int i = 0; i < 2; i++)
        {
            CompletionEntry cqe;
            while (!ring.CompletionQueue.TryDequeue(out cqe))
                ring.SubmitAndWait(1);
            results[i] = (cqe.Result, cqe.HasMore);
        }

        results.Should().Equal((-62, true), (-62, false));
    }

    [Fact]
    public void Incremental_buffer_ring_registers_from_6_12()
    {
        RequireKernel("IOU_PBUF_RING_INC", "6.12");
        using var ring = new Ring(8);
        using var buffers = new BufferRing(4, 91, incremental: true);

        buffers.Register(ring.Submitter);
        buffers.Unregister(ring.Submitter);
    }

    private static void RequireKernel(string feature, string since)
    {
        if (Running < Version.Parse(since))
            Assert.Skip($"{feature} was added in Linux {since}; this kernel is {Running}.");
    }
}
