using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace IoUring.Interop.Reliability.AsyncSoak;

/// <summary>Accounts for every await of the async soak: each one begins once and must end exactly once.</summary>
/// <remarks>An await that never ends is lost (a completion the engine dropped); one that ends twice is duplicated (a
/// pooled operation completed twice would surface here or, when the second completion lands on the next user of the
/// pooled source, as a wrong result: every result is checked). Thread-safe: workers on every thread report here.</remarks>
public sealed class AwaitLedger
{
    private const int KeptFailures = 20;
    private readonly ConcurrentDictionary<long, string> _open = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private long _next;
    private long _ended;
    private long _duplicated;
    private long _wrong;

    /// <summary>Awaits begun.</summary>
    public long Begun => Interlocked.Read(ref _next);

    /// <summary>Awaits ended (once).</summary>
    public long Ended => Interlocked.Read(ref _ended);

    /// <summary>Awaits that ended a second time.</summary>
    public long Duplicated => Interlocked.Read(ref _duplicated);

    /// <summary>Wrong results: bytes that differ, an unexpected result or exception.</summary>
    public long Wrong => Interlocked.Read(ref _wrong);

    /// <summary>Awaits begun and not ended (lost, once the run is over).</summary>
    public int Open => _open.Count;

    /// <summary>What moves whenever an await ends: the watchdog's progress counter.</summary>
    public long Progress => Ended + Duplicated;

    /// <summary>The first failures, described.</summary>
    public IReadOnlyList<string> Failures => _failures.ToArray();

    /// <summary>Records the start of an await; returns its id.</summary>
    public long Begin(string what)
    {
        long id = Interlocked.Increment(ref _next);
        _open[id] = what;
        return id;
    }

    /// <summary>Records the end of await <paramref name="id"/>.</summary>
    public void End(long id)
    {
        if (_open.TryRemove(id, out _))
        {
            Interlocked.Increment(ref _ended);
        }
        else
        {
            Interlocked.Increment(ref _duplicated);
            Note($"await #{id} ended a second time");
        }
    }

    /// <summary>Counts a wrong outcome.</summary>
    public void Fail(string failure)
    {
        Interlocked.Increment(ref _wrong);
        Note(failure);
    }

    /// <summary>The awaits still open, described (the lost ones, at the end).</summary>
    public string DescribeOpen(int max = 12) =>
        string.Join("\n", _open.Take(max).Select(pair => $"  open await #{pair.Key}: {pair.Value}"));

    private void Note(string failure)
    {
        if (_failures.Count < KeptFailures)
        {
            _failures.Enqueue(failure);
        }
    }
}
