using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using IoUring.Interop.Reliability.Child;
using Xunit;

namespace IoUring.Interop.Reliability.Lifecycle;

/// <summary>Rings of every shape created and released in bulk, on several threads, disposed on other threads and
/// dropped for the finalizer: fds, mappings, SQPOLL threads and memory return to the baseline (issue 9, "Lifecycle").</summary>
[Trait("Category", "Soak")]
public sealed class LifecycleTests
{
    private const int Threads = 4;

    // Short mode: rings per shape and test. SQPOLL rings each start a kernel thread; keep the total in the hundreds.
    private const int ShortRingsPerShape = 16;

    // Per thread in the finalizer test: above the kernel's 16 registered rings per thread (IO_RINGFD_REG_MAX), on
    // two threads.
    private const int DroppedPerThread = 20;
    private const int DroppingThreads = 2;

    // Resident memory may grow with the GC heap and the allocator's caches; a leak of ring memory (each ring maps
    // tens of KiB and more) over hundreds of rings per round is far above this.
    private const long RssSlackKiB = 48 * 1024;

    // The runtime's own anonymous mappings come and go with the GC (up to +14 seen between two rounds); a NO_MMAP ring
    // leaks two (its rings and its SQEs), so 16 leaked rings are above this.
    private const int MappingSlack = 24;

    [Theory]
    [MemberData(nameof(LifecycleShapes.PlainNames), MemberType = typeof(LifecycleShapes))]
    public void Rings_created_and_disposed_on_several_threads_leave_nothing(string shapeName) =>
        Churn(shapeName, (ring, _) => ring.Dispose());

    [Theory]
    [MemberData(nameof(LifecycleShapes.PlainNames), MemberType = typeof(LifecycleShapes))]
    public void Rings_disposed_on_another_thread_leave_nothing(string shapeName) => ChurnHandedOver(shapeName);

    [Theory]
    [MemberData(nameof(LifecycleShapes.PlainNames), MemberType = typeof(LifecycleShapes))]
    public void Rings_dropped_for_the_finalizer_leave_nothing(string shapeName) => ChurnDropped(shapeName);

    /// <summary>Known defect (issue 9, #2/#3): the registered-ring table is per thread.</summary>
    [Theory]
    [Trait("KnownDefect", "issue9-2")]
    [MemberData(nameof(LifecycleShapes.RegisteredNames), MemberType = typeof(LifecycleShapes))]
    public void Registered_rings_created_and_disposed_on_several_threads_leave_nothing(string shapeName) =>
        Churn(shapeName, (ring, _) => ring.Dispose());

    /// <summary>Known defect (issue 9, #2): disposing a registered ring on a foreign thread unregisters that thread's slot.</summary>
    [Theory]
    [Trait("KnownDefect", "issue9-2")]
    [MemberData(nameof(LifecycleShapes.RegisteredNames), MemberType = typeof(LifecycleShapes))]
    public void Registered_rings_disposed_on_another_thread_leave_nothing(string shapeName) => ChurnHandedOver(shapeName);

    /// <summary>Known defect (issue 9, #3): finalizers leak REGISTERED_FD_ONLY and RegisterRingFd rings.</summary>
    [Theory]
    [Trait("KnownDefect", "issue9-3")]
    [MemberData(nameof(LifecycleShapes.RegisteredNames), MemberType = typeof(LifecycleShapes))]
    public void Registered_rings_dropped_for_the_finalizer_leave_nothing(string shapeName) => ChurnDropped(shapeName);

    // Each of Threads threads creates rings, checks each with a NOP round trip and hands it to release.
    private static void Churn(string shapeName, Action<Ring, int> release)
    {
        Shape shape = LifecycleShapes.Named(shapeName);
        SkipUnlessShapeWorks(shape);
        Measure(shapeName, () => RunOnThreads(thread =>
        {
            for (int i = 0; i < ShortRingsPerShape / Threads; i++)
            {
                Ring ring = LifecycleShapes.Create(shape);
                RingCheck.NopRoundTrip(ring);
                release(ring, thread);
            }
        }));
    }

