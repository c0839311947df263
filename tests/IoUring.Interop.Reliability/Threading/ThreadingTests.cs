using System;
using System.Diagnostics;
using System.Threading;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Reliability.Child;
using Xunit;

namespace IoUring.Interop.Reliability.Threading;

/// <summary>One stress test per pattern docs/threading.md allows, and the refusals it documents.</summary>
[Trait("Category", "Soak")]
public sealed class ThreadingTests
{
    // Short mode: requests per test (a ring per thread: 10,000 each; a shared ring: 3,000, as its two threads and an
    // SQPOLL thread contend for two cores); long mode runs for IOURING_SOAK_SECONDS instead.
    private const int ShortRequests = 40_000;
    private const int ShortSharedRequests = 1_500;
    private const int InFlightCap = 24;

    private static readonly SubmitArgs ShortWait = new SubmitArgs().WithTimeout(TimeSpan.FromMilliseconds(2));

    public static TheoryData<string> SplitShapes => new() { "default", "sqpoll", "defer-taskrun", "coop-taskrun", "cqe32", "no-mmap", "cq8-overflow-nodrop" };

    public static TheoryData<string> SharedRegisterShapes => new() { "default", "sqpoll", "coop-taskrun" };

    /// <summary>Allowed: one ring per thread, any number of threads; rings share nothing.</summary>
    [Theory]
    [InlineData("default")]
    [InlineData("sqpoll")]
    [InlineData("defer-taskrun")]
    public void Rings_on_separate_threads_run_independently(string shapeName)
    {
        Output(Knobs.ReplayLine($"threading separate rings {shapeName}"));
        Shape shape = Shapes.Named(shapeName);
        Shapes.Create(shape, 8).Dispose(); // skips here when the kernel refuses the shape
        long total = 0;
        Workers.RunAll(Array.ConvertAll(new int[4], _ => ("ring-owner", (Action)(() =>
        {
            using Ring ring = shape.Build(16);
            long done = PushSubmitReap(ring, ring, new Random(Knobs.SeedFor("separate/" + Environment.CurrentManagedThreadId)));
            Interlocked.Add(ref total, done);
        }))));
        Output($"separate rings {shapeName}: {total} NOPs accounted on 4 threads");
    }

    /// <summary>Allowed: one thread pushes and submits, another reaps, on the same ring.</summary>
    [Theory]
    [MemberData(nameof(SplitShapes))]
    public void One_submitter_thread_and_one_reaper_thread_share_a_ring(string shapeName) => SubmitterAndReaper(shapeName, registrar: false);

    /// <summary>Allowed: register/unregister calls from a third thread while the submitter and the reaper run.</summary>
    [Theory]
    [MemberData(nameof(SharedRegisterShapes))]
    public void Register_calls_from_a_third_thread_run_beside_submit_and_reap(string shapeName) => SubmitterAndReaper(shapeName, registrar: true);

    /// <summary>Documented refusal: a SINGLE_ISSUER ring's submit and register calls from another thread fail with
    /// EEXIST (the kernel's rule), clearly, and the ring still works on its own thread.</summary>
    [Fact]
    public void Single_issuer_rings_refuse_other_threads_clearly()
    {
        using Ring ring = Shapes.Create(Shapes.Named("defer-taskrun"), 8);
        RingCheck.NopRoundTrip(ring); // the first submit makes this thread the issuer where setup did not
        IoUringException? submitError = null;
        IoUringException? registerError = null;
        Workers.RunAll(("foreign", () =>
        {
            ring.SubmissionQueue.TryPush(new Nop().Build().WithUserData(7));
            submitError = Record(() => ring.Submitter.SubmitAndWait(1));
            registerError = Record(() => ring.Submitter.RegisterFilesSparse(4));
        }));
        Assert.Equal(17, submitError?.Errno); // EEXIST
        Assert.Equal(17, registerError?.Errno);
        RingCheck.NopRoundTrip(ring);
    }

    /// <summary>Allowed: a ring handed from thread to thread with a happens-before edge (a join here; await, a lock or
    /// a queue in real code) — created on one, used on the next, disposed on a third.</summary>
    [Theory]
    [InlineData("default")]
    [InlineData("sqpoll")]
    [InlineData("no-mmap")]
    public void A_ring_handed_from_thread_to_thread_works_and_disposes(string shapeName)
    {
        Shape shape = Shapes.Named(shapeName);
        Shapes.Create(shape, 8).Dispose();
        for (int round = 0; round < 20; round++)
        {
            Ring? ring = null;
            Workers.RunAll(("creator", () => ring = shape.Build(8)));
            Workers.RunAll(("user", () => RingCheck.NopRoundTrip(ring!)));
            Workers.RunAll(("disposer", () => ring!.Dispose()));
            Assert.Throws<ObjectDisposedException>(() => ring!.Submit());
        }
    }

