using System;
using System.Globalization;
using System.IO;

namespace IoUring.Interop.Async;

/// <summary>The exception .NET's File and RandomAccess throw on Unix for a failed file call, with the same type,
/// message and HResult, so existing <c>catch (FileNotFoundException)</c> blocks keep working; the errno stays on an
/// <see cref="IoUringException"/>: the exception itself when it is a plain IOException, its inner exception otherwise.</summary>
/// <remarks>The rules follow System.Private.CoreLib's Interop.GetExceptionForIoErrno and SafeFileHandle.Open on Unix:
/// ENOENT blames the directory when the call creates or when the parent directory is missing (Windows reports a
/// missing path as FileNotFound only if its directory exists, and .NET keeps that on Unix); open's EISDIR reads as
/// EACCES. docs/errors.md has the table.</remarks>
internal static class FileErrors
{
    /// <summary>The exception for <paramref name="errno"/> from <paramref name="operation"/>; <paramref name="path"/>
    /// is the caller's path (null for handle operations), <paramref name="creates"/> whether the call had O_CREAT.</summary>
    internal static Exception For(Errno errno, string operation, string? path, bool creates)
    {
        string? fullPath = FullPath(path);
        var cause = new IoUringException(errno, operation);
        if (errno == Errno.EISDIR && operation == "openat")
        {
            errno = Errno.EACCES;
        }

        switch (errno)
        {
            case Errno.ENOENT when creates || (fullPath is not null && !ParentExists(fullPath)):
            case Errno.ENOTDIR:
                return new DirectoryNotFoundException(
                    fullPath is null ? "Could not find a part of the path." : Format("Could not find a part of the path '{0}'.", fullPath), cause);

            case Errno.ENOENT:
                return fullPath is null
                    ? new FileNotFoundException("Unable to find the specified file.", cause)
                    : new FileNotFoundException(Format("Could not find file '{0}'.", fullPath), fullPath, cause);

            case Errno.EACCES or Errno.EBADF or Errno.EPERM:
                return new UnauthorizedAccessException(
                    fullPath is null ? "Access to the path is denied." : Format("Access to the path '{0}' is denied.", fullPath), cause);

            case Errno.ENAMETOOLONG:
                return new PathTooLongException(
                    fullPath is null
                        ? "The specified file name or path is too long, or a component of the specified path is too long."
                        : Format("The path '{0}' is too long, or a component of the specified path is too long.", fullPath),
                    cause);

            case Errno.EEXIST when fullPath is not null:
                return new IoUringException(cause.Error, operation, Format("The file '{0}' already exists. ({1})", fullPath, cause.Message));

            default:
                // A plain IOException in .NET, with the errno as HResult: IoUringException is one, and says which call
                // and errno; the path is added as .NET's older messages did.
                return fullPath is null ? cause : new IoUringException(cause.Error, operation, Format("{0} : '{1}'", cause.Message, fullPath));
        }
    }

    // .NET reports the full path, resolved against the current directory as openat(AT_FDCWD) resolved it.
    private static string? FullPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException)
        {
            return path;
        }
    }

    private static bool ParentExists(string fullPath)
    {
        string? parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(fullPath));
        return parent is not null && Directory.Exists(parent);
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
