using System;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace IoUring.Benchmarks.Harness;

/// <summary>The io_uring side of the echo server: the same loop as the Socket side, awaiting the async layer.</summary>
internal static class RingEchoServer
{
    public static Task AcceptAsync(Socket listener, int bufferSize) =>
        throw new NotSupportedException("echo --engine iouring needs the async layer (IoUring.Interop.Async), not merged yet");
}
