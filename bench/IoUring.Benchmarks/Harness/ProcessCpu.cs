using System.Runtime.InteropServices;

namespace IoUring.Benchmarks.Harness;

/// <summary>The process's CPU time (all threads, user + system), the clock the C twin's <c>bench_cpu_now</c> reads.</summary>
/// <remarks>Ops per CPU-second is a per-core figure: it counts the cores an engine keeps busy (RandomAccess async uses
/// several) and is disturbed less than wall time when other work shares the machine.</remarks>
internal static partial class ProcessCpu
{
    private const int CLOCK_PROCESS_CPUTIME_ID = 2;

    public static unsafe double Now()
    {
        Timespec ts;
        _ = clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return ts.Seconds + ts.Nanoseconds * 1e-9;
    }

    [LibraryImport("libc")]
    private static unsafe partial int clock_gettime(int clock, Timespec* ts);

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
