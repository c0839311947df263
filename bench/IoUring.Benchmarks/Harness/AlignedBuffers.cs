using System;
using System.Buffers;
using System.Runtime.InteropServices;

namespace IoUring.Benchmarks.Harness;

/// <summary>
/// Q page-aligned buffers of native memory, each as a <see cref="Memory{T}"/>: O_DIRECT needs the buffer address
/// aligned to the device's block size (a pinned array is only 8-byte aligned), and pinning native memory costs nothing,
/// so both engines get the same buffers.
/// </summary>
internal sealed unsafe class AlignedBuffers : IDisposable
{
    private const int Alignment = 4096;
    private readonly byte* _pool;
    private readonly Slice[] _slices;

    public AlignedBuffers(int count, int size)
    {
        _pool = (byte*)NativeMemory.AlignedAlloc((nuint)count * (nuint)size, Alignment);
        _slices = new Slice[count];
        for (int i = 0; i < count; i++)
        {
            _slices[i] = new Slice(_pool + (nint)i * size, size);
        }
    }

    /// <summary>Buffer <paramref name="index"/>.</summary>
    public Memory<byte> this[int index] => _slices[index].Memory;

    public void Dispose() => NativeMemory.AlignedFree(_pool);

    private sealed class Slice(byte* start, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(start, length);

        // Native memory never moves: the handle is the address, with nothing to release.
        public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
