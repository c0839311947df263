using System;
using System.Diagnostics;
using System.Threading;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>The split parts used from two threads: one producer, one consumer (the queues' documented concurrency).</summary>
public class SplitTests
{
    [Theory]
    [InlineData(RingShapes.Default)]
    [InlineData(RingShapes.SqPoll)]
    public void Producer_and_consumer_threads_see_every_completion_once(string shape)
    {
        const int total = 200_000;
        using Ring ring = RingShapes.Create(shape, 64);
        (Submitter submitter, SubmissionQueue sq, CompletionQueue cq) = ring.Split();
        bool[] seen = new bool[total];
        int duplicates = 0;
        int received = 0;
        // Bounded by progress, not wall time: under load the 200,000 round trips may take minutes, but a count that
        // stands still for a minute is a hang.
        var consumerClock = new StallClock(() => Volatile.Read(ref received));
        var producerClock = new StallClock(() => Volatile.Read(ref received));

        var consumer = new Thread(() =>
        {
            while (Volatile.Read(ref received) < total && !consumerClock.Stalled)
            {
                while (cq.TryDequeue(out CompletionEntry cqe))
                {
                    if (seen[cqe.UserData])
                    {
                        duplicates++;
                    }

                    seen[cqe.UserData] = true;
                    Interlocked.Increment(ref received);
                }

                Thread.Yield();
            }
        });
        consumer.Start();

        for (int i = 0; i < total; i++)
        {
            while (!sq.TryPush(Nops.Make((ulong)i)))
            {
                submitter.Submit();
                producerClock.Stalled.Should().BeFalse("the kernel consumes submitted entries");
            }

            if (i % 32 == 31)
            {
                submitter.Submit();
            }
        }

        // Keep entering: it submits the rest and, while the CQ is overflowed, flushes the kept completions.
        while (Volatile.Read(ref received) < total && !producerClock.Stalled)
        {
            submitter.Submit();
            Thread.Yield();
        }

        consumer.Join();
        received.Should().Be(total);
        duplicates.Should().Be(0);
        seen.Should().OnlyContain(x => x);
    }
}
