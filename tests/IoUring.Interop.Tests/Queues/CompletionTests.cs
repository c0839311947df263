using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>The completion queue (the Rust crate's cqueue.rs).</summary>
public class CompletionTests
{
    [Theory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Fill_peek_and_foreach_take_entries_in_order(string shape)
    {
        using Ring ring = RingShapes.Create(shape, 16);
        Push(ring, 0, 12);
        ring.SubmitAndWait(12);
        WaitForCompletions(ring, 12);
        CompletionQueue cq = ring.CompletionQueue;

        cq.Count.Should().Be(12);
        cq.TryPeek(out CompletionEntry peeked).Should().BeTrue();
        peeked.UserData.Should().Be(0);
        cq.Count.Should().Be(12, "peek does not take");

        Span<CompletionEntry> buffer = stackalloc CompletionEntry[5];
        cq.Fill(buffer).Should().Be(5);
        for (int i = 0; i < 5; i++)
        {
            buffer[i].UserData.Should().Be((ulong)i);
        }

        var rest = new List<ulong>();
        foreach (CompletionEntry cqe in cq)
        {
            cqe.Result.Should().Be(0);
            rest.Add(cqe.UserData);
        }

        rest.Should().Equal(5UL, 6UL, 7UL, 8UL, 9UL, 10UL, 11UL);
        cq.Count.Should().Be(0);
        cq.Fill(buffer).Should().Be(0);
    }

    [Fact]
    public void Cqe32_ring_steps_32_bytes()
    {
        using Ring ring = Ring.Builder().SetupCqe32().Build(8);
        CompletionQueue cq = ring.CompletionQueue;
        cq.IsCqe32.Should().BeTrue();

        // Several laps of the 16-entry queue, alternating both dequeue forms.
        ulong next = 0;
        for (int lap = 0; lap < 5; lap++)
        {
            Push(ring, next, 8);
            ring.SubmitAndWait(8);
            for (int i = 0; i < 8; i++, next++)
            {
                if (i % 2 == 0)
                {
                    cq.TryDequeue32(out CompletionEntry32 big).Should().BeTrue();
                    big.UserData.Should().Be(next);
                    big.BigCqe.Length.Should().Be(2);
                    big.ToCompletionEntry().UserData.Should().Be(next);
                }
                else
                {
                    cq.TryDequeue(out CompletionEntry small).Should().BeTrue();
                    small.UserData.Should().Be(next);
                }
            }

            cq.TryDequeue(out CompletionEntry _).Should().BeFalse();
        }
    }

    [Fact]
    public void Eventfd_disabled_toggles_the_cq_flag()
    {
        using Ring ring = new(4);
        CompletionQueue cq = ring.CompletionQueue;

        cq.EventfdDisabled.Should().BeFalse();
        cq.EventfdDisabled = true;
        cq.EventfdDisabled.Should().BeTrue();
        cq.EventfdDisabled = false;
        cq.EventfdDisabled.Should().BeFalse();
    }

    [Fact]
    public void Completion_flags_decode()
    {
        using Ring ring = new(4);
        RingTests.RoundTrip(ring, 5);
        Push(ring, 6, 1);
        ring.SubmitAndWait(1);
        ring.CompletionQueue.TryDequeue(out CompletionEntry cqe).Should().BeTrue();

        cqe.BufferId.Should().BeNull();
        cqe.HasMore.Should().BeFalse();
        cqe.IsNotification.Should().BeFalse();
        cqe.ToString().Should().Contain("UserData = 0x6");
    }

    internal static void Push(Ring ring, ulong firstUserData, int count)
    {
        for (int i = 0; i < count; i++)
        {
            ring.SubmissionQueue.TryPush(Nops.Make(firstUserData + (ulong)i)).Should().BeTrue();
        }
    }

    /// <summary>Waits (without system calls) until <paramref name="count"/> completions are visible; SQPOLL posts them asynchronously.</summary>
    internal static void WaitForCompletions(Ring ring, int count)
    {
        Progress.SpinUntil(() => ring.CompletionQueue.Count >= count, () => ring.CompletionQueue.Count, $"{count} completions should arrive");
    }

    /// <summary>Waits until <paramref name="count"/> completions are visible, entering the kernel to wait for them.</summary>
    internal static void WaitForCompletionsEntering(Ring ring, int count)
    {
        Progress.SpinUntil(() => ring.CompletionQueue.Count >= count, () => ring.CompletionQueue.Count, $"{count} completions should arrive",
            () => ring.SubmitAndWait(count - ring.CompletionQueue.Count));
    }

    internal static List<ulong> DrainUserData(Ring ring)
    {
        var seen = new List<ulong>();
        while (ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
        {
            cqe.Result.Should().Be(0);
            seen.Add(cqe.UserData);
        }

        return seen;
    }
}
