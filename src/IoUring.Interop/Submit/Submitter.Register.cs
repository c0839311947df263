using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

// The register/unregister members of the Rust crate's submit.rs, in its order. The members liburing
// has and the crate lacks live in the other Submitter.Register*.cs files.
public sealed partial class Submitter
{
    // The kernel's cap on one buffer table (io_uring/rsrc.c: IORING_MAX_REG_BUFFERS = 1 << 14). It is
    // not UIO_MAXIOV (1024): that limit is readv's, the buffer table takes up to 16384 iovecs.
    internal const int MaxRegisteredBuffers = 1 << 14;

    // io_uring/kbuf.c: a buffer ring holds at most 2^15 entries and their count is a power of two.
    internal const int MaxBufRingEntries = 1 << 15;

    /// <summary>Registers in-memory fixed buffers for use with READ_FIXED / WRITE_FIXED and the other fixed-buffer operations.</summary>
    /// <remarks>
    /// <para><b>Safety:</b> every <c>iov_base</c>/<c>iov_len</c> must describe memory that stays valid (and is not
    /// moved by the GC: pin it or use native memory) until the buffers are unregistered or the ring is disposed;
    /// the kernel pins those pages and reads or writes them long after this call returns.</para>
    /// <para>Available since Linux 5.1.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">No buffers, or more than 16384 (the kernel's table limit).</exception>
    /// <exception cref="IoUringException">The kernel refused, e.g. EBUSY when buffers are already registered.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_register.2.html"/>
    public void RegisterBuffers(ReadOnlySpan<IoVector> buffers)
    {
        ThrowIfDisposed();
        ThrowIfBufferCountInvalid(buffers.Length, nameof(buffers));
        // IoVector is laid out as struct iovec (two words), so the span is handed over as it is.
        int result;
        do result = Syscalls.RegisterBuffers(EnterFd, MemoryMarshal.Cast<IoVector, iovec>(buffers), RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_BUFFERS));
    }

    /// <summary>Replaces the fixed buffers starting at <paramref name="offset"/>, optionally tagging each new buffer.</summary>
    /// <remarks>
    /// <para>Works on tables made by <see cref="RegisterBuffers"/>, <see cref="RegisterBuffers2"/> or
    /// <see cref="RegisterBuffersSparse"/>. See <see cref="RegisterBuffers2"/> for what a tag does. Unlike the Rust
    /// crate (which uses the shorter length), <paramref name="tags"/> must be empty or as long as <paramref name="buffers"/>.</para>
    /// <para><b>Safety:</b> as for <see cref="RegisterBuffers"/>, the memory must outlive its registration.</para>
    /// <para>Available since Linux 5.13.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_buffers_update_tag.3.html"/>
    public unsafe void RegisterBuffersUpdate(int offset, ReadOnlySpan<IoVector> buffers, ReadOnlySpan<ulong> tags = default)
    {
        ThrowIfDisposed();
        ThrowIfBufferCountInvalid(buffers.Length, nameof(buffers));
        ThrowIfTagsMismatch(buffers.Length, tags.Length, nameof(tags));
        ThrowIfNegative(offset, nameof(offset));
        fixed (IoVector* data = buffers)
        fixed (ulong* tagData = tags)
        {
            var update = new io_uring_rsrc_update2
            {
                offset = (uint)offset,
                data = (ulong)data,
                tags = (ulong)tagData,
                nr = (uint)buffers.Length,
            };
            int result;
            do result = Syscalls.RegisterBuffersUpdate(EnterFd, in update, RegisteredRing); while (result == Interrupted);
            Checked(result, nameof(io_uring_register_op.IORING_REGISTER_BUFFERS_UPDATE));
        }
    }

    /// <summary>Registers fixed buffers with a tag each: after an unregistered buffer is no longer in use, the kernel posts a CQE whose user data is its tag.</summary>
    /// <remarks>
    /// <para>A zero tag disables the notification for that buffer. <paramref name="tags"/> must be as long as
    /// <paramref name="buffers"/>.</para>
    /// <para><b>Safety:</b> as for <see cref="RegisterBuffers"/>, the memory must outlive its registration.</para>
    /// <para>Available since Linux 5.13.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_buffers_tags.3.html"/>
    public unsafe void RegisterBuffers2(ReadOnlySpan<IoVector> buffers, ReadOnlySpan<ulong> tags)
    {
        ThrowIfDisposed();
        ThrowIfBufferCountInvalid(buffers.Length, nameof(buffers));
        if (tags.Length != buffers.Length)
            throw new ArgumentException($"Expected {buffers.Length} tags, one per buffer, got {tags.Length}.", nameof(tags));
        fixed (IoVector* data = buffers)
        fixed (ulong* tagData = tags)
        {
            var register = new io_uring_rsrc_register
            {
                nr = (uint)buffers.Length,
                data = (ulong)data,
                tags = (ulong)tagData,
            };
            int result;
            do result = Syscalls.RegisterBuffers2(EnterFd, in register, RegisteredRing); while (result == Interrupted);
            Checked(result, nameof(io_uring_register_op.IORING_REGISTER_BUFFERS2));
        }
    }

    /// <summary>Registers an empty table of <paramref name="count"/> fixed buffers, to be filled with <see cref="RegisterBuffersUpdate"/>.</summary>
    /// <remarks>Available since Linux 5.13.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_buffers_sparse.3.html"/>
    public void RegisterBuffersSparse(int count)
    {
        ThrowIfDisposed();
        ThrowIfBufferCountInvalid(count, nameof(count));
        var register = new io_uring_rsrc_register { nr = (uint)count, flags = IORING_RSRC_REGISTER_SPARSE };
        int result;
        do result = Syscalls.RegisterBuffers2(EnterFd, in register, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_BUFFERS2));
    }

    /// <summary>Registers an empty file table of <paramref name="count"/> slots, the prerequisite for direct descriptors.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_files_sparse.3.html"/>
    public void RegisterFilesSparse(int count)
    {
        ThrowIfDisposed();
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "A file table needs at least one slot.");
        var register = new io_uring_rsrc_register { nr = (uint)count, flags = IORING_RSRC_REGISTER_SPARSE };
        int result;
        do result = Syscalls.RegisterFiles2(EnterFd, in register, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_FILES2));
    }

    /// <summary>Registers files for use as <see cref="Fixed"/> targets; an fd of -1 leaves its slot empty for <see cref="RegisterFilesUpdate(int, ReadOnlySpan{int})"/>.</summary>
    /// <remarks>
    /// <para><b>Lifetime:</b> the kernel takes its own reference to each file: closing the fd afterwards does not unregister it.</para>
    /// <para>Available since Linux 5.1.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_files.3.html"/>
    public void RegisterFiles(ReadOnlySpan<int> fds)
    {
        ThrowIfDisposed();
        if (fds.IsEmpty)
            throw new ArgumentException("At least one fd is required (use -1 for an empty slot).", nameof(fds));
        int result;
        do result = Syscalls.RegisterFiles(EnterFd, fds, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_FILES));
    }

    /// <summary>Replaces registered files starting at slot <paramref name="offset"/> (-1 empties a slot, -2 skips it) and returns how many slots were updated.</summary>
    /// <remarks>Available since Linux 5.5.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_files_update.3.html"/>
    public unsafe int RegisterFilesUpdate(int offset, ReadOnlySpan<int> fds)
    {
        ThrowIfDisposed();
        if (fds.IsEmpty)
            throw new ArgumentException("At least one fd is required.", nameof(fds));
        ThrowIfNegative(offset, nameof(offset));
        fixed (int* data = fds)
        {
            var update = new io_uring_rsrc_update { offset = (uint)offset, data = (ulong)data };
            int result;
            do result = Syscalls.RegisterFilesUpdate(EnterFd, in update, (uint)fds.Length, RegisteredRing); while (result == Interrupted);
            return Checked(result, nameof(io_uring_register_op.IORING_REGISTER_FILES_UPDATE));
        }
    }

    /// <summary>Registers an eventfd that the kernel signals whenever a completion is posted.</summary>
    /// <remarks>
    /// <para><b>Lifetime:</b> the kernel takes its own reference to the eventfd: closing the fd afterwards does not
    /// unregister it (<see cref="UnregisterEventfd"/> does).</para>
    /// <para>Available since Linux 5.2.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_eventfd.3.html"/>
    public void RegisterEventfd(int eventfd)
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.RegisterEventfd(EnterFd, new ReadOnlySpan<int>(in eventfd), RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_EVENTFD));
    }

    /// <summary>Like <see cref="RegisterEventfd(int)"/>, but signals only completions of requests that went asynchronous, not those completed inline.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_eventfd_async.3.html"/>
    public void RegisterEventfdAsync(int eventfd)
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.RegisterEventfdAsync(EnterFd, new ReadOnlySpan<int>(in eventfd), RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_EVENTFD_ASYNC));
    }

    /// <summary>Returns a probe filled with the opcodes the running kernel supports.</summary>
    /// <remarks>liburing's <c>io_uring_get_probe_ring</c>. Available since Linux 5.6.</remarks>
    /// <exception cref="IoUringException">The kernel refused (EINVAL before Linux 5.6).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_get_probe_ring.3.html"/>
    public Probe GetProbe()
    {
        Probe probe = Probe.CreateEmpty();
        RegisterProbe(probe);
        return probe;
    }

    /// <summary>Refills <paramref name="probe"/> with the opcodes the running kernel supports (the Rust crate's <c>register_probe</c>).</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_probe.3.html"/>
    public unsafe void RegisterProbe(Probe probe)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(probe);
        // io_uring/register.c io_probe(): the whole probe must arrive zeroed, so a reused one is cleared first.
        probe.Clear();
        int result;
        do result = Syscalls.RegisterProbe(EnterFd, probe.Pointer, Probe.Count, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_PROBE));
    }

    /// <summary>Registers the calling thread's credentials and returns the personality id an SQE can name to run with them.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_personality.3.html"/>
    public ushort RegisterPersonality()
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.RegisterPersonality(EnterFd, RegisteredRing); while (result == Interrupted);
        return (ushort)Checked(result, nameof(io_uring_register_op.IORING_REGISTER_PERSONALITY));
    }

    /// <summary>Unregisters all fixed buffers (the kernel also drops them when the ring is disposed).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_unregister_buffers.3.html"/>
    public void UnregisterBuffers()
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.UnregisterBuffers(EnterFd, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_UNREGISTER_BUFFERS));
    }

    /// <summary>Unregisters all registered files (the kernel also drops them when the ring is disposed).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_unregister_files.3.html"/>
    public void UnregisterFiles()
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.UnregisterFiles(EnterFd, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_UNREGISTER_FILES));
    }

    /// <summary>Unregisters the eventfd, stopping completion notifications.</summary>
    /// <remarks>Available since Linux 5.2.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_unregister_eventfd.3.html"/>
    public void UnregisterEventfd()
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.UnregisterEventfd(EnterFd, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_UNREGISTER_EVENTFD));
    }

    /// <summary>Unregisters a personality returned by <see cref="RegisterPersonality"/>.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_unregister_personality.3.html"/>
    public void UnregisterPersonality(ushort personality)
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.UnregisterPersonality(EnterFd, personality, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_UNREGISTER_PERSONALITY));
    }

    /// <summary>Installs an allowlist of register opcodes, SQE opcodes and SQE flags; anything else then fails with EACCES.</summary>
    /// <remarks>
    /// <para>Only a ring built with <see cref="RingBuilder.SetupRDisabled"/> accepts restrictions, and only once;
    /// <see cref="RegisterEnableRings"/> then starts it.</para>
    /// <para>Available since Linux 5.10.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_restrictions.3.html"/>
    public void RegisterRestrictions(ReadOnlySpan<Restriction> restrictions)
    {
        ThrowIfDisposed();
        if (restrictions.IsEmpty)
            throw new ArgumentException("At least one restriction is required.", nameof(restrictions));
        int result;
        do result = Syscalls.RegisterRestrictions(EnterFd, Restriction.AsNative(restrictions), RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_RESTRICTIONS));
    }

    /// <summary>Enables a ring built with <see cref="RingBuilder.SetupRDisabled"/>.</summary>
    /// <remarks>Available since Linux 5.10.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_enable_rings.3.html"/>
    public void RegisterEnableRings()
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.RegisterEnableRings(EnterFd, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_ENABLE_RINGS));
    }

    /// <summary>Restricts the ring's async workers to the CPUs whose bits are set in <paramref name="cpuMask"/> (bit n of byte n/8 is CPU n, as in cpu_set_t).</summary>
    /// <remarks>Available since Linux 5.14.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_iowq_aff.3.html"/>
    public void RegisterIowqAff(ReadOnlySpan<byte> cpuMask)
    {
        ThrowIfDisposed();
        if (cpuMask.IsEmpty)
            throw new ArgumentException("The CPU mask is empty.", nameof(cpuMask));
        int result;
        do result = Syscalls.RegisterIowqAff(EnterFd, cpuMask, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_IOWQ_AFF));
    }

    /// <summary>Undoes <see cref="RegisterIowqAff"/>: async workers inherit the ring creator's CPU mask again.</summary>
    /// <remarks>Available since Linux 5.14.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_unregister_iowq_aff.3.html"/>
    public void UnregisterIowqAff()
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.UnregisterIowqAff(EnterFd, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_UNREGISTER_IOWQ_AFF));
    }

    /// <summary>Sets the per-NUMA-node limits of bounded (regular file, block device) and unbounded (socket-like) async workers and returns the previous limits; 0 leaves a limit unchanged.</summary>
    /// <remarks>Available since Linux 5.15.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_iowq_max_workers.3.html"/>
    public (int Bounded, int Unbounded) RegisterIowqMaxWorkers(int bounded, int unbounded)
    {
        ThrowIfDisposed();
        ThrowIfNegative(bounded, nameof(bounded));
        ThrowIfNegative(unbounded, nameof(unbounded));
        Span<uint> values = [(uint)bounded, (uint)unbounded];
        int result;
        do result = Syscalls.RegisterIowqMaxWorkers(EnterFd, values, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_IOWQ_MAX_WORKERS));
        return ((int)values[0], (int)values[1]);
    }

    /// <summary>Registers a ring of provided buffers (a power of two of at most 32768 <c>io_uring_buf</c> entries at <paramref name="ringAddress"/>) as buffer group <paramref name="bufferGroup"/>.</summary>
    /// <remarks>
    /// <para><b>Safety:</b> the ring memory (page-aligned, <paramref name="entries"/> × 16 bytes) must stay valid until
    /// the group is unregistered or the ring disposed; the kernel reads it on every buffer selection.</para>
    /// <para>Available since Linux 5.19.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_buf_ring.3.html"/>
    [Obsolete("Use RegisterBufRingWithFlags, which also takes the IOU_PBUF_RING_* flags.")]
    public void RegisterBufRing(nint ringAddress, ushort entries, ushort bufferGroup)
        => RegisterBufRingWithFlags(ringAddress, entries, bufferGroup, 0);

    /// <summary>Registers a ring of provided buffers as buffer group <paramref name="bufferGroup"/>, with IOU_PBUF_RING_* flags (MMAP: the kernel allocates the ring; INC: incremental consumption).</summary>
    /// <remarks>
    /// <para><b>Safety:</b> unless <see cref="PbufRingFlags"/> asks the kernel to allocate it, the ring memory
    /// (page-aligned, <paramref name="entries"/> × 16 bytes) must stay valid until the group is unregistered or the
    /// ring disposed; the kernel reads it on every buffer selection.</para>
    /// <para>Available since Linux 5.19 (IOU_PBUF_RING_MMAP 6.4, IOU_PBUF_RING_INC 6.12).</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="entries"/> is zero, not a power of two, or above 32768.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_buf_ring.3.html"/>
    public void RegisterBufRingWithFlags(nint ringAddress, ushort entries, ushort bufferGroup, PbufRingFlags flags)
    {
        ThrowIfDisposed();
        if (entries == 0 || entries > MaxBufRingEntries || (entries & (entries - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(entries), entries, "Buffer ring entries must be a power of two between 1 and 32768.");
        var register = new io_uring_buf_reg
        {
            ring_addr = (ulong)ringAddress,
            ring_entries = entries,
            bgid = bufferGroup,
            flags = (ushort)flags,
        };
        int result;
        do result = Syscalls.RegisterPbufRing(EnterFd, in register, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_PBUF_RING));
    }

    /// <summary>Unregisters the provided-buffer ring of group <paramref name="bufferGroup"/>.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_unregister_buf_ring.3.html"/>
    public void UnregisterBufRing(ushort bufferGroup)
    {
        ThrowIfDisposed();
        var register = new io_uring_buf_reg { bgid = bufferGroup };
        int result;
        do result = Syscalls.UnregisterPbufRing(EnterFd, in register, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_UNREGISTER_PBUF_RING));
    }

    /// <summary>Cancels the submitted requests <paramref name="builder"/> matches and waits (up to <paramref name="timeout"/>, or forever) until they are gone.</summary>
    /// <remarks>
    /// <para>Throws <see cref="IoUringException"/> with ENOENT when nothing matched and ETIME when the timeout elapsed
    /// first. Requests still in the SQ (not yet submitted) are not considered.</para>
    /// <para>ETIME does not mean the request cannot be cancelled. When the cancel finds it running in an io-wq worker
    /// (EALREADY), the kernel waits for a completion to be posted and tries again; a worker that then arms a poll for the
    /// request (a read of an idle pipe or socket under IOSQE_ASYNC) posts none, so the call waits out its timeout, or,
    /// without one, until some other completion arrives (io_uring/cancel.c, seen on Linux 6.18). Pass a timeout, and
    /// on ETIME call again: the request is then in the poll table and the next cancel finds it.</para>
    /// <para>Available since Linux 6.0.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_sync_cancel.3.html"/>
    public void RegisterSyncCancel(CancelBuilder builder, Timespec? timeout = null)
    {
        ThrowIfDisposed();
        var cancel = new io_uring_sync_cancel_reg
        {
            addr = builder.Data,
            fd = builder.FdValue,
            flags = (uint)builder.Flags,
        };
        // A timeout of {-1, -1} is the kernel's "wait indefinitely" (io_uring/cancel.c).
        Timespec wait = timeout ?? Timespec.From(-1, -1);
        cancel.timeout.tv_sec = wait.Seconds;
        cancel.timeout.tv_nsec = wait.Nanoseconds;
        if (builder.Op is Opcode op)
        {
            cancel.flags |= IORING_ASYNC_CANCEL_OP;
            cancel.opcode = (byte)op;
        }
        int result;
        do result = Syscalls.RegisterSyncCancel(EnterFd, in cancel, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_SYNC_CANCEL));
    }

    /// <summary>Registers a network interface's hardware RX queue for zero-copy receive; the kernel fills the offsets and ids in <paramref name="registration"/>.</summary>
    /// <remarks>
    /// <para>Needs a NIC with header/data split and flow steering, and a ring with DEFER_TASKRUN and 32-byte CQEs.</para>
    /// <para><b>Safety:</b> the area and region memory <paramref name="registration"/> points at must stay valid
    /// while the queue is registered.</para>
    /// <para>Available since Linux 6.15.</para>
    /// </remarks>
    /// <seealso href="https://docs.kernel.org/networking/iou-zcrx.html"/>
    public void RegisterIfq(ref io_uring_zcrx_ifq_reg registration)
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.RegisterZcrxIfq(EnterFd, ref registration, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_ZCRX_IFQ));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Checked(int result, string operation)
        => result >= 0 ? result : IoUringException.ThrowIfError(result, operation);

    private static void ThrowIfBufferCountInvalid(long count, string paramName)
    {
        if (count is <= 0 or > MaxRegisteredBuffers)
            throw new ArgumentOutOfRangeException(paramName, count, $"A buffer table holds between 1 and {MaxRegisteredBuffers} buffers.");
    }

    private static void ThrowIfNegative(int value, string paramName)
    {
        if (value < 0)
            throw new ArgumentOutOfRangeException(paramName, value, "The value cannot be negative.");
    }

    private static void ThrowIfTagsMismatch(int items, int tags, string paramName)
    {
        if (tags != 0 && tags != items)
            throw new ArgumentException($"Expected no tags or {items} (one per item), got {tags}.", paramName);
    }
}