    private static void SubmitterAndReaper(string shapeName, bool registrar)
    {
        Output(Knobs.ReplayLine($"threading submitter+reaper{(registrar ? "+registrar" : "")} {shapeName}"));
        Shape shape = Shapes.Named(shapeName);
        Shapes.Create(shape, 8).Dispose();
        Ring? ring = null;
        long target = Knobs.IsLong ? long.MaxValue : ShortSharedRequests;
        var clock = Stopwatch.StartNew();
        long submitted = 0;
        long reaped = 0;
        long wrong = 0;
        long registrations = 0;
        bool submitterDone = false;
        var seen = new System.Collections.Generic.HashSet<ulong>();

        // The ring is created on the submitter thread: a SINGLE_ISSUER ring belongs to the thread that made it.
        using var created = new ManualResetEventSlim();
        Workers.RunAll(
            ("submitter", () =>
            {
                ring = shape.Build(shape.Entries);
                created.Set();
                var random = new Random(Knobs.SeedFor("split/" + shapeName));
                ulong next = 1;
                while (next <= (ulong)target && (Knobs.LongRun is not { } limit || clock.Elapsed < limit))
                {
                    if (next - 1 - (ulong)Volatile.Read(ref reaped) < InFlightCap &&
                        ring.SubmissionQueue.TryPush(new Nop { InjectResult = (int)(next & 0xFFFF) }.Build().WithUserData(next)))
                    {
                        next++;
                        if (random.Next(4) == 0)
                        {
                            ring.Submitter.TrySubmit(out _);
                        }

                        continue;
                    }

                    // Full or at the cap: submit and wait a little (GETEVENTS also runs DEFER_TASKRUN work and
                    // flushes an overflowed CQ, which only this thread can do for a SINGLE_ISSUER ring).
                    ring.Submitter.TrySubmitWithArgs(1, ShortWait, out _);
                }

                Volatile.Write(ref submitted, (long)next - 1);
                while (Volatile.Read(ref reaped) < (long)next - 1)
                {
                    ring.Submitter.TrySubmitWithArgs(1, ShortWait, out _);
                }

                Volatile.Write(ref submitterDone, true);
            }),
            ("reaper", () =>
            {
                created.Wait();
                var spin = new SpinWait();
                while (!Volatile.Read(ref submitterDone))
                {
                    if (!ring!.CompletionQueue.TryDequeue(out CompletionEntry cqe))
                    {
                        spin.SpinOnce();
                        continue;
                    }

                    if (cqe.Result != (int)(cqe.UserData & 0xFFFF) || !seen.Add(cqe.UserData))
                    {
                        wrong++;
                    }

                    Interlocked.Increment(ref reaped);
                }
            }),
            ("registrar", () =>
            {
                if (!registrar)
                {
                    return;
                }

                created.Wait();
                int[] fd = [-1];
                ring!.Submitter.RegisterFilesSparse(16);
                Probe probe = Probe.For(ring);
                while (!Volatile.Read(ref submitterDone))
                {
                    ushort personality = ring.Submitter.RegisterPersonality();
                    ring.Submitter.UnregisterPersonality(personality);
                    ring.Submitter.RegisterFilesUpdate((int)(registrations % 16), fd);
                    ring.Submitter.RegisterProbe(probe);
                    registrations++;
                }
            }));
        try
        {
            Output($"submitter+reaper {shapeName}: {submitted} submitted, {reaped} reaped, {wrong} wrong, {registrations} register rounds in {clock.Elapsed.TotalSeconds:0.0}s");
            Assert.Equal(0, wrong);
            Assert.Equal(submitted, reaped);
            Assert.Equal(submitted, seen.Count);
            Assert.True(!registrar || registrations > 0, "the registrar never ran");
        }
        finally
        {
            ring?.Dispose();
        }
    }

    // Pushes, submits and reaps NOPs with injected results on one thread; returns how many were accounted.
    private static long PushSubmitReap(Ring ring, Ring check, Random random)
    {
        long target = Knobs.IsLong ? long.MaxValue : ShortRequests / 4;
        var clock = Stopwatch.StartNew();
        ulong next = 1;
        long done = 0;
        while ((long)next <= target && (Knobs.LongRun is not { } limit || clock.Elapsed < limit))
        {
            int batch = random.Next(1, 8);
            for (int i = 0; i < batch; i++, next++)
            {
                if (!ring.SubmissionQueue.TryPush(new Nop { InjectResult = (int)(next & 0xFFFF) }.Build().WithUserData(next)))
                {
                    break;
                }
            }

            ring.SubmitAndWait(1);
            while ((long)done < (long)next - 1)
            {
                if (!ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
                {
                    ring.SubmitAndWait(1);
                    continue;
                }

                done++;
                if (cqe.UserData != (ulong)done || cqe.Result != (int)(cqe.UserData & 0xFFFF))
                {
                    throw new InvalidOperationException($"expected NOP {done}, got {cqe}");
                }
            }
        }

        RingCheck.NopRoundTrip(check);
        return done;
    }

    private static IoUringException? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (IoUringException e)
        {
            return e;
        }
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
