using System;

namespace IoUring.Interop.Async;

/// <summary>One chunk received into a <see cref="ProvidedBufferPool"/> buffer; <see cref="Dispose"/> gives the
/// buffer back to the kernel.</summary>
/// <remarks>Read <see cref="Memory"/> before disposing: afterwards the kernel may fill the buffer again. Disposing a
/// copy twice is harmless. Available since Linux 5.19.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_recv_multishot.3.html"/>
public readonly struct ReceivedBuffer : IDisposable
{
    private readonly ProvidedBufferPool? _pool;
    private readonly ushort _id;
    private readonly int _length;
    private readonly int _generation;

    internal ReceivedBuffer(ProvidedBufferPool pool, ushort id, int length, int generation)
    {
        _pool = pool;
        _id = id;
        _length = length;
        _generation = generation;
    }

    /// <summary>The received bytes.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public ReadOnlyMemory<byte> Memory => _pool is null ? default : _pool.Slice(_id, _length);

    /// <summary>The id of the pool buffer holding the bytes.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public ushort BufferId => _id;

    /// <summary>Gives the buffer back to the pool's ring.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public void Dispose() => _pool?.Return(_id, _generation);
}
