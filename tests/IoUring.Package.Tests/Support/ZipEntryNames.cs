using System.Collections;
using System.Collections.Generic;
using System.IO.Compression;
using System.Linq;

namespace IoUring.Package.Tests.Support;

/// <summary>The entry names of a zip (a .nupkg or .snupkg), read once.</summary>
public sealed class ZipEntryNames : IEnumerable<string>
{
    private readonly List<string> _names;

    public ZipEntryNames(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        _names = zip.Entries.Select(e => e.FullName).ToList();
    }

    public IEnumerator<string> GetEnumerator() => _names.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
