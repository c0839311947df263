using System;
using System.Diagnostics;
using System.Threading;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests;

/// <summary>Issue 9, defect 2: the registered-ring table is per thread, so a ring registered on thread A and disposed
/// (or used) on thread B must not touch B's table, where the same slot number names another ring.</summary>
public sealed class ForeignThreadDisposeOfRegisteredRingTests
{
    public enum Registration
    {
        RegisterRingFd,
        RegisteredFdOnly,
    }

    [Theory]
    [InlineData(Registration.RegisterRingFd)]
    [InlineData(Registration.RegisteredFdOnly)]
    public void Disposing_another_threads_ring_leaves_this_threads_ring_at_the_same_slot_working(Registration kind) =>
        WithRingsOnTwoThreads(kind, (threadA, threadB, r1, r2) =>
        {
            // Both threads' tables were empty: both rings sit in slot 0, each in its own thread's table.
            threadA.Run(() => EnterSlot(0)).Should().Be(0, "slot 0 of A's table is r1");
            threadB.Run(() => EnterSlot(0)).Should().Be(0, "slot 0 of B's table is r2");

            threadB.Run(r1.Dispose);

            threadB.Run(() => Nops.RoundTrip(r2, 42)).Should().Be(42UL, "disposing r1 on B must not unregister B's slot 0 (r2)");
        });

    [Theory]
    [InlineData(Registration.RegisterRingFd)]
    [InlineData(Registration.RegisteredFdOnly)]
    public void The_kernel_ring_stays_registered_to_its_owner_until_the_owners_next_ring_call(Registration kind)
    {
        using var threadA = new DedicatedThread("owner A");
        using var threadB = new DedicatedThread("thread B");
        Ring r1 = threadA.Run(() => Create(kind));

        threadB.Run(r1.Dispose);

        // B could not touch A's table, so A's slot still holds the kernel ring (documented in docs/safe-layer.md).
        threadA.Run(() => EnterSlot(0)).Should().Be(0, "the owner's table keeps the ring alive after a foreign Dispose");

        // The owner thread's next ring creation releases the slots other threads left to it.
        threadA.Run(() => new Ring(2).Dispose());
        threadA.Run(() => EnterSlot(0)).Should().Be(-Errno.EBADF, "the owner released the slot on its next ring call");
    }

    [Fact]
    public void A_RegisterRingFd_ring_submitted_from_another_thread_uses_its_fd_not_that_threads_slot() =>
        WithRingsOnTwoThreads(Registration.RegisterRingFd, (_, threadB, r1, r2) => threadB.Run(() =>
        {
            r1.SubmissionQueue.TryPush(Nops.Make(7)).Should().BeTrue();
            r1.Submit().Should().Be(1, "B's slot 0 is r2, so r1 must be entered by its fd");
            WaitForCompletion(r1).Should().Be(7UL);
            r2.CompletionQueue.TryDequeue(out CompletionEntry _).Should().BeFalse("nothing was submitted to r2");
        }));

    [Fact]
    public void A_RegisteredFdOnly_ring_used_from_another_thread_throws_instead_of_entering_that_threads_slot() =>
        WithRingsOnTwoThreads(Registration.RegisteredFdOnly, (threadA, threadB, r1, r2) =>
        {
            threadB.Run(() =>
            {
                r1.SubmissionQueue.TryPush(Nops.Make(7)).Should().BeTrue();
                FluentActions.Invoking(() => r1.Submit()).Should().Throw<InvalidOperationException>()
                    .WithMessage($"*thread {threadA.ManagedThreadId}*");
            });

            // The owner submits it; B's ring was never entered.
            threadA.Run(() =>
            {
                r1.SubmitAndWait(1).Should().Be(1);
                r1.CompletionQueue.TryDequeue(out CompletionEntry cqe).Should().BeTrue();
                cqe.UserData.Should().Be(7UL);
            });
            threadB.Run(() => Nops.RoundTrip(r2, 9)).Should().Be(9UL);
        });

    [Fact]
    public async System.Threading.Tasks.Task A_registered_ring_disposed_after_an_await_on_a_pool_thread_is_safe()
    {
        using var threadA = new DedicatedThread("owner A");
        Ring ring = threadA.Run(() => Create(Registration.RegisterRingFd));

        // Continuations of an await run on pool threads: using and disposing the ring there is the normal case.
        await System.Threading.Tasks.Task.Run(() =>
        {
            Nops.RoundTrip(ring, 5).Should().Be(5UL);
            ring.Dispose();
        }, TestContext.Current.CancellationToken);

        FluentActions.Invoking(() => ring.Submit()).Should().Throw<ObjectDisposedException>();
    }

    internal static Ring Create(Registration kind)
    {
        try
        {
            if (kind == Registration.RegisteredFdOnly)
            {
                return Ring.Builder().SetupNoMmap().SetupRegisteredFdOnly().Build(8);
            }

            var ring = new Ring(8);
            try
            {
                ring.Submitter.RegisterRingFd();
            }
            catch
            {
                ring.Dispose();
                throw;
            }

            return ring;
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, kind.ToString());
            throw;
        }
    }

    // io_uring_enter through the calling thread's registered-ring slot, submitting and waiting for nothing:
    // 0 when the slot holds a ring, -EBADF when it is empty.
    internal static unsafe int EnterSlot(int slot) => Syscalls.io_uring_enter(slot, 0, 0, IORING_ENTER_REGISTERED_RING, null, 0);

    // r1 on a fresh thread A and r2 on a fresh thread B, both registered in slot 0 of their own thread's table;
    // both disposed afterwards on their owners (a second Dispose does nothing).
    private static void WithRingsOnTwoThreads(Registration kind, Action<DedicatedThread, DedicatedThread, Ring, Ring> body)
    {
        using var threadA = new DedicatedThread("owner A");
        using var threadB = new DedicatedThread("thread B");
        Ring r1 = threadA.Run(() => Create(kind));
        Ring r2 = threadB.Run(() => Create(kind));
        try
        {
            body(threadA, threadB, r1, r2);
        }
        finally
        {
            threadA.Run(r1.Dispose);
            threadB.Run(r2.Dispose);
        }
    }

    private static ulong WaitForCompletion(Ring ring)
    {
        var clock = Stopwatch.StartNew();
        CompletionEntry cqe;
        while (!ring.CompletionQueue.TryDequeue(out cqe))
        {
            clock.Elapsed.Should().BeLessThan(Progress.Stall, "the NOP was submitted to this ring (one NOP takes microseconds: a minute means lost, not slow)");
            Thread.Sleep(1);
        }

        return cqe.UserData;
    }
}
