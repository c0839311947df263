using System;
using System.Runtime.InteropServices;
using System.Threading;
using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>
/// A provided-buffer ring (<c>struct io_uring_buf_ring</c>) in page-aligned memory this object owns:
/// the application adds buffers and publishes them by advancing the tail; requests with
/// IOSQE_BUFFER_SELECT and this ring's group id take them, and each completion names the buffer id used.
/// </summary>
/// <remarks>
/// Available since Linux 5.19; incremental consumption (IOU_PBUF_RING_INC) since Linux 6.12.
/// <para><b>Safety:</b> the kernel reads the ring and writes into the buffers it names until the ring is
/// unregistered: buffers must stay valid while added. <see cref="Dispose"/> unregisters the group first when it
/// is still registered. The ring has a single producer (the application): calls are not thread-safe.</para>
/// <para>After <see cref="Dispose"/> every member throws <see cref="ObjectDisposedException"/>; in particular
/// <see cref="Unregister"/> no longer touches the group id, which may by then belong to a newer buffer ring.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_buf_ring.3.html"/>
public sealed unsafe class BufferRing : IDisposable
{
    // The tail shares the first 16 bytes with bufs[0] (a union in io_uring.h): it is resv at offset 14.
    private const int TailOffset = 14;
    private const int MaxEntries = 32768;

    private readonly int mask;
    private readonly ushort entries;
    private readonly ushort groupId;
    private readonly bool incremental;
    private io_uring_buf* ring;
    private ushort tail;
    private Submitter? registeredWith;

    /// <summary>Allocates a zeroed ring of <paramref name="entries"/> slots for buffer group <paramref name="groupId"/>.</summary>
    /// <param name="entries">Ring size: a power of two, at most 32768.</param>
    /// <param name="groupId">The buffer group id requests name in buf_group.</param>
    /// <param name="incremental">Register with IOU_PBUF_RING_INC: the kernel consumes buffers in pieces and sets CqeFlags.BufMore while a buffer has room left.</param>
    public BufferRing(ushort entries, ushort groupId, bool incremental = false)
    {
        if (entries == 0 || entries > MaxEntries || (entries & (entries - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), entries, "A buffer ring holds a power-of-two number of entries, at most 32768.");
        }

        this.entries = entries;
        this.groupId = groupId;
        this.incremental = incremental;
        mask = entries - 1;
        nuint size = (nuint)(entries * sizeof(io_uring_buf));
        nuint alignment = (nuint)Environment.SystemPageSize;
        ring = (io_uring_buf*)NativeMemory.AlignedAlloc(size, alignment);
        NativeMemory.Clear(ring, size);
    }

    /// <summary>Number of slots.</summary>
    public ushort Entries => Live(entries);

    /// <summary>The buffer group id.</summary>
    public ushort GroupId => Live(groupId);

    /// <summary>Whether the ring is registered for incremental consumption.</summary>
    public bool Incremental => Live(incremental);

    /// <summary>The tail published to the kernel so far (wraps at 65536).</summary>
    public ushort Tail => Live(tail);

    /// <summary>Address of the ring memory (what registration passes as ring_addr).</summary>
    public nint Address => (nint)Ring;

    /// <summary>Number of slots as a mask for indexing (Entries - 1).</summary>
    public int Mask => Live(mask);

    private io_uring_buf* Ring => ring != null ? ring : throw new ObjectDisposedException(nameof(BufferRing));

    // The value, once the ring is known not to be disposed.
    private T Live<T>(T value)
    {
        _ = Ring;
        return value;
    }

    /// <summary>Writes a buffer into the slot <paramref name="offset"/> places after the tail; it is not visible to the kernel until <see cref="Advance"/>.</summary>
    /// <param name="address">Start of the buffer.</param>
    /// <param name="length">Its size in bytes.</param>
    /// <param name="bufferId">The id completions will report for it.</param>
    /// <param name="offset">Position after the current tail, for adding several buffers before one Advance.</param>
    public void Add(void* address, uint length, ushort bufferId, int offset = 0)
    {
        io_uring_buf* slot = Ring + ((tail + offset) & mask);
        // Leave slot->resv alone: for slot 0 it is the shared tail.
        slot->addr = (ulong)address;
        slot->len = length;
        slot->bid = bufferId;
    }

    /// <summary>Publishes <paramref name="count"/> added buffers to the kernel.</summary>
    /// <param name="count">How many slots after the tail were filled with <see cref="Add"/>.</param>
    public void Advance(int count)
    {
        tail = unchecked((ushort)(tail + count));
        // Release store: the kernel must see the slot contents before it sees the new tail
        // (io_uring_buf_ring_advance uses io_uring_smp_store_release for the same reason).
        Volatile.Write(ref *(ushort*)((byte*)Ring + TailOffset), tail);
    }

    /// <summary>Registers the ring with the kernel for this group (IORING_REGISTER_PBUF_RING).</summary>
    /// <param name="submitter">The ring's submitter.</param>
    /// <exception cref="IoUringException">The kernel refused (EEXIST when the group is in use, EINVAL for unsupported flags...).</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public void Register(Submitter submitter)
    {
        // Disposed first: a disposed buffer ring's memory is gone, whatever the argument.
        nint address = Address;
        ArgumentNullException.ThrowIfNull(submitter);
        PbufRingFlags flags = Incremental ? PbufRingFlags.Inc : 0;
        submitter.RegisterBufRingWithFlags(address, Entries, GroupId, flags);
        registeredWith = submitter;
    }

    /// <summary>Unregisters the group (IORING_UNREGISTER_PBUF_RING); afterwards the memory may be freed.</summary>
    /// <param name="submitter">The ring's submitter.</param>
    /// <exception cref="IoUringException">The kernel refused (ENOENT when the group is not registered).</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public void Unregister(Submitter submitter)
    {
        // Once this buffer ring is disposed its group id may belong to a newer one: refuse rather than unregister that.
        _ = Ring;
        ArgumentNullException.ThrowIfNull(submitter);
        // After the io_uring is disposed its fd number may belong to another ring: the submitter refuses
        // (ObjectDisposedException) rather than unregister through it.
        submitter.UnregisterBufRing(groupId);
        registeredWith = null;
    }

    /// <summary>Unregisters the group if it is still registered (the kernel keeps reading a registered ring), then frees the ring memory.</summary>
    public void Dispose()
    {
        if (registeredWith is Submitter submitter)
        {
            try
            {
                Unregister(submitter);
            }
            catch (ObjectDisposedException)
            {
                // The io_uring instance is gone, and its buffer groups with it.
            }
            catch (IoUringException)
            {
                // Already unregistered behind our back (ENOENT): nothing left to undo.
            }

            registeredWith = null;
        }

        if (ring != null)
        {
            NativeMemory.AlignedFree(ring);
            ring = null;
        }
    }
}
