using System.Collections.Generic;

namespace IoUring.SourceGen.Model;

/// <summary>
/// Orders table rows by file then position (a missing location sorts last), so every pipeline reports its
/// diagnostics and emits its members in source order whatever order the incremental steps delivered the slices in.
/// </summary>
internal sealed class LocationOrder : IComparer<LocationInfo?>
{
    public static readonly LocationOrder Instance = new();

    public int Compare(LocationInfo? x, LocationInfo? y)
    {
        if (x is null || y is null)
        {
            return (x is null ? 1 : 0) - (y is null ? 1 : 0);
        }

        int byFile = string.CompareOrdinal(x.FilePath, y.FilePath);
        return byFile != 0 ? byFile : x.Start.CompareTo(y.Start);
    }
}
