using System;
using System.Runtime.InteropServices;
using System.Threading;
using IoUring.Interop;
using IoUring.Interop.Native;

namespace IoUring.Samples.Echo;

/// <summary>
/// A provided-buffer ring (IORING_REGISTER_PBUF_RING): the application publishes buffers by writing
/// <c>struct io_uring_buf</c> entries and advancing the shared tail; the kernel picks one per receive and names
/// it in the completion's upper 16 flag bits.
/// </summary>
/// <remarks>Available since Linux 5.19. <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_buf_ring.3.html"/></remarks>
public sealed unsafe class ProvidedBufferRing : IDisposable
{
    /// <summary>Bytes per buffer.</summary>
    public const int BufferSize = 4096;

    // struct io_uring_buf_ring overlays its tail on bufs[0].resv: byte 14 of the ring.
    private const int TailOffset = 14;

    private readonly byte* _entries;
    private readonly byte* _buffers;
    private readonly ushort _count;
    private readonly ushort _mask;
    private ushort _tail;

    public ProvidedBufferRing(Ring ring, ushort groupId, ushort count)
    {
        if (count == 0 || (count & (count - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "the kernel wants a power of two");
        }

        GroupId = groupId;
        _count = count;
        _mask = (ushort)(count - 1);
        nuint ringBytes = (nuint)(count * sizeof(io_uring_buf));
        // The ring must be page-aligned (the kernel pins it by pages).
        _entries = (byte*)NativeMemory.AlignedAlloc(ringBytes, 4096);
        NativeMemory.Clear(_entries, ringBytes);
        _buffers = (byte*)NativeMemory.AlignedAlloc((nuint)count * BufferSize, 4096);

        io_uring_buf_reg registration = default;
        registration.ring_addr = (ulong)_entries;
        registration.ring_entries = count;
        registration.bgid = groupId;
        int result = Syscalls.io_uring_register(ring.Fd, (uint)io_uring_register_op.IORING_REGISTER_PBUF_RING, &registration, 1);
        if (result < 0)
        {
            Free();
            throw new IoUringException(-result, "io_uring_register(IORING_REGISTER_PBUF_RING)");
        }

        for (ushort id = 0; id < count; id++)
        {
            Stage(id, id);
        }

        Publish(count);
    }

    /// <summary>The buffer group id receives name in <c>sqe.buf_group</c>.</summary>
    public ushort GroupId { get; }

    /// <summary>The memory of buffer <paramref name="id"/>.</summary>
    public byte* Buffer(ushort id) => _buffers + (nint)id * BufferSize;

    /// <summary>Gives buffer <paramref name="id"/> back to the kernel once the application is done with its data.</summary>
    public void Recycle(ushort id)
    {
        Stage(id, 0);
        Publish(1);
    }

    public void Dispose() => Free();

    private void Stage(ushort id, int offsetFromTail)
    {
        // Written field by field: bufs[0].resv is the shared tail and must not be overwritten.
        byte* entry = _entries + (nint)((_tail + offsetFromTail) & _mask) * sizeof(io_uring_buf);
        *(ulong*)entry = (ulong)Buffer(id);
        *(uint*)(entry + 8) = BufferSize;
        *(ushort*)(entry + 12) = id;
    }

    private void Publish(ushort added)
    {
        _tail = (ushort)(_tail + added);
        // Release store: the kernel must see the entries before it sees the tail that covers them.
        Volatile.Write(ref *(ushort*)(_entries + TailOffset), _tail);
    }

    private void Free()
    {
        // Called after the ring that used the buffers is closed (EchoServer disposes the ring first).
        NativeMemory.AlignedFree(_entries);
        NativeMemory.AlignedFree(_buffers);
    }
}
