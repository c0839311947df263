using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace IoUring.Interop.Reliability.Transport;

/// <summary>The figures of one fault against one transport.</summary>
public sealed record TransportFaultResult(
    string Fault, TransportKind Transport, long Actions, long Wrong, long HealthAnswers, long HealthFailures, TimeSpan HealthWorst,
    long Hangs, long Crashes, IReadOnlyList<string> Leaks, IReadOnlyDictionary<string, string> Outcome, IReadOnlyList<string> Failures)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"transport {Fault,-18} {Transport,-7}: {Actions,6} client actions; wrong {Wrong}, hangs {Hangs}, crashes {Crashes}, leaks {Leaks.Count}; health {HealthAnswers} answered, {HealthFailures} failed, worst {HealthWorst.TotalMilliseconds:0} ms{(Leaks.Count > 0 ? " (" + string.Join("; ", Leaks) + ")" : "")}{string.Concat(Outcome.Where(o => o.Key.StartsWith("count: ", StringComparison.Ordinal)).OrderBy(o => o.Key).Select(o => $"; {o.Key[7..]} {o.Value}"))}");
}

/// <summary>Transport faults against a Kestrel app on the io_uring transport and on Sockets, one after the other, with
/// a health request answered throughout: the io_uring transport must do everything it owes the clients and never
/// worse than Sockets (issue 18, "transport faults").</summary>
/// <remarks>Short (CI) mode scales the client counts down (<see cref="TransportFaults.Count"/>); long mode
/// (<c>IOURING_SOAK_SECONDS</c> set) uses the issue's counts: 20,000 short connections, 1,000 idle keep-alives...</remarks>
[Trait("Category", "Soak")]
public sealed class TransportFaultTests
{
    private static int _warmedUp;

    /// <summary>The faults, as theory data.</summary>
    public static TheoryData<string> FaultNames => new(Scenarios.Keys);

    private static readonly IReadOnlyDictionary<string, Func<FaultRun, Task>> Scenarios = new Dictionary<string, Func<FaultRun, Task>>
    {
        ["reset-mid-request"] = TransportFaults.ResetMidRequest,
        ["reset-mid-response"] = TransportFaults.ResetMidResponse,
        ["slowloris"] = TransportFaults.Slowloris,
        ["never-reading"] = TransportFaults.NeverReading,
        ["large-headers"] = TransportFaults.LargeHeaders,
        ["half-closed"] = TransportFaults.HalfClosed,
        ["short-connections"] = TransportFaults.ShortConnections,
        ["idle-keep-alives"] = TransportFaults.IdleKeepAlives,
        ["echo-10MB"] = TransportFaults.Echo10MB,
    };

    [Theory]
    [MemberData(nameof(FaultNames))]
    public async Task The_io_uring_transport_serves_every_client_and_does_no_worse_than_Sockets(string fault)
    {
        int seed = Knobs.SeedFor("transport/" + fault);
        Output(Knobs.ReplayLine($"transport {fault}"));
        await WarmUpOnce();
        TransportFaultResult sockets = await RunOn(TransportKind.Sockets, fault, Scenarios[fault], seed);
        Output(sockets.ToString());
        TransportFaultResult ioUring = await RunOn(TransportKind.IoUring, fault, Scenarios[fault], seed);
        Output(ioUring.ToString());
        foreach (string failure in ioUring.Failures.Concat(sockets.Failures))
        {
            Output("  " + failure);
        }

        string why = $"{ioUring}\nagainst {sockets}\n{string.Join('\n', ioUring.Failures)}\n{Knobs.ReplayLine("replay")}";
        Assert.True(ioUring.Wrong == 0 && ioUring.Hangs == 0 && ioUring.Crashes == 0 && ioUring.Leaks.Count == 0, why);
        Assert.True(ioUring.HealthFailures <= sockets.HealthFailures, "the health check failed more often than on Sockets: " + why);
        Assert.True(ioUring.Actions >= sockets.Actions || fault is "slowloris", "fewer client actions finished than on Sockets: " + why);
        foreach ((string key, string value) in sockets.Outcome.Where(pair => !pair.Key.EndsWith("(as seen)", StringComparison.Ordinal) && !pair.Key.StartsWith("count: ", StringComparison.Ordinal)))
        {
            Assert.True(ioUring.Outcome.TryGetValue(key, out string? mine) && mine == value, $"{key}: io_uring {mine ?? "none"}, Sockets {value}; {why}");
        }
    }

