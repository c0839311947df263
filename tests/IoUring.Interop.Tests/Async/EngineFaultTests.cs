using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Runs alone: tests that find or replace descriptors by number must not race other tests opening rings.</summary>
[CollectionDefinition(nameof(DescriptorNumbers), DisableParallelization = true)]
public sealed class DescriptorNumbers
{
}

/// <summary>An io_uring_enter error the engine cannot retry stops the engine, not the process.</summary>
/// <remarks>The trigger is real: the ring's descriptor number is replaced (dup2) by /dev/null, as a bug elsewhere in a
/// process that closes or reuses descriptors it does not own would do, and the kernel then refuses io_uring_enter
/// with EOPNOTSUPP (the number no longer refers to an io_uring).</remarks>
[Collection(nameof(DescriptorNumbers))]
public partial class EngineFaultTests
{
    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task An_io_uring_enter_error_fails_every_operation_and_later_calls_and_disposal_completes(EngineSetUp setUp)
    {
        HashSet<int> before = DescriptorProbe.RingDescriptors();
        RingEngine engine = AsyncTestSupport.Engine(setUp);
        int ringFd = DescriptorProbe.RingDescriptors().Except(before).Should().ContainSingle("the engine opened one ring").Subject;

        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        using (SafeHandleScope devNull = new(File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read)))
        {
            // In the kernel when the engine fails: nothing can complete them.
            Task receive = engine.ReceiveAsync(server, new byte[16]).AsTask();
            Task delay = engine.DelayAsync(TimeSpan.FromHours(1)).AsTask();
            (await engine.SubmitAsync(new Nop().Build()).Within()).Result.Should().Be(0, "the engine works before the fault");

            DescriptorProbe.Dup2((int)devNull.Handle.DangerousGetHandle(), ringFd).Should().Be(ringFd, "dup2 replaced the ring's descriptor");

            // The next submission makes the engine enter the ring through the replaced number.
            Task trigger = engine.SubmitAsync(new Nop().Build()).AsTask();

            foreach (Task task in new[] { trigger, receive, delay })
            {
                Func<Task> awaited = () => task.WaitAsync(AsyncTestSupport.Bound);
                ObjectDisposedException disposed = (await awaited.Should().ThrowAsync<ObjectDisposedException>()).Which;
                IoUringException cause = disposed.InnerException.Should().BeOfType<IoUringException>().Subject;
                cause.Operation.Should().Be("io_uring_enter");
                cause.Error.Should().Be(IoUring.Interop.Errno.EOPNOTSUPP);
                disposed.Message.Should().Contain("io_uring_enter").And.Contain("EOPNOTSUPP");
            }

            // New calls fail at once with the same cause.
            Action later = () => engine.ReceiveAsync(server, new byte[16]);
            later.Should().Throw<ObjectDisposedException>().WithInnerException<IoUringException>().Which.Error.Should().Be(IoUring.Interop.Errno.EOPNOTSUPP);

            await engine.DisposeAsync().Within();

            // The process and other engines carry on.
            await using RingEngine other = AsyncTestSupport.Engine(setUp);
            (await other.SubmitAsync(new Nop().Build()).Within()).Result.Should().Be(0);
        }
    }

    private sealed class SafeHandleScope(SafeHandle handle) : IDisposable
    {
        internal SafeHandle Handle { get; } = handle;

        public void Dispose() => Handle.Dispose();
    }
}
