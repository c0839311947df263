using System;
using Xunit;

namespace IoUring.Interop.Reliability.Soak;

/// <summary>Seeded random request mixes on every ring shape: nothing lost, duplicated or wrong (issue 9, "Soak").</summary>
/// <remarks>Short mode: <see cref="ShortRequests"/> requests per shape. Long mode (<c>IOURING_SOAK_SECONDS</c>): that
/// many seconds per shape, and the figures line is the report (docs/reliability.md).</remarks>
[Trait("Category", "Soak")]
public sealed class SoakTests
{
    /// <summary>Requests per shape in short mode: a few seconds per shape on a loaded 2-core machine.</summary>
    public const long ShortRequests = 10000;

    [Theory]
    [MemberData(nameof(Shapes.Names), MemberType = typeof(Shapes))]
    public void Every_request_completes_once_with_the_expected_result(string shapeName)
    {
        Shape shape = Shapes.Named(shapeName);
        int seed = Knobs.SeedFor("soak/" + shapeName);
        Output(Knobs.ReplayLine($"soak {shapeName}"));
        using var folder = new TempFolder();
        Ring ring = Shapes.Create(shape);
        var driver = new SoakDriver(ring, shape, seed, folder.Path);
        SoakResult result;
        try
        {
            result = driver.Run(ShortRequests, Knobs.LongRun, Knobs.Seed);
        }
        finally
        {
            // The ring first: closing it cancels whatever is still in flight, so the driver's memory is no longer the kernel's.
            ring.Dispose();
            driver.Dispose();
        }

        Output(result.ToString());
        foreach (string failure in result.Failures)
        {
            Output("  " + failure);
        }

        Assert.True(result.Clean, $"{result} — {Knobs.ReplayLine("replay")}\n{string.Join('\n', result.Failures)}");
        Assert.True(result.Completions >= result.Requests, $"fewer completions than requests: {result}");
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
