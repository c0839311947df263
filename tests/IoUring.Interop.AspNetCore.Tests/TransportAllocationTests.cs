using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>The transport by itself, without Kestrel: a connection's receive and send loops and its pipes allocate
/// nothing per round trip.</summary>
[Collection(nameof(AllocationCounting))]
public sealed class TransportAllocationTests
{
    private const int Size = 64;
    private const int Warmup = 20_000;
    private const int Measured = 10_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EchoOverTheConnectionPipesAllocatesNothingPerRoundTrip(bool multishot)
    {
        if (!IoUringAvailability.Probe().IsAvailable)
        {
            Assert.Skip("io_uring is not available here: " + IoUringAvailability.Probe().Reason);
        }

        await using var factory = new IoUringTransportFactory(
            Options.Create(new IoUringTransportOptions { RequireIoUring = true, MultishotReceive = multishot }),
            Options.Create(new SocketTransportOptions()),
            NullLoggerFactory.Instance,
            new BlockPoolFactory());
        IConnectionListener listener = await factory.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), TestContext.Current.CancellationToken);
        await using var unbind = listener;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000 };
        Task<ConnectionContext?> accepting = listener.AcceptAsync(TestContext.Current.CancellationToken).AsTask();

        // Connected synchronously, the socket stays blocking: its Send and Receive are plain system calls. (After
        // ConnectAsync, .NET runs blocking calls over its async engine, which allocates per call.)
        client.Connect(listener.EndPoint);
        ConnectionContext connection = (await accepting.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken))!;
        Task echo = EchoAsync(connection.Transport);

        double perRoundTrip = double.MaxValue;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
          try
          {
            byte[] message = new byte[Size];
            byte[] reply = new byte[Size];
            for (int i = 0; i < Warmup; i++)
            {
                RoundTrip(client, message, reply, i);
            }

            for (int round = 0; round < 3; round++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < Measured; i++)
                {
                    RoundTrip(client, message, reply, i);
                }

                perRoundTrip = Math.Min(perRoundTrip, (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / Measured);
            }
          }
          catch (Exception e)
          {
              failure = e;
          }
        });
        thread.Start();
        thread.Join();

        failure.Should().BeNull();
        client.Shutdown(SocketShutdown.Send);
        await echo.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await connection.DisposeAsync();

        if (multishot)
        {
            ((Internal.IoUringConnection)connection).MultishotChunks.Should().BeGreaterThanOrEqualTo(Warmup + (3 * Measured), "every message came through the multishot receive");
        }

        // Less than a byte per round trip: an object anywhere on the path (24 bytes at least) would show as 24 or more.
        perRoundTrip.Should().BeLessThan(1.0, "the receive loop, the send loop and the pipes reuse everything");
    }

    private static async Task EchoAsync(IDuplexPipe pipe)
    {
        while (true)
        {
            ReadResult result = await pipe.Input.ReadAsync();
            foreach (ReadOnlyMemory<byte> segment in result.Buffer)
            {
                pipe.Output.Write(segment.Span);
            }

            pipe.Input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                await pipe.Output.CompleteAsync();
                return;
            }

            await pipe.Output.FlushAsync();
        }
    }

    private static void RoundTrip(Socket socket, byte[] message, byte[] reply, int i)
    {
        message[0] = (byte)i;
        socket.Send(message);
        int received = 0;
        while (received < reply.Length)
        {
            int n = socket.Receive(reply, received, reply.Length - received, SocketFlags.None);
            if (n == 0)
            {
                throw new InvalidOperationException("the transport closed the connection");
            }

            received += n;
        }

        if (reply[0] != (byte)i)
        {
            throw new InvalidOperationException($"round trip {i} came back with {reply[0]}");
        }
    }

    /// <summary>A memory pool that reuses its blocks and their owners, as Kestrel's pinned block pool does (the shared
    /// ArrayPool-backed pool allocates an owner per rent).</summary>
    private sealed class BlockPoolFactory : IMemoryPoolFactory<byte>
    {
        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new BlockPool();
    }

    private sealed class BlockPool : MemoryPool<byte>
    {
        private const int BlockSize = 4096;
        private readonly System.Collections.Generic.Stack<Block> _free = new();
        private readonly Lock _lock = new();

        public override int MaxBufferSize => BlockSize;

        public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
        {
            if (minBufferSize > BlockSize)
            {
                throw new ArgumentOutOfRangeException(nameof(minBufferSize), minBufferSize, $"at most {BlockSize}");
            }

            lock (_lock)
            {
                return _free.TryPop(out Block? block) ? block : new Block(this);
            }
        }

        protected override void Dispose(bool disposing)
        {
        }

        private sealed class Block(BlockPool pool) : IMemoryOwner<byte>
        {
            private readonly byte[] _array = GC.AllocateArray<byte>(BlockSize, pinned: true);

            public Memory<byte> Memory => _array;

            public void Dispose()
            {
                lock (pool._lock)
                {
                    pool._free.Push(this);
                }
            }
        }
    }
}
