using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Issue 18, defects 3 and 4: a <see cref="ProvidedBufferPool"/> disposed before or while a
/// <see cref="RingEngine.ReceiveManyAsync"/> stream uses it ends the stream with <see cref="ObjectDisposedException"/>,
/// instead of re-arming a receive that can only fail with ENOBUFS for ever.</summary>
public class PoolDisposalTests
{
    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task ReceiveMany_over_an_already_disposed_pool_throws_ObjectDisposedException(EngineSetUp setUp)
    {
        RingEngine engine = AsyncTestSupport.Engine(setUp);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        try
        {
            var pool = new ProvidedBufferPool(engine, bufferCount: 4, bufferSize: 256);
            pool.Dispose();

            // Data waiting: a receive armed over the dead group fails at once with ENOBUFS.
            client.Send("x"u8);
            IAsyncEnumerator<ReceivedBuffer> stream = engine.ReceiveManyAsync(server, pool).GetAsyncEnumerator();
            Func<Task> next = () => stream.MoveNextAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
            ObjectDisposedException e = (await next.Should().ThrowAsync<ObjectDisposedException>()).Which;
            e.ObjectName.Should().Be(nameof(ProvidedBufferPool));
            await stream.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);

            long submitted = engine.Statistics.Submitted;
            (await engine.SubmitAsync(new IoUring.Interop.Opcodes.Nop().Build()).Within()).Result.Should().Be(0);
            engine.Statistics.Submitted.Should().Be(submitted + 1, "nothing is re-armed behind the caller's back");

            // The stream let go of the socket: Socket.Dispose waits for every reference (SafeSocketHandle).
            await Task.Run(server.Dispose).WaitAsync(AsyncTestSupport.Bound);
        }
        finally
        {
            // The engine first: before the fix the spinning stream holds the socket until the engine stops.
            await engine.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
            client.Dispose();
            server.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Disposing_the_pool_ends_an_open_stream_and_the_socket_disposes_promptly(EngineSetUp setUp)
    {
        RingEngine engine = AsyncTestSupport.Engine(setUp);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        try
        {
            var pool = new ProvidedBufferPool(engine, bufferCount: 4, bufferSize: 256);
            IAsyncEnumerator<ReceivedBuffer> stream = engine.ReceiveManyAsync(server, pool).GetAsyncEnumerator();
            client.Send("a"u8);
            (await stream.MoveNextAsync().AsTask().WaitAsync(AsyncTestSupport.Bound)).Should().BeTrue();
            stream.Current.Memory.ToArray().Should().Equal((byte)'a');
            stream.Current.Dispose();

            // The consumer waits on an armed receive; the pool goes away under it, then data and the peer's FIN arrive.
            Task<bool> waiting = stream.MoveNextAsync().AsTask();
            await Task.Run(pool.Dispose).WaitAsync(AsyncTestSupport.Bound);
            client.Send("b"u8);
            client.Shutdown(SocketShutdown.Send);

            Func<Task> ends = () => waiting.WaitAsync(AsyncTestSupport.Bound);
            (await ends.Should().ThrowAsync<ObjectDisposedException>()).Which.ObjectName.Should().Be(nameof(ProvidedBufferPool));
            await stream.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);

            await Task.Run(server.Dispose).WaitAsync(AsyncTestSupport.Bound);
        }
        finally
        {
            await engine.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
            client.Dispose();
            server.Dispose();
        }
    }
}
