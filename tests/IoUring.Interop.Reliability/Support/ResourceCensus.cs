using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace IoUring.Interop.Reliability;

/// <summary>What an async check must give back after <c>DisposeAsync</c>: open fds, threads other than the runtime's
/// own, GC handles and pinned objects.</summary>
/// <param name="Fds">Entries of /proc/self/fd, less the runtime's own module files (an assembly or native library
/// the runtime loads on first use, or a symbol file it opens for a stack trace, keeps an fd open for the process's
/// life: loading one is not a leak).</param>
/// <param name="Threads">Entries of /proc/self/task whose name does not start with ".NET " (the runtime names its
/// thread-pool workers, gate, timer and tiering threads so; the pool grows and shrinks with load on its own). Engine
/// threads, io_uring's kernel workers (iou-wrk-, iou-sqp-) and unnamed threads are counted.</param>
/// <param name="PoolThreads">The thread pool's thread count (only to size the GC-handle slack).</param>
/// <param name="GcHandles">The runtime's GC handle count after a full collection, or -1 if unmeasured.</param>
/// <param name="Pinned">Objects the last full collection found pinned, or -1 if unmeasured.</param>
public readonly record struct ResourceCensus(int Fds, int Threads, int PoolThreads, long GcHandles, long Pinned)
{
    /// <summary>Counts now (with two full collections for the GC counts).</summary>
    public static ResourceCensus Take()
    {
        (long Handles, long Pinned)? gc = GcHandleCensus.Instance.Take(TimeSpan.FromSeconds(10));
        int threads = Directory.GetDirectories("/proc/self/task").Count(task => !IsProcessWide(ReadComm(task)));
        return new ResourceCensus(FdTargets().Count(target => !IsRuntimeModule(target)), threads, ThreadPool.ThreadCount, gc?.Handles ?? -1, gc?.Pinned ?? -1);
    }

    /// <summary>What is above <paramref name="baseline"/>, after waiting (bounded) for the counts to come back: threads
    /// and io_uring workers end asynchronously after the last close.</summary>
    /// <remarks>GC handles get a slack of 16 plus 4 per thread-pool thread started meanwhile (each managed thread holds
    /// a few handles of its own); a leak per operation would be thousands. Pinned objects get a slack of 4 (the
    /// runtime pins a few objects of its own, e.g. during a socket operation of another component).</remarks>
    public static IReadOnlyList<string> Leaks(ResourceCensus baseline, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            ResourceCensus now = Take();
            var leaks = new List<string>();
            // By count, and by name: a file that was not open at the baseline and still is (a close elsewhere in the
            // process at the same time would hide a leak from the count alone).
            bool freshFile = BaselineTargets is { } before && FdTargets().Any(t => t.StartsWith('/') && !IsRuntimeModule(t) && !before.Contains(t));
            if (now.Fds > baseline.Fds || freshFile)
            {
                leaks.Add(Describe("fds", baseline.Fds, now.Fds) + " " + string.Join(", ", FdTargets().Where(t => !IsRuntimeModule(t)).Except(BaselineTargets ?? []).Take(8)));
            }

            if (now.Threads > baseline.Threads)
            {
                leaks.Add(Describe("threads", baseline.Threads, now.Threads) + " " + string.Join(", ", ThreadNames().Take(12)));
            }

            long handleSlack = 16 + (4L * Math.Max(0, now.PoolThreads - baseline.PoolThreads));
            if (baseline.GcHandles >= 0 && now.GcHandles > baseline.GcHandles + handleSlack)
            {
                leaks.Add(Describe("GC handles", baseline.GcHandles, now.GcHandles) + $" (slack {handleSlack})");
            }

            if (baseline.Pinned >= 0 && now.Pinned > baseline.Pinned + 4)
            {
                leaks.Add(Describe("pinned objects", baseline.Pinned, now.Pinned) + " (slack 4)");
            }

            if (leaks.Count == 0 || DateTime.UtcNow > deadline)
            {
                return leaks;
            }

            Thread.Sleep(100);
        }
    }

    // The runtime's own threads (".NET ...": pool workers, gate, timer, tiering; the pool grows and shrinks on its own)
    // and the async layer's process-wide reactor threads ("io_uring reactor standby N", "io_uring reactor watchdog";
    // comm keeps 15 characters): a standby thread never exits, since the kernel cancels the requests of a thread that
    // exits, and their number is bounded by the hand-offs that were ever at the same time.
    private static bool IsProcessWide(string comm) =>
        comm.StartsWith(".NET ", StringComparison.Ordinal) || comm.StartsWith("io_uring reacto", StringComparison.Ordinal);

    /// <summary>The fd targets at the baseline, to name the new ones in a leak report.</summary>
    public static HashSet<string>? BaselineTargets { get; set; }

    private static bool IsRuntimeModule(string target) =>
        target.EndsWith(".dll", StringComparison.Ordinal) || target.EndsWith(".pdb", StringComparison.Ordinal) || target.EndsWith(".so", StringComparison.Ordinal) || target.Contains(".so.", StringComparison.Ordinal);

    /// <summary>Each open fd's target (a path, socket:[inode], anon_inode:[io_uring]...).</summary>
    public static IEnumerable<string> FdTargets() =>
        Directory.GetFiles("/proc/self/fd").Select(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget ?? "?";
            }
            catch (IOException)
            {
                return "?";
            }
        });

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"fds {Fds}, threads {Threads} (+{PoolThreads} pool), GC handles {(GcHandles >= 0 ? GcHandles.ToString(CultureInfo.InvariantCulture) : "unmeasured")}, pinned {(Pinned >= 0 ? Pinned.ToString(CultureInfo.InvariantCulture) : "unmeasured")}");

    private static string Describe(string what, long before, long after) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} {before} -> {after} (+{after - before})");

    private static IEnumerable<string> ThreadNames() =>
        Directory.GetDirectories("/proc/self/task").Select(ReadComm).Where(name => !IsProcessWide(name));

    private static string ReadComm(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).Trim();
        }
        catch (IOException)
        {
            return string.Empty; // the thread exited while we looked
        }
    }
}
