using System;
using System.IO;

namespace IoUring.Interop.Async;

/// <summary>The permission bits a created file may get, checked as .NET's <see cref="FileStreamOptions.UnixCreateMode"/> does.</summary>
internal static class UnixCreateMode
{
    // Every UnixFileMode member: the nine permission bits, sticky, set-group-id and set-user-id (07777).
    private const UnixFileMode Defined = (UnixFileMode)0xFFF;

    /// <summary>Throws unless <paramref name="mode"/> has only defined bits: openat(2) would silently drop (or
    /// misread) the others, creating a file with a mode nobody asked for.</summary>
    /// <exception cref="ArgumentException"><paramref name="mode"/> has undefined bits.</exception>
    internal static void ThrowIfUndefined(UnixFileMode mode, string parameterName)
    {
        UnixFileMode undefined = mode & ~Defined;
        if (undefined != 0)
        {
            throw new ArgumentException($"UnixFileMode 0x{(uint)mode:X} has bits that are not permissions (0x{(uint)undefined:X}); only the bits of 0xFFF (rwx for user, group and other, sticky, set-group-id, set-user-id) are allowed.", parameterName);
        }
    }
}
