using System;
using System.Threading;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>Connection ids in Kestrel's shape: 13 base-32 characters of a per-process counter seeded from the clock.</summary>
internal static class ConnectionIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    private static long _last = DateTime.UtcNow.Ticks;

    public static string Next() => Encode(Interlocked.Increment(ref _last));

    private static string Encode(long id) => string.Create(13, id, static (span, value) =>
    {
        for (int i = 12; i >= 0; i--)
        {
            span[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
    });
}
