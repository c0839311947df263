using System;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Issue 9, defect 4: a queue view taken before ResizeRings wrote into the old (unmapped) memory; a later Submit
/// with nothing queued submitted garbage. Stale views, and views of a disposed ring, must throw instead.</summary>
public sealed class StaleQueueViewAfterResizeTests
{
    [Fact]
    public void Views_taken_before_a_resize_throw_and_the_new_views_work()
    {
        using Ring ring = Resizable(8);
        SubmissionQueue staleSq = ring.SubmissionQueue;
        CompletionQueue staleCq = ring.CompletionQueue;

        Resize(ring, 64, 128);

        FluentActions.Invoking(() => staleSq.TryPush(Nops.Make(1))).Should().Throw<ObjectDisposedException>()
            .WithMessage("*ResizeRings*");
        FluentActions.Invoking(() => staleSq.Count).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => staleCq.TryDequeue(out CompletionEntry _)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => staleCq.Count).Should().Throw<ObjectDisposedException>();

        ring.Submit().Should().Be(0, "nothing was queued through the stale view");
        ring.CompletionQueue.TryDequeue(out CompletionEntry _).Should().BeFalse();

        ring.SubmissionQueue.Should().NotBeSameAs(staleSq);
        ring.SubmissionQueue.Capacity.Should().Be(64);
        Nops.RoundTrip(ring, 2).Should().Be(2UL);
    }

    [Fact]
    public void Views_of_a_disposed_ring_throw()
    {
        Ring ring = new(8);
        (Submitter submitter, SubmissionQueue sq, CompletionQueue cq) = ring.Split();
        ring.Dispose();

        FluentActions.Invoking(() => sq.TryPush(Nops.Make(1))).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => cq.TryDequeue(out CompletionEntry _)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => cq.Capacity).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => submitter.Submit()).Should().Throw<ObjectDisposedException>();
    }

    private static Ring Resizable(int entries) => RingShapes.Create(RingShapes.DeferTaskrun, entries);

    private static void Resize(Ring ring, int sq, int cq)
    {
        try
        {
            ring.Submitter.ResizeRings(sq, cq);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_REGISTER_RESIZE_RINGS");
            throw;
        }
    }
}