    /// <summary>The transport checks' detectors, each with its fault injected, must report it.</summary>
    [Theory]
    [InlineData("corrupt-byte")]
    [InlineData("leak-fd")]
    [InlineData("hang")]
    public async Task The_transport_detector_reports_its_injected_fault(string injected)
    {
        int seed = Knobs.SeedFor("transport-self-test/" + injected);
        Output(Knobs.ReplayLine($"transport self-test {injected}"));
        await WarmUpOnce();
        var leaked = new List<Socket>();
        Func<FaultRun, Task> scenario = injected switch
        {
            "corrupt-byte" => run =>
            {
                run.CorruptEcho = true;
                return TransportFaults.Echo10MB(run);
            },
            "leak-fd" => async run =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(run.EndPoint);
                leaked.Add(socket);
                run.Done();
            },
            _ => async run =>
            {
                // A request head that never ends: the client waits for an answer the server cannot give yet.
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(run.EndPoint);
                await socket.SendAsync("GET /health HTTP/1.1\r\nHost: te"u8.ToArray(), SocketFlags.None);
                await socket.ReceiveAsync(new byte[16], SocketFlags.None);
            },
        };
        TransportFaultResult result;
        try
        {
            result = await RunOn(TransportKind.IoUring, injected, scenario, seed, stall: injected == "hang" ? TimeSpan.FromSeconds(3) : null,
                settle: TimeSpan.FromSeconds(2));
        }
        finally
        {
            leaked.ForEach(socket => socket.Dispose());
        }

        Output(result.ToString());
        switch (injected)
        {
            case "corrupt-byte":
                Assert.True(result.Wrong >= 1, result.ToString());
                break;
            case "leak-fd":
                Assert.Contains(result.Leaks, leak => leak.StartsWith("fds ", StringComparison.Ordinal) && leak.Contains("socket:", StringComparison.Ordinal));
                break;
            default:
                Assert.Equal(1, result.Hangs);
                Assert.Contains(result.Failures, f => f.Contains($"seed {Knobs.Seed}", StringComparison.Ordinal));
                break;
        }
    }

    /// <summary>Runs <paramref name="scenario"/> against a fresh server on <paramref name="transport"/>, under the
    /// watchdog, with the health probe running; then waits for one more health answer, stops the server and takes
    /// the census (fds and threads: Kestrel's own GC handles and caches are not the transport's).</summary>
    private static async Task<TransportFaultResult> RunOn(TransportKind transport, string fault, Func<FaultRun, Task> scenario, int seed,
        TimeSpan? stall = null, TimeSpan? settle = null)
    {
        ResourceCensus.BaselineTargets = ResourceCensus.FdTargets().ToHashSet();
        ResourceCensus baseline = ResourceCensus.Take();
        var failures = new List<string>();
        long hangs = 0;
        long crashes = 0;
        FaultServer server = await FaultServer.StartAsync(transport);
        var probe = new HealthProbe(server.EndPoint);
        var run = new FaultRun(server.EndPoint, seed);
        try
        {
            await Watchdog.Guard(Task.Run(() => scenario(run)), () => run.Actions, $"transport {fault} on {transport}", null, stall);

            // Answered throughout: the health check must still answer once the fault is over.
            long answered = probe.Answers;
            await Watchdog.Guard(Until(() => probe.Answers > answered || probe.Failures > 0), () => probe.Answers + probe.Failures,
                $"transport {fault} on {transport}: health after the fault", null, stall);
        }
        catch (HangException e)
        {
            hangs++;
            failures.Add(e.Message);
        }
        catch (Exception e)
        {
            crashes++;
            failures.Add($"{transport}: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            await probe.DisposeAsync();
            await server.DisposeAsync();
        }

        IReadOnlyList<string> leaks = ResourceCensus.Leaks(baseline, settle ?? TimeSpan.FromSeconds(30))
            .Where(leak => leak.StartsWith("fds ", StringComparison.Ordinal) || leak.StartsWith("threads ", StringComparison.Ordinal)).ToList();
        failures.AddRange(run.WrongDescribed);
        if (probe.FirstFailure is { } first)
        {
            failures.Add($"{transport}: first health failure: {first}");
        }

        return new TransportFaultResult(fault, transport, run.Actions, run.Wrong, probe.Answers, probe.Failures, probe.Worst, hangs, crashes, leaks,
            new Dictionary<string, string>(run.Outcome), failures);
    }

    private static async Task Until(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(20);
        }
    }

    /// <summary>The first server of a process loads Kestrel, the hosting stack and the socket engine; one start and
    /// stop on each transport before any baseline keeps that out of the leak counts.</summary>
    private static async Task WarmUpOnce()
    {
        if (Interlocked.Exchange(ref _warmedUp, 1) == 0)
        {
            foreach (TransportKind transport in new[] { TransportKind.Sockets, TransportKind.IoUring })
            {
                FaultServer server = await FaultServer.StartAsync(transport);
                var probe = new HealthProbe(server.EndPoint);
                await Until(() => probe.Answers > 0 || probe.Failures > 0).WaitAsync(Watchdog.Stall);
                await probe.DisposeAsync();
                await server.DisposeAsync();
            }
        }
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
