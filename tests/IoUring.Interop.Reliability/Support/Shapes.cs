using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace IoUring.Interop.Reliability;

/// <summary>One ring configuration the suite runs on: how to build it and how much to keep in flight.</summary>
/// <param name="Name">The shape's name in test names and reports.</param>
/// <param name="Build">Entries → a new ring of this shape.</param>
/// <param name="Entries">Submission queue entries for the soak.</param>
/// <param name="InFlight">How many requests the soak keeps in flight (above the CQ size for the overflow shape).</param>
public sealed record Shape(string Name, Func<int, Ring> Build, int Entries, int InFlight)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Every ring shape the library offers, for the soak, lifecycle and threading tests.</summary>
public static class Shapes
{
    /// <summary>The shapes: default, SQPOLL, DEFER_TASKRUN (+SINGLE_ISSUER), COOP_TASKRUN, CQE32, SQE128, NO_MMAP,
    /// CQE_MIXED, and a CQ of 8 with 4× in flight (the kernel keeps the overflow: FEAT_NODROP).</summary>
    public static readonly IReadOnlyList<Shape> All =
    [
        new("default", e => new Ring(e), 32, 48),
        new("sqpoll", e => Ring.Builder().SetupSqPoll(100).Build(e), 32, 48),
        new("defer-taskrun", e => Ring.Builder().SetupSingleIssuer().SetupDeferTaskRun().Build(e), 32, 48),
        new("coop-taskrun", e => Ring.Builder().SetupCoopTaskRun().SetupTaskRunFlag().Build(e), 32, 48),
        new("cqe32", e => Ring.Builder().SetupCqe32().Build(e), 32, 48),
        new("sqe128", e => Ring.Builder().SetupSqe128().Build(e), 32, 48),
        new("no-mmap", e => Ring.Builder().SetupNoMmap().Build(e), 32, 48),
        new("cqe-mixed", e => Ring.Builder().SetupCqeMixed().Build(e), 32, 48),
        new("cq8-overflow-nodrop", e => Ring.Builder().SetupCqSize(8).Build(e), 8, 32),
    ];

    /// <summary>The shape called <paramref name="name"/>.</summary>
    public static Shape Named(string name) => All.Single(s => s.Name == name);

    /// <summary>Every shape's name, as theory data.</summary>
    public static TheoryData<string> Names => new(All.Select(s => s.Name));

    /// <summary>Builds <paramref name="shape"/>, skipping the test with the reason when the kernel refuses it.</summary>
    public static Ring Create(Shape shape, int? entries = null)
    {
        try
        {
            return shape.Build(entries ?? shape.Entries);
        }
        catch (IoUringException e) when (e.Errno is 1 or 22 or 95)
        {
            Assert.Skip($"The kernel refuses the '{shape.Name}' ring: {e.ErrnoName} ({e.Message}).");
            throw;
        }
    }
}
