using IoUring.Interop;

namespace IoUring.Benchmarks.Suites;

internal static class Reap
{
    /// <summary>Dequeues every completion there is and returns how many.</summary>
    public static int All(CompletionQueue cq)
    {
        int n = 0;
        while (cq.TryDequeue(out CompletionEntry _))
        {
            n++;
        }

        return n;
    }
}
