using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Multishot accept and receive as async streams over a provided-buffer ring.</summary>
public class EngineMultishotTests
{
    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task AcceptMany_yields_each_connection(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        using Socket listener = AsyncTestSupport.Listen();
        var clients = new List<Socket>();
        try
        {
            for (int i = 0; i < 5; i++)
            {
                var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                client.Connect(listener.LocalEndPoint!);
                clients.Add(client);
            }

            var accepted = new List<Socket>();
            using var cts = new CancellationTokenSource(AsyncTestSupport.Bound);
            await foreach (Socket server in engine.AcceptManyAsync(listener, cts.Token))
            {
                accepted.Add(server);
                if (accepted.Count == clients.Count)
                {
                    break;
                }
            }

            accepted.Select(s => s.RemoteEndPoint).Should().BeEquivalentTo(clients.Select(c => c.LocalEndPoint));
            foreach (Socket server in accepted)
            {
                server.Dispose();
            }

            // Breaking out cancelled the request: a new stream accepts the next connection.
            using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            late.Connect(listener.LocalEndPoint!);
            await using IAsyncEnumerator<Socket> again = engine.AcceptManyAsync(listener, cts.Token).GetAsyncEnumerator();
            (await again.MoveNextAsync()).Should().BeTrue();
            using Socket lateServer = again.Current;
            lateServer.RemoteEndPoint.Should().Be(late.LocalEndPoint);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task ReceiveMany_delivers_every_byte_in_order_and_rearms_when_buffers_run_out(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        using var pool = new ProvidedBufferPool(engine, bufferCount: 4, bufferSize: 256);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (server)
        {
            // 64 KiB through 4 buffers of 256 bytes: the kernel runs dry (ENOBUFS) many times over.
            byte[] data = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 13 + 5)).ToArray();
            Task sender = Task.Run(() =>
            {
                using (client)
                {
                    for (int offset = 0; offset < data.Length; offset += 4096)
                    {
                        client.Send(data.AsSpan(offset, 4096));
                    }

                    client.Shutdown(SocketShutdown.Send);
                }
            });

            var received = new List<byte>();
            using var cts = new CancellationTokenSource(AsyncTestSupport.Bound);
            await foreach (ReceivedBuffer chunk in engine.ReceiveManyAsync(server, pool, cts.Token))
            {
                using (chunk)
                {
                    chunk.Memory.Length.Should().BeInRange(1, 256);
                    received.AddRange(chunk.Memory.ToArray());
                }
            }

            await sender.WaitAsync(AsyncTestSupport.Bound);
            received.Should().Equal(data, "the stream ended at the peer's shutdown with every byte, in order");
        }
    }

    [Fact]
    public async Task ReceiveMany_ends_with_OperationCanceledException_on_its_token()
    {
        await using var engine = new RingEngine();
        using var pool = new ProvidedBufferPool(engine, 8, 128);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            using var cts = new CancellationTokenSource();
            Func<Task> reading = async () =>
            {
                await foreach (ReceivedBuffer chunk in engine.ReceiveManyAsync(server, pool, cts.Token))
                {
                    chunk.Dispose();
                    cts.Cancel();
                }
            };

            client.Send("abc"u8);
            await reading.Should().ThrowAsync<OperationCanceledException>();

            // The socket still works with a one-shot receive afterwards.
            client.Send("d"u8);
            byte[] one = new byte[8];
            (await engine.ReceiveAsync(server, one).Within()).Should().BeGreaterThan(0);
        }
    }

    [Fact]
    public void A_pool_of_another_engine_is_refused()
    {
        using var first = new RingEngine();
        using var second = new RingEngine();
        using var pool = new ProvidedBufferPool(first, 2, 64);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            Action wrong = () => second.ReceiveManyAsync(server, pool);
            wrong.Should().Throw<ArgumentException>().WithParameterName("pool");
        }
    }

    [Fact]
    public async Task A_received_buffer_disposed_twice_returns_once()
    {
        await using var engine = new RingEngine();
        using var pool = new ProvidedBufferPool(engine, 1, 64);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (server)
        {
            var chunks = new List<string>();
            Task sender = Task.Run(async () =>
            {
                using (client)
                {
                    foreach (string word in new[] { "one", "two", "three" })
                    {
                        client.Send(System.Text.Encoding.ASCII.GetBytes(word));
                        await Task.Delay(30);
                    }
                }
            });

            await foreach (ReceivedBuffer chunk in engine.ReceiveManyAsync(server, pool).WithCancellation(new CancellationTokenSource(AsyncTestSupport.Bound).Token))
            {
                chunks.Add(System.Text.Encoding.ASCII.GetString(chunk.Memory.Span));
                ReceivedBuffer copy = chunk;
                chunk.Dispose();
                copy.Dispose();
            }

            await sender;
            string.Concat(chunks).Should().Be("onetwothree");
        }
    }

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task A_stream_whose_pool_is_empty_waits_for_a_returned_buffer_instead_of_rearming(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        using var pool = new ProvidedBufferPool(engine, bufferCount: 2, bufferSize: 256);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            byte[] data = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 + 3)).ToArray();
            client.Send(data);
            await using IAsyncEnumerator<ReceivedBuffer> chunks = engine.ReceiveManyAsync(server, pool).GetAsyncEnumerator();
            var received = new List<byte>();
            var held = new List<ReceivedBuffer>();
            for (int i = 0; i < 2; i++)
            {
                (await chunks.MoveNextAsync().Within()).Should().BeTrue();
                held.Add(chunks.Current);
            }

            // Both buffers are held and data is waiting: the kernel answers ENOBUFS. Re-arming at once would answer
            // ENOBUFS again, for ever (a request per turn of the engine's loop); the stream must wait for a buffer.
            long before = engine.Statistics.Submitted;
            ValueTask<bool> third = chunks.MoveNextAsync();
            await Task.Delay(300, TestContext.Current.CancellationToken);
            long rearms = engine.Statistics.Submitted - before;
            third.IsCompleted.Should().BeFalse("no buffer is free to receive into");
            rearms.Should().BeLessThan(10, "a stream with no buffer to receive into must not spin");

            foreach (ReceivedBuffer chunk in held)
            {
                received.AddRange(chunk.Memory.ToArray());
                chunk.Dispose();
            }

            bool has = await third.Within();
            while (has)
            {
                using (chunks.Current)
                {
                    received.AddRange(chunks.Current.Memory.ToArray());
                }

                if (received.Count == data.Length)
                {
                    break;
                }

                has = await chunks.MoveNextAsync().Within();
            }

            received.Should().Equal(data, "every byte arrives, in order, once buffers come back");
        }
    }
}
