using System;
using System.Runtime.InteropServices;

namespace IoUring.Interop.Tests.Opcodes.Support;

/// <summary>
/// A registered <see cref="BufferRing"/> over zeroed native memory: <c>published</c> buffers of <c>size</c> bytes,
/// buffer <c>i</c> at slot <c>i</c> with id <c>i</c>, the setup every buffer-selecting test starts from.
/// </summary>
internal sealed unsafe class ProvidedBuffers : IDisposable
{
    private readonly int size;

    /// <summary>Allocates <paramref name="entries"/> buffers, publishes the first <paramref name="published"/> (all by default) and registers group <paramref name="group"/> with <paramref name="ring"/>.</summary>
    public ProvidedBuffers(Ring ring, ushort entries, ushort group, int size, int published = -1)
    {
        this.size = size;
        Ring = new BufferRing(entries, group);
        Memory = (byte*)NativeMemory.AllocZeroed((nuint)(entries * size));
        int count = published < 0 ? entries : published;
        for (ushort i = 0; i < count; i++)
        {
            Ring.Add(Buffer(i), (uint)size, i, i);
        }

        Ring.Advance(count);
        Ring.Register(ring.Submitter);
    }

    /// <summary>The buffer ring, for recycling buffers.</summary>
    public BufferRing Ring { get; }

    /// <summary>Start of buffer 0; the buffers follow each other.</summary>
    public byte* Memory { get; }

    /// <summary>Start of buffer <paramref name="id"/>.</summary>
    public byte* Buffer(int id) => Memory + (id * size);

    /// <summary>Unregisters the group (the kernel keeps reading a registered ring), then frees the buffers.</summary>
    public void Dispose()
    {
        Ring.Dispose();
        NativeMemory.Free(Memory);
    }
}
