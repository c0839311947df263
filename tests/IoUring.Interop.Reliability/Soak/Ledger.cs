using System.Collections.Generic;
using System.Globalization;

namespace IoUring.Interop.Reliability.Soak;

/// <summary>Accounts for every user_data exactly once: each queued request has an <see cref="Expectation"/>; each
/// completion must match a pending one and carry an allowed result; what is still pending at the end is lost.</summary>
public sealed class Ledger
{
    private const int KeptFailures = 20;

    private readonly Dictionary<ulong, (Expectation Expect, int Seen)> _pending = new();
    private readonly List<string> _failures = new();
    private ulong _nextUserData = 1;

    /// <summary>Completions accounted (each F_MORE completion counts).</summary>
    public long Completions { get; private set; }

    /// <summary>Requests finished (their final completion arrived).</summary>
    public long Finished { get; private set; }

    /// <summary>Completions for a user_data that had already finished.</summary>
    public long Duplicated { get; private set; }

    /// <summary>Completions with a result, flag or shot count other than the expected one, or for a user_data never issued; plus data mismatches the driver reports.</summary>
    public long Wrong { get; private set; }

    /// <summary>Requests issued and not (yet) finished.</summary>
    public int Pending => _pending.Count;

    /// <summary>The first failures, described.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Issues a fresh user_data for a request with <paramref name="expect"/>.</summary>
    public ulong Issue(in Expectation expect)
    {
        ulong userData = _nextUserData++;
        _pending.Add(userData, (expect, 0));
        return userData;
    }

    /// <summary>Takes back a user_data whose entry could not be queued.</summary>
    public void Withdraw(ulong userData) => _pending.Remove(userData);

    /// <summary>Accounts one completion; returns the group of a request that just finished, else -1.</summary>
    public int Complete(in CompletionEntry cqe)
    {
        Completions++;
        ulong userData = cqe.UserData;
        if (!_pending.TryGetValue(userData, out var entry))
        {
            if (userData != 0 && userData < _nextUserData)
            {
                Duplicated++;
                Note($"duplicate completion {cqe}");
            }
            else
            {
                Fail($"completion for a user_data never issued: {cqe}");
            }

            return -1;
        }

        Expectation expect = entry.Expect;
        int seen = entry.Seen + 1;
        if (cqe.HasMore)
        {
            if (expect.Kind == Shots.Single)
            {
                Fail($"{expect.What}: F_MORE on a single-shot request: {cqe}");
            }
            else if (!expect.AcceptsMore(cqe.Result))
            {
                Fail($"{expect.What}: F_MORE completion #{seen} result {cqe.Result}, expected {Describe(expect, more: true)}: {cqe}");
            }
            else if (expect.Kind == Shots.Counted && seen >= expect.Count)
            {
                Fail($"{expect.What}: completion #{seen} of {expect.Count} still has F_MORE: {cqe}");
            }

            _pending[userData] = (expect, seen);
            return -1;
        }

        _pending.Remove(userData);
        Finished++;
        if (!expect.AcceptsFinal(cqe.Result))
        {
            Fail($"{expect.What}: result {cqe.Result}, expected {Describe(expect, more: false)}: {cqe}");
        }
        else if (expect.Kind == Shots.Counted && seen != expect.Count && !(expect.MayEndEarly && seen < expect.Count))
        {
            Fail($"{expect.What}: {seen} completions, expected {expect.Count}: {cqe}");
        }

        return expect.Group;
    }

    /// <summary>Counts a wrong outcome found outside the completion itself (e.g. bytes read back differ).</summary>
    public void Fail(string failure)
    {
        Wrong++;
        Note(failure);
    }

    /// <summary>Describes the requests still pending (the lost ones, at the end).</summary>
    public IEnumerable<string> DescribePending()
    {
        foreach (var (userData, entry) in _pending)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"user_data {userData}: {entry.Expect.What} ({entry.Seen} completions seen)");
        }
    }

    private void Note(string failure)
    {
        if (_failures.Count < KeptFailures)
        {
            _failures.Add(failure);
        }
    }

    private static string Describe(in Expectation e, bool more) =>
        more
            ? e.MorePollIn ? "a POLLIN mask" : e.MoreResult.ToString(CultureInfo.InvariantCulture)
            : e.Result.ToString(CultureInfo.InvariantCulture) +
              (e.Alternative != int.MinValue ? " or " + e.Alternative.ToString(CultureInfo.InvariantCulture) : "") +
              (e.PollIn ? " or a POLLIN mask" : "");
}
