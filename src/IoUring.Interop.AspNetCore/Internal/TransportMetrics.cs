using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>The transport's meter (<see cref="IoUringTransportFactory.MeterName"/>): process-wide counts the
/// connections update with one interlocked add, read by observable instruments only when a listener collects.</summary>
/// <remarks>Named after Kestrel's own instruments (kestrel.active_connections...) with an io_uring.transport prefix;
/// bytes carry OpenTelemetry's network.io.direction tag.</remarks>
internal static class TransportMetrics
{
    private static readonly Meter Meter = new(IoUringTransportFactory.MeterName);
    private static readonly KeyValuePair<string, object?>[] Receive = [new("network.io.direction", "receive")];
    private static readonly KeyValuePair<string, object?>[] Transmit = [new("network.io.direction", "transmit")];
    private static long _accepted;
    private static long _active;
    private static long _received;
    private static long _sent;
    private static long _acceptErrors;

    static TransportMetrics()
    {
        Meter.CreateObservableCounter("io_uring.transport.connections", static () => Volatile.Read(ref _accepted), "{connection}", "Connections accepted.");
        Meter.CreateObservableUpDownCounter("io_uring.transport.active_connections", static () => Volatile.Read(ref _active), "{connection}", "Connections open now.");
        Meter.CreateObservableCounter("io_uring.transport.bytes", static () => new Measurement<long>[]
        {
            new(Volatile.Read(ref _received), Receive),
            new(Volatile.Read(ref _sent), Transmit),
        }, "By", "Bytes received from and sent to clients.");
        Meter.CreateObservableCounter("io_uring.transport.accept_errors", static () => Volatile.Read(ref _acceptErrors), "{error}",
            "Accepts that failed because the client gave up first (ECONNABORTED, ECONNRESET).");
    }

    internal static void ConnectionOpened()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _active);
    }

    internal static void ConnectionClosed() => Interlocked.Decrement(ref _active);

    internal static void Received(int bytes) => Interlocked.Add(ref _received, bytes);

    internal static void Sent(int bytes) => Interlocked.Add(ref _sent, bytes);

    internal static void AcceptError() => Interlocked.Increment(ref _acceptErrors);
}
