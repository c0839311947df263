using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace IoUring.Interop.Reliability.AsyncSoak;

/// <summary>The async soak on each engine set-up: every await ends exactly once, every byte is right, nothing is
/// left behind after DisposeAsync (issue 18, "The project's own suite").</summary>
/// <remarks>Short mode: <see cref="ShortRounds"/> operations per worker. Long mode (<c>IOURING_SOAK_SECONDS</c>): that
/// many seconds per set-up; the figures line is the report (docs/reliability.md).</remarks>
[Trait("Category", "Soak")]
public sealed class AsyncSoakTests
{
    /// <summary>Operations per worker in short mode (six workers and two stream workers: a few seconds per set-up).</summary>
    public const long ShortRounds = 250;

    private static int _warmedUp;

    [Theory]
    [MemberData(nameof(AsyncShape.Names), MemberType = typeof(AsyncShape))]
    public async Task Every_await_ends_once_with_the_right_bytes_and_nothing_is_left(string shapeName)
    {
        AsyncShape shape = AsyncShape.Named(shapeName);
        int seed = Knobs.SeedFor("async-soak/" + shapeName);
        Output(Knobs.ReplayLine($"async soak {shapeName}"));
        await WarmUpOnce();
        using var folder = new TempFolder();
        AsyncSoakResult result = await AsyncSoakDriver.RunAsync(shape, seed, folder.Path, ShortRounds, Knobs.LongRun);
        Report(result);
        Assert.True(result.Clean, $"{result} — {Knobs.ReplayLine("replay")}\n{string.Join('\n', result.Failures)}");
        Assert.True(result.Operations >= AsyncSoakDriver.Workers * ShortRounds || Knobs.IsLong, $"fewer awaits than operations: {result}");
    }

    /// <summary>The first run of a process starts the runtime's lazy parts (the socket engine's epoll thread and fds,
    /// thread-pool threads, tiered compilation); a short run before any baseline keeps them out of the leak counts.</summary>
    internal static async Task WarmUpOnce()
    {
        if (Interlocked.Exchange(ref _warmedUp, 1) == 0)
        {
            using var folder = new TempFolder();
            await AsyncSoakDriver.RunAsync(AsyncShape.All[0], 1, folder.Path, 20, null, settle: TimeSpan.Zero);
        }
    }

    internal static void Report(AsyncSoakResult result)
    {
        Output(result.ToString());
        Output("  " + result.Census);
        foreach (string failure in result.Failures.Take(20))
        {
            Output("  " + failure);
        }
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}

/// <summary>Each detector of the async soak, run with its fault injected, must report it: a check that cannot fail
/// proves nothing (issue 18, "a self-test switch per detector").</summary>
public sealed class AsyncSoakSelfTests
{
    [Theory]
    [InlineData(Faults.CorruptByte)]
    [InlineData(Faults.DropCompletion)]
    [InlineData(Faults.DuplicateCompletion)]
    [InlineData(Faults.LeakFd)]
    [InlineData(Faults.Hang)]
    [InlineData(Faults.UnobservedException)]
    public async Task The_detector_reports_its_injected_fault(Faults fault)
    {
        int seed = Knobs.SeedFor("async-soak-self-test/" + fault);
        TestContext.Current.TestOutputHelper?.WriteLine(Knobs.ReplayLine($"async soak self-test {fault}"));
        await AsyncSoakTests.WarmUpOnce();
        using var folder = new TempFolder();

        // A hang is declared after 3 s without progress here, so the self-test proves the watchdog in seconds.
        AsyncSoakResult result = await AsyncSoakDriver.RunAsync(AsyncShape.All[0], seed, folder.Path, 60, null, fault,
            stall: fault == Faults.Hang ? TimeSpan.FromSeconds(3) : null, settle: TimeSpan.FromSeconds(2));
        AsyncSoakTests.Report(result);
        Assert.False(result.Clean, $"the injected {fault} went unnoticed: {result}");
        switch (fault)
        {
            case Faults.CorruptByte:
                Assert.Equal(1, result.Wrong);
                break;
            case Faults.DropCompletion:
                Assert.Equal(1, result.Lost);
                break;
            case Faults.DuplicateCompletion:
                Assert.Equal(1, result.Duplicated);
                break;
            case Faults.LeakFd:
                Assert.Contains(result.Leaks, leak => leak.StartsWith("fds ", StringComparison.Ordinal) && leak.Contains("leaked.bin", StringComparison.Ordinal));
                break;
            case Faults.Hang:
                Assert.Equal(1, result.Hangs);
                Assert.Contains(result.Failures, f => f.Contains($"seed {Knobs.Seed}", StringComparison.Ordinal));
                break;
            case Faults.UnobservedException:
                Assert.True(result.Unobserved >= 1, result.ToString());
                break;
        }

        // The rest of the run stays clean: each detector reports its own fault, not a cascade.
        Assert.Equal(fault == Faults.CorruptByte ? 1 : 0, result.Wrong);
        Assert.Equal(0, result.Crashes);
    }
}
