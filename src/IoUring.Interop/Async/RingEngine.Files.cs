using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Async;

/// <summary>Typed file operations: each pins its memory and holds a reference on its handle until the completion.</summary>
public sealed unsafe partial class RingEngine
{
    // .NET's FileOptions value for unbuffered I/O, which SafeFileHandle maps to O_DIRECT on Linux.
    private const FileOptions NoBuffering = (FileOptions)0x20000000;

    /// <summary>Opens (or creates) the file at <paramref name="path"/>, like <see cref="File.OpenHandle"/>, in the kernel (IORING_OP_OPENAT).</summary>
    /// <remarks><c>(FileOptions)0x20000000</c> (.NET's "no buffering") opens with O_DIRECT; <see cref="FileOptions.WriteThrough"/> with O_SYNC.
    /// Available since Linux 5.6.</remarks>
    /// <param name="path">The file's path (relative paths start at the current directory).</param>
    /// <param name="mode">Create, open, truncate or append, as with <see cref="FileStream"/>.</param>
    /// <param name="access">Read, write or both.</param>
    /// <param name="options">Extra options (see remarks); <see cref="FileOptions.DeleteOnClose"/> is not supported.</param>
    /// <param name="createMode">Permissions of a created file (before the umask).</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The open file, owning its descriptor.</returns>
        /// <exception cref="ArgumentException">An argument is out of range or not supported; <paramref name="createMode"/> has bits that are not permissions.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist (ENOENT); the message names the full path.</exception>
    /// <exception cref="DirectoryNotFoundException">A directory of the path does not exist (ENOENT, ENOTDIR).</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied (EACCES, EPERM).</exception>
    /// <exception cref="PathTooLongException">The path or a component is too long (ENAMETOOLONG).</exception>
    /// <exception cref="IOException">Any other errno (EEXIST...): an <see cref="IoUringException"/> with the errno as HResult;
    /// for the types above the errno is on the <see cref="IoUringException"/> that is their inner exception.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/openat.2.html"/>
    public ValueTask<SafeFileHandle> OpenAsync(string path, FileMode mode, FileAccess access, FileOptions options = FileOptions.None, UnixFileMode createMode = (UnixFileMode)0x1B6, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        UnixCreateMode.ThrowIfUndefined(createMode, nameof(createMode));
        int flags = OpenFlags(mode, access, options);
        return Start<SafeFileHandle>(Prepare("openat", RingOperation.ErrorKind.File, cancellationToken, (path, flags, createMode), static (operation, args) =>
        {
            if ((args.flags & LinuxFlags.O_CREAT) != 0)
            {
                operation.MarkCreates();
            }

            return new OpenAt(LinuxFlags.AT_FDCWD, operation.PinPath(args.path)) { Flags = args.flags, Mode = (uint)args.createMode }.Build();
        }));
    }

