using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace IoUring.Interop.Reliability.AsyncSoak;

/// <summary>One engine set-up the async soak runs on.</summary>
/// <param name="Name">The set-up's name in test names and reports.</param>
/// <param name="Engines">1: one <c>RingEngine</c>; more: a <c>RingEngineGroup</c> of that many, each operation on <c>Next()</c>.</param>
/// <param name="Inline"><c>RingEngineOptions.InlineContinuations</c>.</param>
/// <param name="DeferTaskRun"><c>RingEngineOptions.UseDeferTaskRun</c> (false: the COOP_TASKRUN ring).</param>
public sealed record AsyncShape(string Name, int Engines, bool Inline, bool DeferTaskRun)
{
    /// <summary>The set-ups: one engine (DEFER_TASKRUN), a group of two, inline continuations, and the COOP_TASKRUN ring.</summary>
    public static readonly IReadOnlyList<AsyncShape> All =
    [
        new("engine", 1, Inline: false, DeferTaskRun: true),
        new("group", 2, Inline: false, DeferTaskRun: true),
        new("inline", 1, Inline: true, DeferTaskRun: true),
        new("coop-taskrun", 1, Inline: false, DeferTaskRun: false),
    ];

    /// <summary>The set-up called <paramref name="name"/>.</summary>
    public static AsyncShape Named(string name) => All.Single(s => s.Name == name);

    /// <summary>Every set-up's name, as theory data.</summary>
    public static TheoryData<string> Names => new(All.Select(s => s.Name));

    /// <inheritdoc/>
    public override string ToString() => Name;
}
