using System;
using System.IO;
using System.Runtime.InteropServices;
using IoUring.Interop;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Samples.Copy;

/// <summary>Which file a path or an open handle names: its device and inode, as statx(2) reports them.</summary>
/// <remarks>Two names are the same file exactly when these match, whatever the path says: the same path spelled
/// differently, a symbolic link (followed) or a hard link.</remarks>
public readonly unsafe partial record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;
    private const int ENOENT = 2;

    /// <summary>The file <paramref name="handle"/> has open.</summary>
    public static FileIdentity Of(SafeFileHandle handle) =>
        Stat((int)handle.DangerousGetHandle(), "", AtEmptyPath, "the open file") ?? throw new IOException("statx on an open file found no file");

    /// <summary>The file <paramref name="path"/> names (symbolic links followed), or null when there is none.</summary>
    public static FileIdentity? Of(string path) => Stat(AtFdCwd, path, 0, path);

    /// <inheritdoc/>
    public override string ToString() => $"device {DeviceMajor}:{DeviceMinor}, inode {Inode}";

    private static FileIdentity? Stat(int dirFd, string path, int flags, string what)
    {
        StatxBuffer buffer = default;
        if (statx(dirFd, path, flags, StatxIno, &buffer) == 0)
        {
            return new FileIdentity(buffer.DevMajor, buffer.DevMinor, buffer.Inode);
        }

        int errno = Marshal.GetLastPInvokeError();
        return errno == ENOENT ? null : throw new IOException($"statx '{what}': {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <seealso href="https://man7.org/linux/man-pages/man2/statx.2.html"/>
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirFd, string path, int flags, uint mask, StatxBuffer* buffer);
}
