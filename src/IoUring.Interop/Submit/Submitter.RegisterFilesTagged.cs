using System;
using IoUring.Interop.Native;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Registers files with a tag each: once a tagged file is removed from the table and no longer in use, the kernel posts a CQE whose user data is its tag.</summary>
    /// <remarks>
    /// <para>A zero tag disables the notification for that slot; -1 fds leave empty slots. <paramref name="tags"/>
    /// must be as long as <paramref name="fds"/>.</para>
    /// <para>Available since Linux 5.13.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_files_tags.3.html"/>
    public unsafe void RegisterFilesTags(ReadOnlySpan<int> fds, ReadOnlySpan<ulong> tags)
    {
        ThrowIfDisposed();
        if (fds.IsEmpty)
            throw new ArgumentException("At least one fd is required (use -1 for an empty slot).", nameof(fds));
        if (tags.Length != fds.Length)
            throw new ArgumentException($"Expected {fds.Length} tags, one per fd, got {tags.Length}.", nameof(tags));
        fixed (int* data = fds)
        fixed (ulong* tagData = tags)
        {
            var register = new io_uring_rsrc_register { nr = (uint)fds.Length, data = (ulong)data, tags = (ulong)tagData };
            int result;
            do result = Syscalls.RegisterFiles2(EnterFd, in register, RegisteredRing); while (result == Interrupted);
            Checked(result, nameof(io_uring_register_op.IORING_REGISTER_FILES2));
        }
    }

    /// <summary>Replaces registered files from slot <paramref name="offset"/> on, tagging each new file, and returns how many slots were updated.</summary>
    /// <remarks>
    /// <para><paramref name="tags"/> must be empty (no tags) or as long as <paramref name="fds"/>; -1 empties a slot,
    /// -2 (IORING_REGISTER_FILES_SKIP) leaves it as it is.</para>
    /// <para>Available since Linux 5.13.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_files_update_tag.3.html"/>
    public unsafe int RegisterFilesUpdateTag(int offset, ReadOnlySpan<int> fds, ReadOnlySpan<ulong> tags)
    {
        ThrowIfDisposed();
        if (fds.IsEmpty)
            throw new ArgumentException("At least one fd is required.", nameof(fds));
        ThrowIfTagsMismatch(fds.Length, tags.Length, nameof(tags));
        ThrowIfNegative(offset, nameof(offset));
        fixed (int* data = fds)
        fixed (ulong* tagData = tags)
        {
            var update = new io_uring_rsrc_update2
            {
                offset = (uint)offset,
                data = (ulong)data,
                tags = (ulong)tagData,
                nr = (uint)fds.Length,
            };
            int result;
            do result = Syscalls.RegisterFilesUpdate2(EnterFd, in update, RegisteredRing); while (result == Interrupted);
            return Checked(result, nameof(io_uring_register_op.IORING_REGISTER_FILES_UPDATE2));
        }
    }

    /// <summary>Limits the slots the kernel picks for auto-allocated direct descriptors (<see cref="DestinationSlot.Auto"/>) to [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>).</summary>
    /// <remarks>Available since Linux 6.0.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_file_alloc_range.3.html"/>
    public void RegisterFileAllocRange(int offset, int length)
    {
        ThrowIfDisposed();
        ThrowIfNegative(offset, nameof(offset));
        ThrowIfNegative(length, nameof(length));
        var range = new io_uring_file_index_range { off = (uint)offset, len = (uint)length };
        int result;
        do result = Syscalls.RegisterFileAllocRange(EnterFd, in range, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_FILE_ALLOC_RANGE));
    }
}
