using System;
using System.Runtime.InteropServices;
using IoUring.Interop;

namespace IoUring.Samples.Echo;

/// <summary>
/// The echo server's receive buffers: <paramref name="count"/> blocks of <see cref="BufferSize"/> bytes published
/// through the library's <see cref="BufferRing"/> (IORING_REGISTER_PBUF_RING); the kernel picks one per receive and
/// names it in the completion's upper 16 flag bits.
/// </summary>
/// <remarks>Available since Linux 5.19. <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_buf_ring.3.html"/></remarks>
public sealed unsafe class ProvidedBufferRing : IDisposable
{
    /// <summary>Bytes per buffer.</summary>
    public const int BufferSize = 4096;

    private readonly BufferRing _ring;
    private readonly byte* _buffers;

    public ProvidedBufferRing(Ring ring, ushort groupId, ushort count)
    {
        _ring = new BufferRing(count, groupId);
        _buffers = (byte*)NativeMemory.AlignedAlloc((nuint)count * BufferSize, 4096);
        try
        {
            _ring.Register(ring.Submitter);
        }
        catch
        {
            Dispose();
            throw;
        }

        for (ushort id = 0; id < count; id++)
        {
            _ring.Add(Buffer(id), BufferSize, id, id);
        }

        _ring.Advance(count);
    }

    /// <summary>The buffer group id receives name in <c>sqe.buf_group</c>.</summary>
    public ushort GroupId => _ring.GroupId;

    /// <summary>The memory of buffer <paramref name="id"/>.</summary>
    public byte* Buffer(ushort id) => _buffers + (nint)id * BufferSize;

    /// <summary>Gives buffer <paramref name="id"/> back to the kernel once the application is done with its data.</summary>
    public void Recycle(ushort id)
    {
        _ring.Add(Buffer(id), BufferSize, id);
        _ring.Advance(1);
    }

    /// <summary>Unregisters the group (when the ring is still open) and frees the ring and the buffers.</summary>
    public void Dispose()
    {
        // EchoServer closes the io_uring first, which ends every receive that could still write into the buffers.
        _ring.Dispose();
        NativeMemory.AlignedFree(_buffers);
    }
}
