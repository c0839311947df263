using IoUring.Interop.Reliability.Child;

namespace IoUring.Interop.Reliability.Soak;

/// <summary>How many completions a request posts (io_uring(7): a multishot request posts CQEs with F_MORE while it
/// stays armed, then exactly one without).</summary>
public enum Shots
{
    /// <summary>Exactly one completion, never with F_MORE.</summary>
    Single,

    /// <summary>Exactly <see cref="Expectation.Count"/> completions (a multishot timeout with a shot count); fewer are
    /// allowed where <see cref="Expectation.MayEndEarly"/> (the kernel ends a multishot request whose CQE overflows).</summary>
    Counted,

    /// <summary>Any number of F_MORE completions, then one final one (multishot poll until cancelled).</summary>
    Open,
}

/// <summary>The result a request must complete with, computed from its kind when it is queued.</summary>
/// <param name="Group">The group (slot) the request belongs to.</param>
/// <param name="What">The request kind, for failure messages.</param>
/// <param name="Result">The final completion's result.</param>
/// <param name="Alternative">A second allowed final result where the kernel documents a race (int.MinValue: none).</param>
/// <param name="PollIn">The final result may instead be a poll mask holding POLLIN.</param>
/// <param name="Kind">Single or multishot.</param>
/// <param name="Count">The number of completions of a <see cref="Shots.Counted"/> request.</param>
/// <param name="MoreResult">What every F_MORE completion carries: a result, or (<see cref="MorePollIn"/>) a POLLIN mask.</param>
/// <param name="MorePollIn">F_MORE completions carry a poll mask holding POLLIN.</param>
/// <param name="MayEndEarly">The ring may overflow, which ends multishot requests early (with their last result).</param>
public readonly record struct Expectation(
    int Group, string What, int Result, int Alternative = int.MinValue, bool PollIn = false, Shots Kind = Shots.Single,
    int Count = 1, int MoreResult = 0, bool MorePollIn = false, bool MayEndEarly = false)
{
    /// <summary>Whether <paramref name="result"/> is an allowed final result.</summary>
    public bool AcceptsFinal(int result) =>
        result == Result || result == Alternative || (PollIn && result >= 0 && (result & Posix.POLLIN) != 0) ||
        (MayEndEarly && Kind != Shots.Single && AcceptsMore(result));

    /// <summary>Whether <paramref name="result"/> is an allowed F_MORE result.</summary>
    public bool AcceptsMore(int result) =>
        MorePollIn ? result >= 0 && (result & Posix.POLLIN) != 0 : result == MoreResult;
}
