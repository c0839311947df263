using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using FluentAssertions;
using Xunit;
using Registration = IoUring.Interop.Tests.ForeignThreadDisposeOfRegisteredRingTests.Registration;

namespace IoUring.Interop.Tests;

/// <summary>Issue 9, defect 3: rings dropped without Dispose leaked their registered-ring slot, so after ten of them
/// only six of sixteen new ones could be made on that thread (EBUSY: a thread's table has 16 slots).</summary>
public sealed class FinalizedRegisteredRingTests
{
    // IO_RINGFD_REG_MAX in io_uring/tctx.h: the slots of one thread's registered-ring table.
    private const int TableSlots = 16;

    [Theory]
    [InlineData(Registration.RegisterRingFd)]
    [InlineData(Registration.RegisteredFdOnly)]
    public void Slots_of_finalized_rings_are_released_on_the_owner_threads_next_ring_call(Registration kind)
    {
        using var owner = new DedicatedThread("owner");
        owner.Run(() => CreateAndDrop(kind, 10));

        // The finalizer thread cannot reach the owner's table: it closes what it can and leaves the slots to the owner.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        int created = owner.Run(() => CreateAsManyAsFit(kind));
        created.Should().Be(TableSlots, "the ten finalized rings' slots were released before the new rings took theirs");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateAndDrop(Registration kind, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _ = ForeignThreadDisposeOfRegisteredRingTests.Create(kind);
        }
    }

    private static int CreateAsManyAsFit(Registration kind)
    {
        var rings = new List<Ring>();
        try
        {
            for (int i = 0; i < TableSlots; i++)
            {
                try
                {
                    rings.Add(ForeignThreadDisposeOfRegisteredRingTests.Create(kind));
                }
                catch (IoUringException e) when (e.Errno == Errno.EBUSY)
                {
                    break;
                }
            }

            return rings.Count;
        }
        finally
        {
            foreach (Ring ring in rings)
            {
                ring.Dispose();
            }
        }
    }
}
