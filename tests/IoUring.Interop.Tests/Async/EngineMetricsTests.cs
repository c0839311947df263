using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>The engines' meter, read as any .NET tool reads it: a <see cref="MeterListener"/>.</summary>
public class EngineMetricsTests
{
    /// <summary>Collects the latest value of each IoUring.Interop instrument for the engine named <paramref name="name"/>.</summary>
    internal static Dictionary<string, long> Collect(MeterListener listener, ConcurrentDictionary<(string Instrument, string Engine), long> values, string name)
    {
        values.Clear();
        listener.RecordObservableInstruments();
        return values.Where(pair => pair.Key.Engine == name).ToDictionary(pair => pair.Key.Instrument, pair => pair.Value);
    }

    internal static MeterListener Listen(ConcurrentDictionary<(string Instrument, string Engine), long> values)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, l) =>
            {
                if (instrument.Meter.Name == RingEngine.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string engine = "";
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "io_uring.engine.name")
                {
                    engine = (string)tag.Value!;
                }
            }

            values[(instrument.Name, engine)] = value;
        });
        listener.Start();
        return listener;
    }

    [Fact]
    public async Task The_meter_reports_each_engines_counters_by_name()
    {
        string name = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        var values = new ConcurrentDictionary<(string Instrument, string Engine), long>();
        using MeterListener listener = Listen(values);
        RingEngine engine = new(new RingEngineOptions { ThreadName = name });
        try
        {
            for (int i = 0; i < 50; i++)
            {
                (await engine.SubmitAsync(new Nop().Build()).Within()).Result.Should().Be(0);
            }

            Dictionary<string, long> seen = Collect(listener, values, name);
            seen.Keys.Should().Contain(["io_uring.engine.operations", "io_uring.engine.completions", "io_uring.engine.enters", "io_uring.engine.sleeps",
                "io_uring.engine.wakeups", "io_uring.engine.continuation_runners", "io_uring.engine.reactor_handoffs", "io_uring.engine.caller_submissions", "io_uring.engine.in_flight", "io_uring.engine.active", "io_uring.engine.faulted"]);
            seen["io_uring.engine.operations"].Should().BeGreaterThanOrEqualTo(50);
            seen["io_uring.engine.completions"].Should().BeGreaterThanOrEqualTo(50);
            seen["io_uring.engine.active"].Should().Be(1);
            seen["io_uring.engine.faulted"].Should().Be(0);
            seen["io_uring.engine.operations"].Should().Be(engine.Statistics.Submitted, "the instrument reads the engine's own counter");
        }
        finally
        {
            await engine.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
        }

        Collect(listener, values, name).Should().BeEmpty("a stopped engine leaves the meter");
    }
}
