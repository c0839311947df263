using System;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Cancellation before submission, in flight and after completion: the await ends with
/// OperationCanceledException only after the kernel's completion, and never loses or doubles a result.</summary>
public class EngineCancellationTests
{
    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Cancelled_before_submission_never_reaches_the_kernel(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Func<Task> receive = () => engine.ReceiveAsync(server, new byte[16], cancellationToken: cts.Token).Within();
            (await receive.Should().ThrowAsync<OperationCanceledException>()).Which.CancellationToken.Should().Be(cts.Token);

            // Had the receive reached the kernel, it would take this data.
            client.Send("x"u8);
            byte[] buffer = new byte[16];
            (await engine.ReceiveAsync(server, buffer).Within()).Should().Be(1);
        }
    }

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Cancelled_in_flight_ends_after_the_kernel_confirms(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            using var cts = new CancellationTokenSource();
            ValueTask<int> receive = engine.ReceiveAsync(server, new byte[16], cancellationToken: cts.Token);
            await Task.Delay(50);
            receive.IsCompleted.Should().BeFalse("nothing was sent");

            cts.Cancel();

            Func<Task> awaiting = () => receive.Within();
            (await awaiting.Should().ThrowAsync<OperationCanceledException>()).Which.CancellationToken.Should().Be(cts.Token);
            client.Send("y"u8);
            byte[] buffer = new byte[16];
            (await engine.ReceiveAsync(server, buffer).Within()).Should().Be(1, "the cancelled receive took nothing");
            buffer[0].Should().Be((byte)'y');
        }
    }

    [Fact]
    public async Task Cancelled_after_completion_keeps_the_result()
    {
        await using var engine = new RingEngine();
        using var cts = new CancellationTokenSource();
        CompletionEntry done = await engine.SubmitAsync(new Nop().Build(), cts.Token).Within();
        cts.Cancel();
        done.Result.Should().Be(0);
        (await engine.SubmitAsync(new Nop().Build()).Within()).Result.Should().Be(0, "the engine is unaffected");
    }

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Racing_cancellation_against_completion_gives_exactly_one_outcome(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        int completed = 0, cancelled = 0;
        for (int i = 0; i < 2000; i++)
        {
            using var cts = new CancellationTokenSource();
            ValueTask delay = engine.DelayAsync(TimeSpan.FromTicks(i % 50 * 10), cts.Token);
            if (i % 3 == 0)
            {
                cts.Cancel();
            }
            else
            {
                _ = Task.Run(cts.Cancel);
            }

            try
            {
                await delay.Within();
                completed++;
            }
            catch (OperationCanceledException e)
            {
                e.CancellationToken.Should().Be(cts.Token);
                cancelled++;
            }
        }

        (completed + cancelled).Should().Be(2000);
        cancelled.Should().BeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Racing_cancellation_against_arriving_data_never_loses_a_byte(EngineSetUp setUp)
    {
        await using RingEngine engine = AsyncTestSupport.Engine(setUp);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            const int Rounds = 300;
            var received = new System.Collections.Generic.List<byte>();
            byte[] buffer = new byte[16];
            int cancelled = 0;
            for (int i = 0; i < Rounds; i++)
            {
                using var cts = new CancellationTokenSource();
                ValueTask<int> receive = engine.ReceiveAsync(server, buffer, cancellationToken: cts.Token);
                byte value = (byte)i;
                Task send = Task.Run(() => client.Send(new[] { value }));
                Task cancel = Task.Run(cts.Cancel);
                try
                {
                    int count = await receive.Within();
                    received.AddRange(buffer.Take(count));
                }
                catch (OperationCanceledException)
                {
                    cancelled++;
                }

                await Task.WhenAll(send, cancel);
            }

            // Whatever a cancelled receive did not take is still in the socket.
            client.Shutdown(SocketShutdown.Send);
            int n;
            while ((n = await engine.ReceiveAsync(server, buffer).Within()) > 0)
            {
                received.AddRange(buffer.Take(n));
            }

            received.Should().Equal(Enumerable.Range(0, Rounds).Select(i => (byte)i), "every byte arrives once, in order");
        }
    }

    [Fact]
    public async Task A_linked_timeout_ends_the_await_with_TimeoutException()
    {
        await using var engine = new RingEngine();
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            byte[] buffer = new byte[16];
            using System.Buffers.MemoryHandle pin = buffer.AsMemory().Pin();
            SubmissionEntry recv;
            unsafe
            {
                recv = new Recv(new Fd((int)server.SafeHandle.DangerousGetHandle()), (byte*)pin.Pointer, 16).Build();
            }

            Func<Task> timed = () => engine.SubmitAsync(recv, TimeSpan.FromMilliseconds(20)).Within();
            await timed.Should().ThrowAsync<TimeoutException>();

            client.Send("z"u8);
            CompletionEntry quick = await engine.SubmitAsync(recv, TimeSpan.FromSeconds(20)).Within();
            quick.Result.Should().Be(1);
        }
    }
}
