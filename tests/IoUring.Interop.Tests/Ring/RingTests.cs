using System;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Ring creation, parameters, mapping variants and lifetime (the Rust crate's lib.rs).</summary>
public class RingTests
{
    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Nop_round_trip(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 8);

        RoundTrip(ring, 0x1234_5678_9abc_def0UL);
    }

    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Parameters_describe_the_shape(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 6);

        RingParameters p = ring.Parameters;
        p.SqEntries.Should().Be(8, "6 rounds up to a power of two");
        p.CqEntries.Should().Be(16, "the completion queue is twice the submission queue by default");
        p.IsFeatureNoDrop.Should().BeTrue();
        p.IsFeatureSingleMmap.Should().BeTrue();
        p.IsFeatureExtArg.Should().BeTrue();
        p.IsSetupSqPoll.Should().Be(shape == RingShapes.SqPoll);
        p.IsSetupSqe128.Should().Be(shape == RingShapes.Sqe128Cqe32);
        p.IsSetupCqe32.Should().Be(shape == RingShapes.Sqe128Cqe32);
        p.IsSetupDeferTaskRun.Should().Be(shape == RingShapes.DeferTaskrun);
        p.IsSetupSingleIssuer.Should().Be(shape == RingShapes.DeferTaskrun);
        if (shape == RingShapes.SqPoll)
        {
            p.SqThreadIdle.Should().Be(1000);
        }

        ring.SubmissionQueue.Capacity.Should().Be(8);
        ring.CompletionQueue.Capacity.Should().Be(16);
        ring.FileDescriptor.Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public void Cq_size_and_clamp_are_applied()
    {
        using (Ring ring = Ring.Builder().SetupCqSize(100).Build(4))
        {
            ring.Parameters.IsSetupCqSize.Should().BeTrue();
            ring.Parameters.CqEntries.Should().Be(128);
        }

        using (Ring clamped = Ring.Builder().SetupClamp().Build(100_000))
        {
            clamped.Parameters.SqEntries.Should().Be(32768);
            clamped.Parameters.IsSetupClamp.Should().BeTrue();
        }
    }

    [Fact]
    public void No_mmap_ring_works()
    {
        Ring ring;
        try
        {
            ring = Ring.Builder().SetupNoMmap().Build(16);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_SETUP_NO_MMAP");
            throw;
        }

        using (ring)
        {
            ring.Parameters.IsSetupNoMmap.Should().BeTrue();
            for (ulong i = 0; i < 40; i++)
            {
                RoundTrip(ring, i);
            }
        }
    }

    [Fact]
    public void No_mmap_no_sqarray_cqe32_ring_works()
    {
        Ring ring;
        try
        {
            ring = Ring.Builder().SetupNoMmap().SetupNoSqArray().SetupSqe128().SetupCqe32().SetupCqSize(256).Build(64);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_SETUP_NO_MMAP|NO_SQARRAY");
            throw;
        }

        using (ring)
        {
            ring.Parameters.IsSetupNoSqArray.Should().BeTrue();
            for (ulong i = 0; i < 300; i++)
            {
                RoundTrip(ring, i);
            }
        }
    }

    [Fact]
    public void No_sqarray_ring_works()
    {
        using Ring ring = Ring.Builder().SetupNoSqArray().Build(4);

        ring.Parameters.IsSetupNoSqArray.Should().BeTrue();
        for (ulong i = 0; i < 10; i++)
        {
            RoundTrip(ring, i);
        }
    }

    [Fact]
    public void Registered_fd_only_ring_works_without_an_fd()
    {
        Ring ring;
        try
        {
            ring = Ring.Builder().SetupNoMmap().SetupRegisteredFdOnly().Build(8);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_SETUP_REGISTERED_FD_ONLY");
            throw;
        }

        using (ring)
        {
            ring.Parameters.IsSetupRegisteredFdOnly.Should().BeTrue();
            FluentActions.Invoking(() => ring.FileDescriptor).Should().Throw<InvalidOperationException>();
            RoundTrip(ring, 42);
        }
    }

    [Fact]
    public void Dont_fork_and_taskrun_flag_rings_work()
    {
        using (Ring ring = Ring.Builder().DontFork().Build(4))
        {
            RoundTrip(ring, 1);
        }

        using (Ring ring = Ring.Builder().SetupCoopTaskRun().SetupTaskRunFlag().SetupSubmitAll().Build(4))
        {
            ring.Parameters.IsSetupCoopTaskRun.Should().BeTrue();
            ring.Parameters.IsSetupTaskRunFlag.Should().BeTrue();
            ring.Parameters.IsSetupSubmitAll.Should().BeTrue();
            RoundTrip(ring, 2);
        }
    }

    [Fact]
    public void Attach_wq_shares_the_worker_pool()
    {
        using Ring first = new(4);
        using Ring second = Ring.Builder().SetupAttachWq(first.FileDescriptor).Build(4);

        second.Parameters.IsSetupAttachWq.Should().BeTrue();
        RoundTrip(second, 3);
    }

    [Fact]
    public void Io_poll_and_sqpoll_cpu_rings_report_their_flags()
    {
        using (Ring ring = Ring.Builder().SetupIoPoll().Build(4))
        {
            ring.Parameters.IsSetupIoPoll.Should().BeTrue();
        }

        Ring hybrid;
        try
        {
            hybrid = Ring.Builder().SetupIoPoll().SetupHybridIoPoll().Build(4);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_SETUP_HYBRID_IOPOLL");
            throw;
        }

        using (hybrid)
        {
            hybrid.Parameters.IsSetupHybridIoPoll.Should().BeTrue();
        }

        using Ring pinned = Ring.Builder().SetupSqPoll(100).SetupSqPollCpu(0).Build(4);
        pinned.Parameters.IsSetupSqAff.Should().BeTrue();
        pinned.Parameters.SqThreadCpu.Should().Be(0);
        RoundTrip(pinned, 11);
    }

    [Fact]
    public void Disabled_ring_reports_its_flag()
    {
        using Ring ring = Ring.Builder().SetupRDisabled().Build(4);

        ring.Parameters.IsSetupRDisabled.Should().BeTrue();
    }

    [Fact]
    public void Dispose_twice_is_safe()
    {
        Ring ring = new(4);
        ring.Dispose();

        FluentActions.Invoking(ring.Dispose).Should().NotThrow();
    }

    [Fact]
    public void Use_after_dispose_throws_object_disposed()
    {
        Ring ring = new(4);
        (Submitter submitter, SubmissionQueue sq, CompletionQueue cq) = ring.Split();
        ring.Dispose();

        FluentActions.Invoking(() => ring.FileDescriptor).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => ring.Submit()).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => ring.Split()).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => submitter.SubmitAndWait(1)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => submitter.SqueueWait()).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => sq.TryPush(Nops.Make(1))).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => sq.Count).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => cq.TryDequeue(out CompletionEntry _)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => cq.Count).Should().Throw<ObjectDisposedException>();
    }

    internal static void RoundTrip(Ring ring, ulong userData)
    {
        ring.SubmissionQueue.TryPush(Nops.Make(userData)).Should().BeTrue();
        ring.SubmitAndWait(1).Should().Be(1);
        ring.CompletionQueue.TryDequeue(out CompletionEntry cqe).Should().BeTrue();
        cqe.UserData.Should().Be(userData);
        cqe.Result.Should().Be(0);
        ring.CompletionQueue.TryDequeue(out CompletionEntry _).Should().BeFalse();
    }
}
