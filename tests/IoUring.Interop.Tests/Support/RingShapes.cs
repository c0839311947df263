using System;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>The ring configurations every queue and submit test runs on (xunit theory data by name).</summary>
public static class RingShapes
{
    public const string Default = "default";
    public const string Sqe128Cqe32 = "sqe128-cqe32";
    public const string SqPoll = "sqpoll";
    public const string DeferTaskrun = "defer-taskrun";

    /// <summary>Every shape's name, for <c>[MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]</c>.</summary>
    public static TheoryData<string> All => new() { Default, Sqe128Cqe32, SqPoll, DeferTaskrun };

    /// <summary>The factory for <paramref name="shape"/>: entries → a new ring of that shape.</summary>
    public static Func<int, Ring> Factory(string shape) => shape switch
    {
        Default => entries => new Ring(entries),
        Sqe128Cqe32 => entries => Ring.Builder().SetupSqe128().SetupCqe32().Build(entries),
        SqPoll => entries => Ring.Builder().SetupSqPoll(1000).Build(entries),
        DeferTaskrun => entries => Ring.Builder().SetupSingleIssuer().SetupDeferTaskRun().Build(entries),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown ring shape."),
    };

    /// <summary>Builds a ring of <paramref name="shape"/>, skipping the test when the kernel refuses the shape.</summary>
    public static Ring Create(string shape, int entries)
    {
        try
        {
            return Factory(shape)(entries);
        }
        catch (IoUringException e) when (e.Errno is 1 or 22 or 95)
        {
            Assert.Skip($"The kernel refuses the '{shape}' ring: {e.ErrnoName} ({e.Message}).");
            throw;
        }
    }
}
