using System;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Benchmarks.Harness;

/// <summary>The io_uring side of <c>async-read</c>: the same loops as the RandomAccess side, awaiting <c>RingEngine.ReadAsync</c>.</summary>
internal static class RingAsyncReads
{
    public static Measurement Run(SafeFileHandle file, AlignedBuffers buffers, long blocks, AsyncReadOptions options, double warmup) =>
        throw new NotSupportedException("async-read --engine iouring needs the async layer (IoUring.Interop.Async), not merged yet");
}