    /// <summary>Reads into <paramref name="buffer"/> from <paramref name="offset"/> (IORING_OP_READ, like pread(2)).</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    /// <param name="file">The file.</param>
    /// <param name="buffer">Where to read to; pinned until the completion.</param>
    /// <param name="offset">The file offset; -1 reads at (and advances) the file position.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The number of bytes read; 0 at end of file.</returns>
    /// <exception cref="IOException">The kernel refused (<see cref="UnauthorizedAccessException"/> for EBADF/EACCES; docs/errors.md).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/pread.2.html"/>
    public ValueTask<int> ReadAsync(SafeFileHandle file, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, -1);
        return Start<int>(Prepare("read", RingOperation.ErrorKind.File, cancellationToken, (file, buffer, offset), static (operation, args) =>
            new Read(new Fd(operation.AddRef(args.file)), operation.Pin(args.buffer), (uint)args.buffer.Length) { Offset = args.offset }.Build()));
    }

    /// <summary>Writes what one pwrite(2) takes of <paramref name="buffer"/> at <paramref name="offset"/> (one IORING_OP_WRITE).</summary>
    /// <remarks>For those who want pwrite's count: it may be less than asked (a full disk, a signal, a pipe).
    /// <see cref="WriteAsync(SafeFileHandle, ReadOnlyMemory{byte}, long, CancellationToken)"/> writes everything, as
    /// <see cref="RandomAccess.WriteAsync(SafeFileHandle, ReadOnlyMemory{byte}, long, CancellationToken)"/> does.
    /// Available since Linux 5.6.</remarks>
    /// <param name="file">The file.</param>
    /// <param name="buffer">What to write; pinned until the completion.</param>
    /// <param name="offset">The file offset; -1 writes at (and advances) the file position.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The number of bytes written (may be less than asked, as with pwrite).</returns>
    /// <exception cref="IOException">The kernel refused (docs/errors.md lists the exception for each errno).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/pwrite.2.html"/>
    public ValueTask<int> WritePartialAsync(SafeFileHandle file, ReadOnlyMemory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, -1);
        return Start<int>(Prepare("write", RingOperation.ErrorKind.File, cancellationToken, (file, buffer, offset), static (operation, args) =>
            new Write(new Fd(operation.AddRef(args.file)), operation.Pin(args.buffer), (uint)args.buffer.Length) { Offset = args.offset }.Build()));
    }

    /// <summary>Reads into several buffers in one request (IORING_OP_READV, like preadv(2)).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <param name="file">The file.</param>
    /// <param name="buffers">Up to 1024 buffers, filled in order; each pinned until the completion.</param>
    /// <param name="offset">The file offset; -1 for the file position.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The total number of bytes read.</returns>
    /// <exception cref="ArgumentException">More than 1024 buffers.</exception>
    /// <exception cref="IOException">The kernel refused (<see cref="UnauthorizedAccessException"/> for EBADF/EACCES; docs/errors.md).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/preadv.2.html"/>
    public ValueTask<long> ReadAsync(SafeFileHandle file, IReadOnlyList<Memory<byte>> buffers, long offset, CancellationToken cancellationToken = default)
    {
        CheckVectored(file, buffers, offset);
        return Start<long>(Prepare("readv", RingOperation.ErrorKind.File, cancellationToken, (file, buffers, offset), static (operation, args) =>
            new Readv(new Fd(operation.AddRef(args.file)), PinVectors(operation, args.buffers, static memory => memory), (uint)args.buffers.Count) { Offset = args.offset }.Build()));
    }

    /// <summary>Writes what one pwritev(2) takes of several buffers (one IORING_OP_WRITEV).</summary>
    /// <remarks>The count may be less than the buffers' total; <see cref="WriteAsync(SafeFileHandle, IReadOnlyList{ReadOnlyMemory{byte}}, long, CancellationToken)"/>
    /// writes everything. Available since Linux 5.1.</remarks>
    /// <param name="file">The file.</param>
    /// <param name="buffers">Up to 1024 buffers, written in order; each pinned until the completion.</param>
    /// <param name="offset">The file offset; -1 for the file position.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The total number of bytes written.</returns>
    /// <exception cref="ArgumentException">More than 1024 buffers.</exception>
    /// <exception cref="IOException">The kernel refused (<see cref="UnauthorizedAccessException"/> for EBADF/EACCES; docs/errors.md).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/pwritev.2.html"/>
    public ValueTask<long> WritePartialAsync(SafeFileHandle file, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long offset, CancellationToken cancellationToken = default)
    {
        CheckVectored(file, buffers, offset);
        return Start<long>(Prepare("writev", RingOperation.ErrorKind.File, cancellationToken, (file, buffers, offset), static (operation, args) =>
            new Writev(new Fd(operation.AddRef(args.file)), PinVectors(operation, args.buffers, static memory => memory), (uint)args.buffers.Count) { Offset = args.offset }.Build()));
    }

    /// <summary>Flushes the file's data (and metadata unless <paramref name="dataOnly"/>) to storage (IORING_OP_FSYNC), as
    /// <see cref="RandomAccess.FlushToDisk(SafeFileHandle)"/> does.</summary>
    /// <remarks>Named as .NET names it: a Stream's "Flush" only empties a user-space buffer, this waits for the device.
    /// Available since Linux 5.1.</remarks>
    /// <param name="file">The file.</param>
    /// <param name="dataOnly">fdatasync(2) semantics: skip metadata not needed to read the data back.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <exception cref="IOException">The kernel refused (<see cref="UnauthorizedAccessException"/> for EBADF/EACCES; docs/errors.md).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/fsync.2.html"/>
    public ValueTask FlushToDiskAsync(SafeFileHandle file, bool dataOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Start(Prepare("fsync", RingOperation.ErrorKind.File, cancellationToken, (file, dataOnly), static (operation, args) =>
            new Fsync(new Fd(operation.AddRef(args.file))) { Flags = args.dataOnly ? FsyncFlags.DataSync : FsyncFlags.None }.Build()));
    }

    /// <summary>Allocates disk space for <paramref name="length"/> bytes from <paramref name="offset"/> (IORING_OP_FALLOCATE, mode 0: the file grows if needed).</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    /// <param name="file">The file.</param>
    /// <param name="offset">Where the range starts.</param>
    /// <param name="length">The range's length (positive).</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or <paramref name="length"/> not positive.</exception>
    /// <exception cref="IoUringException">The kernel refused (EOPNOTSUPP on file systems without fallocate).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/fallocate.2.html"/>
    public ValueTask AllocateAsync(SafeFileHandle file, long offset, long length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return Start(Prepare("fallocate", RingOperation.ErrorKind.File, cancellationToken, (file, offset, length), static (operation, args) =>
            new Fallocate(new Fd(operation.AddRef(args.file)), args.length) { Offset = args.offset }.Build()));
    }

    /// <summary>Reads the metadata of the file at <paramref name="path"/> (IORING_OP_STATX, basic fields and birth time, following symlinks).</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The file's status (length, mode, times) in .NET's terms; <see cref="FileStatus.Statx"/> is the whole statx
    /// result, whose <see cref="StatxBuffer.Mask"/> says which fields the file system filled.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist (ENOENT).</exception>
    /// <exception cref="DirectoryNotFoundException">A directory of the path does not exist.</exception>
    /// <exception cref="IOException">Another errno (docs/errors.md); the errno is on an <see cref="IoUringException"/>.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/statx.2.html"/>
    public ValueTask<FileStatus> StatAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Start<FileStatus>(Prepare("statx", RingOperation.ErrorKind.File, cancellationToken, path, static (operation, path) =>
        {
            operation.CaptureStatx();
            return new Statx(LinuxFlags.AT_FDCWD, operation.PinPath(path), operation.StatxArea) { Mask = LinuxFlags.STATX_BASIC_STATS_AND_BTIME }.Build();
        }));
    }

    private static void CheckVectored<T>(SafeFileHandle file, IReadOnlyList<T> buffers, long offset)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(buffers);
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, -1);
        if (buffers.Count > LinuxFlags.IOV_MAX)
        {
            throw new ArgumentException($"At most {LinuxFlags.IOV_MAX} buffers (IOV_MAX) fit one request; got {buffers.Count}.", nameof(buffers));
        }
    }

    // The shared part of readv and writev: one pin and iovec per buffer; returns the iovec array.
    private static IoVector* PinVectors<T>(RingOperation operation, IReadOnlyList<T> buffers, Func<T, ReadOnlyMemory<byte>> memoryOf)
    {
        operation.EnsureVectorCapacity(buffers.Count);
        for (int i = 0; i < buffers.Count; i++)
        {
            operation.PinVector(i, memoryOf(buffers[i]));
        }

        return operation.IoVectors;
    }

    private static int OpenFlags(FileMode mode, FileAccess access, FileOptions options)
    {
        int flags = access switch
        {
            FileAccess.Read => 0,
            FileAccess.Write => LinuxFlags.O_WRONLY,
            FileAccess.ReadWrite => LinuxFlags.O_RDWR,
            _ => throw new ArgumentOutOfRangeException(nameof(access), access, "Read, Write or ReadWrite."),
        };

        flags |= mode switch
        {
            FileMode.CreateNew => LinuxFlags.O_CREAT | LinuxFlags.O_EXCL,
            FileMode.Create => LinuxFlags.O_CREAT | LinuxFlags.O_TRUNC,
            FileMode.Open => 0,
            FileMode.OpenOrCreate => LinuxFlags.O_CREAT,
            FileMode.Truncate => LinuxFlags.O_TRUNC,
            FileMode.Append => LinuxFlags.O_CREAT | LinuxFlags.O_APPEND,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a FileMode."),
        };

        if ((mode is FileMode.Truncate or FileMode.Append or FileMode.Create or FileMode.CreateNew) && access == FileAccess.Read)
        {
            throw new ArgumentException($"FileMode.{mode} needs write access.", nameof(access));
        }

        if ((options & FileOptions.DeleteOnClose) != 0)
        {
            throw new ArgumentException("FileOptions.DeleteOnClose is not supported by OpenAsync.", nameof(options));
        }

        if ((options & FileOptions.WriteThrough) != 0)
        {
            flags |= LinuxFlags.O_SYNC;
        }

        if ((options & NoBuffering) != 0)
        {
            flags |= LinuxFlags.O_DIRECT;
        }

        return flags | LinuxFlags.O_CLOEXEC;
    }
}
