using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Issue 18, defect 6 (a, b): a multishot stream's descriptor. A re-arm must not reach another file that
/// reused the number of a handle closed meanwhile, and a stream that fails to start releases its handle reference.</summary>
[Collection(nameof(DescriptorNumbers))]
public partial class MultishotHandleTests
{
    private const int F_GETFD = 1;

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task A_rearm_after_CloseAsync_never_receives_from_the_file_that_reused_the_number(EngineSetUp setUp)
    {
        RingEngine engine = AsyncTestSupport.Engine(setUp);
        (Socket clientA, Socket serverA) = AsyncTestSupport.ConnectedPair();
        (Socket clientB, Socket serverB) = AsyncTestSupport.ConnectedPair();
        int number = DescriptorProbe.Number(serverA.SafeHandle);
        bool reused = false;
        IAsyncEnumerator<ReceivedBuffer>? stream = null;
        try
        {
            // One buffer: the first chunk takes it, the next one makes the kernel end the request (ENOBUFS), so the
            // stream must re-arm once the buffer is back.
            using var pool = new ProvidedBufferPool(engine, bufferCount: 1, bufferSize: 64);
            stream = engine.ReceiveManyAsync(serverA, pool).GetAsyncEnumerator();
            clientA.Send("a"u8);
            (await stream.MoveNextAsync().AsTask().WaitAsync(AsyncTestSupport.Bound)).Should().BeTrue();
            ReceivedBuffer first = stream.Current;

            long completions = engine.Statistics.Completions;
            clientA.Send("b"u8);
            var clock = Stopwatch.StartNew();
            while (engine.Statistics.Completions == completions)
            {
                clock.Elapsed.Should().BeLessThan(AsyncTestSupport.Bound, "the kernel ends the receive with ENOBUFS");
                await Task.Delay(5);
            }

            // The handle is closed through the engine while the stream is open; another socket takes its number.
            await engine.CloseAsync(serverA.SafeHandle).Within();
            DescriptorProbe.Target(number).Should().BeNull("CloseAsync closed the number");
            DescriptorProbe.Dup2(DescriptorProbe.Number(serverB.SafeHandle), number).Should().Be(number);
            reused = true;
            clientB.Send("zz"u8);

            first.Dispose();
            Task<bool> next = stream.MoveNextAsync().AsTask();
            Func<Task> rearm = () => next.WaitAsync(AsyncTestSupport.Bound);
            (await rearm.Should().ThrowAsync<ObjectDisposedException>("the handle the stream was started on is closed")).Which
                .Message.Should().Contain("closed");
            serverB.Available.Should().Be(2, "the other socket's data was not taken by the stream");
        }
        finally
        {
            if (stream is not null)
            {
                try
                {
                    await stream.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
                }
                catch (Exception)
                {
                    // Reported by the assertions above.
                }
            }

            await engine.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
            if (reused)
            {
                Libc.close(number);
            }

            // Not serverA.Dispose(): its handle was marked invalid by CloseAsync, so SafeSocketHandle never sees its
            // release and Socket.Dispose would spin for ever (the number is closed already).
            clientA.Dispose();
            clientB.Dispose();
            serverB.Dispose();
        }
    }

    [Fact]
    public async Task A_stream_that_cannot_get_a_table_slot_releases_its_handle_reference()
    {
        await using RingEngine engine = AsyncTestSupport.Engine(EngineSetUp.DeferTaskRun);
        Socket listener = AsyncTestSupport.Listen();
        int number = DescriptorProbe.Number(listener.SafeHandle);

        // The table refuses new operations once user_data ids run out (2^31 - 2 of them); reaching that for real
        // takes billions of objects, so the count is set just below the limit for this one call.
        FieldInfo count = typeof(RingEngine).GetField("_tableCount", BindingFlags.NonPublic | BindingFlags.Instance)!;
        int saved = (int)count.GetValue(engine)!;
        count.SetValue(engine, int.MaxValue - 1);
        try
        {
            IAsyncEnumerator<Socket> stream = engine.AcceptManyAsync(listener).GetAsyncEnumerator();
            Func<Task> next = () => stream.MoveNextAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
            await next.Should().ThrowAsync<InvalidOperationException>().WithMessage("*table is full*");
        }
        finally
        {
            count.SetValue(engine, saved);
        }

        // With no reference left, disposing the handle closes the descriptor at once.
        listener.SafeHandle.Dispose();
        Fcntl(number, F_GETFD).Should().Be(-1, "the descriptor was closed: no leaked reference keeps it open");
        listener.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command);
}
