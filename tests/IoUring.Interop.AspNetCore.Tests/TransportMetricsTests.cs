using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>The transport's meter, read with a <see cref="MeterListener"/> around real requests. The counts are
/// process-wide and other tests run at the same time, so the test compares lower bounds of the growth.</summary>
public sealed class TransportMetricsTests
{
    private static Dictionary<string, long> Read()
    {
        var values = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, l) =>
            {
                if (instrument.Meter.Name == IoUringTransportFactory.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string key = instrument.Name;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                key += "/" + tag.Value;
            }

            values[key] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return new Dictionary<string, long>(values);
    }

    [Fact]
    public async Task Connections_and_bytes_show_on_the_meter()
    {
        await using var server = await LoopbackServer.StartAsync(Transport.IoUring);
        Dictionary<string, long> before = Read();
        using (var client = server.CreateClient())
        {
            using var response = await client.PostAsync("/echo", new ByteArrayContent(new byte[100_000]), TestContext.Current.CancellationToken);
            (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length.Should().Be(100_000);
            // The send loop counts bytes once the kernel reports the send done, which may be just after the client
            // read the last of them: wait (bounded) for the count rather than read it once.
            Dictionary<string, long> during = Read();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (during.GetValueOrDefault("io_uring.transport.bytes/transmit") - before.GetValueOrDefault("io_uring.transport.bytes/transmit") < 100_000
                && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10, TestContext.Current.CancellationToken);
                during = Read();
            }

            during.Keys.Should().Contain(["io_uring.transport.connections", "io_uring.transport.active_connections",
                "io_uring.transport.bytes/receive", "io_uring.transport.bytes/transmit", "io_uring.transport.accept_errors"]);
            during["io_uring.transport.active_connections"].Should().BeGreaterThanOrEqualTo(1);
            (during["io_uring.transport.connections"] - before.GetValueOrDefault("io_uring.transport.connections")).Should().BeGreaterThanOrEqualTo(1);
            (during["io_uring.transport.bytes/receive"] - before.GetValueOrDefault("io_uring.transport.bytes/receive")).Should().BeGreaterThanOrEqualTo(100_000);

            // The send loop counts a send once its completion has run, which may be after the client has read the
            // bytes: wait (bounded) for the count rather than read it once.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (during["io_uring.transport.bytes/transmit"] - before.GetValueOrDefault("io_uring.transport.bytes/transmit") < 100_000 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
                during = Read();
            }

            (during["io_uring.transport.bytes/transmit"] - before.GetValueOrDefault("io_uring.transport.bytes/transmit")).Should().BeGreaterThanOrEqualTo(100_000);
        }
    }
}
