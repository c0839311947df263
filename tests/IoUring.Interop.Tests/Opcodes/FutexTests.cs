using System;
using System.Linq;
using System.Runtime.InteropServices;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Xunit;
using static IoUring.Interop.Tests.Errno;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>Futex wait/wake/waitv through the ring, as in io-uring-test's futex.rs.</summary>
public unsafe class FutexTests : IDisposable
{
    // linux/futex.h: FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, and the match-any bitset.
    private const uint Futex2U32Private = 0x02 | 0x80;
    private const ulong MatchAny = 0xFFFFFFFF;

    private readonly Ring ring = new(16);
    private readonly uint* words = (uint*)NativeMemory.AllocZeroed(16);

    public void Dispose()
    {
        ring.Dispose();
        NativeMemory.Free(words);
    }

    [Fact]
    public void FutexWait_is_woken_by_FutexWake()
    {
        OpcodeRing.RequireOpcode(ring, FutexWait.Code);
        ring.Push(new FutexWait(words, 0, MatchAny, Futex2U32Private).Build().WithUserData(1));
        ring.Submit();
        ring.Drain().Should().BeEmpty("the waiter sleeps until woken");

        var completions = ring.RunAll([new FutexWake(words, 1, MatchAny, Futex2U32Private).Build().WithUserData(2)], expected: 2);

        completions.Single(c => c.UserData == 2).Result.Should().Be(1, "one waiter woken");
        completions.Single(c => c.UserData == 1).Result.Should().Be(0);
    }

    [Fact]
    public void FutexWait_with_a_stale_value_fails_with_eagain()
    {
        OpcodeRing.RequireOpcode(ring, FutexWait.Code);
        words[0] = 5;
        ring.Run(new FutexWait(words, 4, MatchAny, Futex2U32Private).Build()).Result.Should().Be(-EAGAIN);
        ring.Run(new FutexWake(words, 1, MatchAny, Futex2U32Private).Build()).Result.Should().Be(0, "nobody waits");
    }

    [Fact]
    public void FutexWaitV_reports_the_index_of_the_woken_futex()
    {
        OpcodeRing.RequireOpcode(ring, FutexWaitV.Code);
        var vector = stackalloc FutexWaiter[2];
        vector[0] = new FutexWaiter { Value = 0, Address = (ulong)words, Flags = Futex2U32Private };
        vector[1] = new FutexWaiter { Value = 0, Address = (ulong)(words + 1), Flags = Futex2U32Private };
        ring.Push(new FutexWaitV(vector, 2).Build().WithUserData(1));
        ring.Submit();

        var completions = ring.RunAll([new FutexWake(words + 1, 1, MatchAny, Futex2U32Private).Build().WithUserData(2)], expected: 2);

        completions.Single(c => c.UserData == 2).Result.Should().Be(1);
        completions.Single(c => c.UserData == 1).Result.Should().Be(1, "the second futex was woken");
        sizeof(FutexWaiter).Should().Be(24);
    }
}
