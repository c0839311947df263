using System;
using System.IO;

namespace IoUring.Interop.Reliability;

/// <summary>A fresh folder under the system temp folder, deleted with its files on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempFolder() => Path = Directory.CreateTempSubdirectory("iouring-reliability-").FullName;

    /// <summary>The folder's path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
