using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace IoUring.Interop.Reliability;

/// <summary>What the process holds right now, from /proc/self: open fds, io_uring fds, mappings, io_uring mappings,
/// threads, SQPOLL threads and resident memory. Compared before and after a lifecycle run to find leaks.</summary>
public readonly record struct ProcessCensus(int Fds, int RingFds, int Mappings, int RingMappings, int Threads, int SqPollThreads, long RssKiB)
{
    /// <summary>Counts now.</summary>
    public static ProcessCensus Take()
    {
        string[] fds = Directory.GetFiles("/proc/self/fd");
        int ringFds = fds.Count(fd => LinkTarget(fd) == "anon_inode:[io_uring]");
        string[] maps = File.ReadAllLines("/proc/self/maps");

        // The kernel names mappings of a ring fd after its anon inode; NO_MMAP rings are anonymous memory the
        // library maps, counted in Mappings only.
        int ringMaps = maps.Count(line => line.Contains("anon_inode:[io_uring]", StringComparison.Ordinal));
        string[] tasks = Directory.GetDirectories("/proc/self/task");

        // SQPOLL threads are io_uring's own kernel threads inside the process, named iou-sqp-<pid>.
        int sqPoll = tasks.Count(task => ReadComm(task).StartsWith("iou-sqp", StringComparison.Ordinal));
        return new ProcessCensus(fds.Length, ringFds, maps.Length, ringMaps, tasks.Length, sqPoll, ReadRss());
    }

    /// <summary>Waits (bounded) until the ring-specific counts drop to <paramref name="baseline"/>'s: SQPOLL threads
    /// exit and ring files are released asynchronously by the kernel after the last close.</summary>
    public static ProcessCensus Settle(ProcessCensus baseline, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        ProcessCensus now = Take();
        while (DateTime.UtcNow < deadline && (now.RingFds > baseline.RingFds || now.RingMappings > baseline.RingMappings ||
                                              now.SqPollThreads > baseline.SqPollThreads || now.Fds > baseline.Fds))
        {
            System.Threading.Thread.Sleep(20);
            now = Take();
        }

        return now;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"fds {Fds} (rings {RingFds}), mappings {Mappings} (rings {RingMappings}), threads {Threads} (sqpoll {SqPollThreads}), rss {RssKiB} KiB");

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null; // the fd closed while we looked (the directory listing's own fd, a racing close)
        }
    }

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

    private static long ReadRss()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
