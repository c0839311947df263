using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Issue 18, defect 6 (c, d): after an engine fault the kernel's teardown of the ring runs on its own time and
/// may still write into a provided buffer an armed receive picked, so the pool's memory is never freed; and every
/// refusal after the fault carries the fault as its cause.</summary>
/// <remarks>The fault is real, as in <see cref="EngineFaultTests"/>: the ring's descriptor number is replaced by
/// /dev/null, so io_uring_enter fails with EOPNOTSUPP.</remarks>
[Collection(nameof(DescriptorNumbers))]
public partial class EngineFaultMemoryTests
{
    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task After_a_fault_the_pool_memory_an_armed_receive_may_write_is_never_freed(EngineSetUp setUp)
    {
        HashSet<int> before = DescriptorProbe.RingDescriptors();
        RingEngine engine = AsyncTestSupport.Engine(setUp);
        int ringFd = DescriptorProbe.RingDescriptors().Except(before).Should().ContainSingle().Subject;
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        try
        {
            (WeakReference buffers, BufferRing ring) = await ReceiveThenFault(engine, client, server, ringFd);

            ring.Address.Should().NotBe(0, "the buffer ring the kernel reads is not freed after a fault");
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            buffers.IsAlive.Should().BeTrue("the kernel may still write into the buffers: they are kept, never collected");
        }
        finally
        {
            await engine.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
            client.Dispose();
            server.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Engine_commands_refused_after_a_fault_carry_the_fault(EngineSetUp setUp)
    {
        HashSet<int> before = DescriptorProbe.RingDescriptors();
        RingEngine engine = AsyncTestSupport.Engine(setUp);
        int ringFd = DescriptorProbe.RingDescriptors().Except(before).Should().ContainSingle().Subject;
        try
        {
            await Fault(engine, ringFd);

            // A pool registers on the engine thread (an engine command).
            Action create = () => new ProvidedBufferPool(engine, 1, 64).Dispose();
            ObjectDisposedException e = create.Should().Throw<ObjectDisposedException>().Which;
            e.InnerException.Should().BeOfType<IoUringException>().Which.Error.Should().Be(IoUring.Interop.Errno.EOPNOTSUPP);
        }
        finally
        {
            await engine.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
        }
    }

    // Everything that references the pool lives in this frame and the stream's, so after it returns only what the
    // library keeps can hold the pool's memory.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<(WeakReference Buffers, BufferRing Ring)> ReceiveThenFault(RingEngine engine, Socket client, Socket server, int ringFd)
    {
        var pool = new ProvidedBufferPool(engine, bufferCount: 4, bufferSize: 64);
        BufferRing ring = (BufferRing)typeof(ProvidedBufferPool).GetField("_ring", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(pool)!;
        IAsyncEnumerator<ReceivedBuffer> stream = engine.ReceiveManyAsync(server, pool).GetAsyncEnumerator();
        client.Send("a"u8);
        (await stream.MoveNextAsync().AsTask().WaitAsync(AsyncTestSupport.Bound)).Should().BeTrue();
        MemoryMarshal.TryGetArray(stream.Current.Memory, out ArraySegment<byte> segment).Should().BeTrue();
        var buffers = new WeakReference(segment.Array);
        stream.Current.Dispose();

        // The receive stays armed in the kernel (more buffers are free) when the engine faults.
        Task<bool> waiting = stream.MoveNextAsync().AsTask();
        await Fault(engine, ringFd);
        Func<Task> ended = () => waiting.WaitAsync(AsyncTestSupport.Bound);
        await ended.Should().ThrowAsync<ObjectDisposedException>();
        await stream.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
        await engine.DisposeAsync().AsTask().WaitAsync(AsyncTestSupport.Bound);
        pool.Dispose();
        return (buffers, ring);
    }

    private static async Task Fault(RingEngine engine, int ringFd)
    {
        using (var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read))
        {
            DescriptorProbe.Dup2((int)devNull.DangerousGetHandle(), ringFd).Should().Be(ringFd);
        }

        Func<Task> trigger = () => engine.SubmitAsync(new Nop().Build()).AsTask().WaitAsync(AsyncTestSupport.Bound);
        await trigger.Should().ThrowAsync<ObjectDisposedException>();
    }
}
