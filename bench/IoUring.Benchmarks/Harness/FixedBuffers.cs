using System;
using IoUring.Interop;
using IoUring.Interop.Native;

namespace IoUring.Benchmarks.Harness;

/// <summary>Registers Q equal slices of one pool as the ring's fixed buffers (io_uring_register(2) REGISTER_BUFFERS).</summary>
internal static unsafe class FixedBuffers
{
    public static void Register(Ring ring, byte* pool, int count, int size)
    {
        IoVector* vectors = stackalloc IoVector[count];
        for (int i = 0; i < count; i++)
        {
            vectors[i] = new IoVector(pool + (nint)i * size, (nuint)size);
        }

        int result = Syscalls.io_uring_register(ring.FileDescriptor, (uint)io_uring_register_op.IORING_REGISTER_BUFFERS, vectors, (uint)count);
        if (result < 0)
        {
            throw new IoUringException(-result, "io_uring_register(IORING_REGISTER_BUFFERS)");
        }
    }
}
