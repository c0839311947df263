using System.Linq;
using IoUring.Interop.Reliability.Child;
using Xunit;

namespace IoUring.Interop.Reliability.BadInput;

/// <summary>Every public member of the safe layer and the opcode builders, called with edge values in a child process:
/// a clear exception or a completion (a negative errno) each time, never a crash or a hang, and the ring works after
/// (issue 9, "Bad input"). The list of members comes from reflection, so new members are covered without an edit;
/// <see cref="Catalog.Excluded"/> says what is left out and why.</summary>
public sealed class BadInputTests
{
    /// <summary>Every member id, as theory data.</summary>
    public static TheoryData<string> Members => new(Catalog.Members.Select(m => m.Id));

    /// <summary>Instance members of the ring and its parts, for the disposed-ring rule.</summary>
    public static TheoryData<string> RingPartMembers => new(Catalog.Members.Where(m => Runner.HasDisposedRule(m.Member)).Select(m => m.Id));

    [Theory]
    [MemberData(nameof(Members))]
    public void Edge_values_get_a_clear_error_and_leave_the_ring_working(string member)
    {
        MemberReport report = ChildRun.Report(member);
        Assert.True(report.ProcessFailure is null, $"{member}: {report.ProcessFailure}");
        Assert.True(report.Ended, $"{member}: the child did not finish the member");
        Assert.NotEmpty(report.Calls);
        if (report.Calls.All(c => c.Verdict == "SETUP"))
        {
            Assert.Skip($"{member}: the suite cannot make its receiver or arguments: {report.Calls[0].Detail}");
        }

        var bad = report.Calls.Where(c => c.Verdict is Verdict.Unclear or Verdict.Broken).ToList();
        Assert.True(bad.Count == 0, $"{member}:\n" + string.Join("\n", bad.Select(c => $"  ({c.Arguments}) {c.Verdict}: {c.Detail}")));
    }

    [Theory]
    [MemberData(nameof(RingPartMembers))]
    public void Members_of_a_disposed_ring_throw_ObjectDisposedException(string member)
    {
        MemberReport report = ChildRun.Report(member);
        Assert.True(report.ProcessFailure is null, $"{member}: {report.ProcessFailure}");
        Assert.True(report.Disposed is not null, $"{member}: no disposed-ring call reported");

        // ARGUMENT: the benign arguments were refused clearly before the ring was looked at, which is fine.
        Assert.True(report.Disposed.Value.Verdict is "THREW" or "ARGUMENT", $"{member} on a disposed ring: {report.Disposed.Value.Verdict}, {report.Disposed.Value.Detail}");
    }
}
