using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace IoUring.Interop.Async;

/// <summary>The engines' <see cref="Meter"/>: observable instruments that read each live engine's counters
/// (<see cref="RingEngine.Statistics"/>) only when a listener collects, so the operations themselves pay nothing.</summary>
/// <remarks>Names follow the .NET meters' conventions (lower case, dot-separated, snake_case words, UCUM units, a
/// tag per instance), so <c>dotnet-counters monitor --counters IoUring.Interop</c> and OpenTelemetry's
/// <c>AddMeter("IoUring.Interop")</c> see them with no code.</remarks>
internal static class RingEngineMetrics
{
    private static readonly Meter Meter = new(RingEngine.MeterName);
    private static readonly List<Entry> Engines = [];
    private static int _created;

    static RingEngineMetrics()
    {
        Counter("io_uring.engine.operations", "{operation}", "Requests handed to the kernel.", static s => s.Submitted);
        Counter("io_uring.engine.completions", "{completion}", "Completions reaped.", static s => s.Completions);
        Counter("io_uring.engine.enters", "{call}", "io_uring_enter calls that did not wait.", static s => s.Enters);
        Counter("io_uring.engine.sleeps", "{sleep}", "Times the engine thread slept in io_uring_enter waiting for a completion.", static s => s.Sleeps);
        Counter("io_uring.engine.wakeups", "{wakeup}", "Times another thread woke the sleeping engine.", static s => s.Wakeups);
        Counter("io_uring.engine.continuation_runners", "{runner}", "Thread-pool hops to run continuations.", static s => s.ContinuationRunners);
        Counter("io_uring.engine.reactor_handoffs", "{handoff}", "Times the reactor's loop moved to another thread because user code ran past the stall threshold.", static s => s.ReactorHandoffs);
        Counter("io_uring.engine.caller_submissions", "{operation}", "Requests a thread outside the sleeping reactor submitted itself.", static s => s.SubmittedByCallers);
        Meter.CreateObservableUpDownCounter("io_uring.engine.in_flight", static () => Observe(static e => e.InFlightCount), "{operation}", "Requests in the kernel now.");
        Meter.CreateObservableUpDownCounter("io_uring.engine.active", static () => Observe(static _ => 1), "{engine}", "Engines running.");
        Meter.CreateObservableUpDownCounter("io_uring.engine.faulted", static () => Observe(static e => e.Fault is null ? 0 : 1), "{engine}",
            "Engines stopped by an error on their thread (docs/reliability.md).");
    }

    /// <summary>Adds a started engine to what the instruments report (until it stops).</summary>
    internal static void Track(RingEngine engine)
    {
        lock (Engines)
        {
            int id = _created++;
            Engines.Add(new Entry(new WeakReference<RingEngine>(engine), [new("io_uring.engine.id", id), new("io_uring.engine.name", engine.Options.ThreadName ?? "io_uring engine")]));
        }
    }

    private static void Counter(string name, string unit, string description, Func<RingEngineStatistics, long> read) =>
        Meter.CreateObservableCounter(name, () => Observe(engine => read(engine.Statistics)), unit, description);

    // Collection time only (a listener's RecordObservableInstruments): one measurement per live engine; stopped or
    // collected engines leave the list.
    private static List<Measurement<long>> Observe(Func<RingEngine, long> read)
    {
        var measurements = new List<Measurement<long>>();
        lock (Engines)
        {
            for (int i = Engines.Count - 1; i >= 0; i--)
            {
                Entry entry = Engines[i];
                if (!entry.Engine.TryGetTarget(out RingEngine? engine) || engine.Stopped.IsCompleted)
                {
                    Engines.RemoveAt(i);
                    continue;
                }

                measurements.Add(new Measurement<long>(read(engine), entry.Tags));
            }
        }

        return measurements;
    }

    private sealed record Entry(WeakReference<RingEngine> Engine, KeyValuePair<string, object?>[] Tags);
}
