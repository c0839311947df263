using System;
using System.Diagnostics.Tracing;
using System.Threading;

namespace IoUring.Interop.Reliability;

/// <summary>The runtime's own count of GC handles and pinned objects, read from its GCHeapStats event after a full
/// collection (the event is what <c>dotnet-counters</c> and PerfView read; in-process it arrives through an
/// <see cref="EventListener"/> on the runtime's event source).</summary>
/// <remarks>GCHandleCount counts every handle the runtime holds (strong, weak, pinned, dependent...), its own included;
/// PinnedObjectCount counts the objects the last GC found pinned (by a pinned handle or a <c>fixed</c> on a stack).
/// A handle the library forgets to free, or a pin it never releases, shows in these counts after the engine is gone.
/// Null when the event does not arrive within the bound (the counts are then reported as unmeasured, never as 0).</remarks>
public sealed class GcHandleCensus : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private static readonly Lazy<GcHandleCensus> Shared = new(() => new GcHandleCensus());

    private long _events;
    private long _handles = -1;
    private long _pinned = -1;

    /// <summary>The process's listener (created once: its dispatch thread is then part of every baseline).</summary>
    public static GcHandleCensus Instance => Shared.Value;

    /// <summary>Collects fully twice and returns the handle and pinned-object counts of the last collection.</summary>
    public (long Handles, long Pinned)? Take(TimeSpan bound)
    {
        long seen = Interlocked.Read(ref _events);
        for (int i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var deadline = DateTime.UtcNow + bound;
        while (Interlocked.Read(ref _events) < seen + 2 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return Interlocked.Read(ref _events) >= seen + 2 ? (Interlocked.Read(ref _handles), Interlocked.Read(ref _pinned)) : null;
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)GcKeyword);
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is null || !eventData.EventName.StartsWith("GCHeapStats", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        int handles = eventData.PayloadNames.IndexOf("GCHandleCount");
        int pinned = eventData.PayloadNames.IndexOf("PinnedObjectCount");
        if (handles >= 0)
        {
            Interlocked.Exchange(ref _handles, Convert.ToInt64(eventData.Payload![handles], System.Globalization.CultureInfo.InvariantCulture));
        }

        if (pinned >= 0)
        {
            Interlocked.Exchange(ref _pinned, Convert.ToInt64(eventData.Payload![pinned], System.Globalization.CultureInfo.InvariantCulture));
        }

        Interlocked.Increment(ref _events);
    }
}
