using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace IoUring.Samples.Copy;

/// <summary>A progress line rewritten in place (carriage return), at most four times a second; silent when disabled.</summary>
/// <remarks>Disabled when the output is not a terminal: a file or pipe would collect every carriage-return redraw.</remarks>
public sealed class ProgressLine(TextWriter output, bool enabled = true)
{
    private static readonly long Interval = Stopwatch.Frequency / 4;
    private long _last = Stopwatch.GetTimestamp() - Interval;

    public void Report(long done, long total, bool final = false)
    {
        long now = Stopwatch.GetTimestamp();
        if (!enabled || (!final && now - _last < Interval))
        {
            return;
        }

        _last = now;
        double percent = total == 0 ? 100 : 100.0 * done / total;
        output.Write(string.Create(
            CultureInfo.InvariantCulture,
            $"\rprogress: {done / (1024.0 * 1024.0):F1} / {total / (1024.0 * 1024.0):F1} MiB ({percent:F0}%)"));
        if (final)
        {
            output.WriteLine();
        }
    }
}