    // Creators on Threads threads; one disposer thread disposes every ring they made, while they keep creating.
    private static void ChurnHandedOver(string shapeName)
    {
        Shape shape = LifecycleShapes.Named(shapeName);
        SkipUnlessShapeWorks(shape);
        Measure(shapeName, () =>
        {
            using var handOver = new BlockingCollection<Ring>();
            Exception? disposerFailure = null;
            var disposer = new Thread(() =>
            {
                try
                {
                    // The disposer's own ring: registered rings of one thread share that thread's table, so a foreign
                    // Dispose that unregisters by index in the calling thread's table breaks this one (issue 9, #2).
                    using Ring canary = LifecycleShapes.Create(shape);
                    foreach (Ring ring in handOver.GetConsumingEnumerable())
                    {
                        ring.Dispose();
                        RingCheck.NopRoundTrip(canary);
                    }
                }
                catch (Exception e)
                {
                    disposerFailure = e;
                }
            }) { Name = "lifecycle-disposer" };
            disposer.Start();
            try
            {
                RunOnThreads(_ =>
                {
                    // Alternating: a ring this thread still uses after one of its siblings went to the disposer, so a
                    // foreign Dispose that touches this thread's state shows up in the round trip.
                    Ring? kept = null;
                    for (int i = 0; i < ShortRingsPerShape / Threads; i++)
                    {
                        Ring ring = LifecycleShapes.Create(shape);
                        RingCheck.NopRoundTrip(ring);
                        if (kept is not null)
                        {
                            RingCheck.NopRoundTrip(kept);
                            handOver.Add(kept);
                        }

                        kept = ring;
                    }

                    if (kept is not null)
                    {
                        RingCheck.NopRoundTrip(kept);
                        handOver.Add(kept);
                    }
                });
            }
            finally
            {
                handOver.CompleteAdding();
                disposer.Join();
            }

            if (disposerFailure is not null)
            {
                throw new InvalidOperationException("Dispose on the disposer thread threw.", disposerFailure);
            }
        });
    }

    // Rings made on Threads threads and never disposed: the GC's finalizer thread releases them.
    private static void ChurnDropped(string shapeName)
    {
        Shape shape = LifecycleShapes.Named(shapeName);
        SkipUnlessShapeWorks(shape);
        Measure(shapeName, () =>
        {
            RunOnThreads(DroppingThreads, _ =>
            {
                // More rings per thread than a thread's registered-ring table holds (16), collected as they go: a
                // finalizer that does not free the slot makes a later creation on the same thread fail with EBUSY.
                for (int i = 0; i < DroppedPerThread; i++)
                {
                    CreateAndDrop(shape);
                    if (i % 4 == 3)
                    {
                        CollectFinalizers();
                    }
                }
            });
            CollectFinalizers();
        });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateAndDrop(Shape shape)
    {
        Ring ring = LifecycleShapes.Create(shape);
        RingCheck.NopRoundTrip(ring);
    }

    private static void CollectFinalizers()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    // Runs round until the mode's budget is spent (short: one round; long: rounds until IOURING_SOAK_SECONDS), then
    // requires the census back at the baseline taken after a warm-up round.
    private static void Measure(string shapeName, Action round)
    {
        Output(Knobs.ReplayLine($"lifecycle {shapeName}"));
        round(); // warm-up: the runtime's own first-use allocations (thread pool, JIT) are not leaks
        CollectFinalizers();
        ProcessCensus baseline = ProcessCensus.Settle(ProcessCensus.Take(), TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        int rounds = 0;
        do
        {
            round();
            rounds++;
        }
        while (Knobs.LongRun is { } limit && clock.Elapsed < limit);

        CollectFinalizers();
        ProcessCensus after = ProcessCensus.Settle(baseline, TimeSpan.FromSeconds(10));
        Output($"lifecycle {shapeName}: {rounds} rounds x {ShortRingsPerShape} rings in {clock.Elapsed.TotalSeconds:0.0}s");
        Output($"  before: {baseline}");
        Output($"  after:  {after}");
        Assert.True(after.RingFds <= baseline.RingFds, $"ring fds leaked: {baseline} -> {after}");
        Assert.True(after.Fds <= baseline.Fds, $"fds leaked: {baseline} -> {after}");
        Assert.True(after.RingMappings <= baseline.RingMappings, $"ring mappings leaked: {baseline} -> {after}");
        // NO_MMAP rings live in anonymous mappings, indistinguishable from the runtime's own (see MappingSlack).
        Assert.True(after.Mappings <= baseline.Mappings + MappingSlack, $"mappings leaked: {baseline} -> {after}");
        Assert.True(after.SqPollThreads <= baseline.SqPollThreads, $"SQPOLL threads leaked: {baseline} -> {after}");
        Assert.True(after.RssKiB <= baseline.RssKiB + RssSlackKiB, $"resident memory grew by more than {RssSlackKiB} KiB: {baseline} -> {after}");
    }

    private static void RunOnThreads(Action<int> body) => RunOnThreads(Threads, body);

    private static void RunOnThreads(int count, Action<int> body) =>
        Workers.RunAll(Enumerable.Range(0, count).Select(i => ($"lifecycle-{i}", (Action)(() => body(i)))).ToArray());

    private static void SkipUnlessShapeWorks(Shape shape)
    {
        using Ring probe = LifecycleShapes.Create(shape);
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
