using System.IO;

namespace IoUring.Samples.Copy;

/// <summary>The source and destination are one file: copying would truncate it before reading it (data loss).</summary>
public sealed class SameFileException(string message) : IOException(message)
{
    /// <summary>Throws when <paramref name="destination"/> is <paramref name="source"/>.</summary>
    public static void ThrowIfSame(CopyOptions options, FileIdentity source, FileIdentity? destination)
    {
        if (destination == source)
        {
            throw new SameFileException($"'{options.Source}' and '{options.Destination}' are the same file ({source}); nothing was copied");
        }
    }
}
