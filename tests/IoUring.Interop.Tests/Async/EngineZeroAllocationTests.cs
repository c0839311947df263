using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>Runs alone: the allocation counter is process-wide.</summary>
[CollectionDefinition(nameof(AllocationCounting), DisableParallelization = true)]
public sealed class AllocationCounting
{
}

/// <summary>Awaited operations allocate nothing in steady state: pooled sources, the operation as its own thread-pool
/// work item, pins and handle references without heap objects.</summary>
[Collection(nameof(AllocationCounting))]
public class EngineZeroAllocationTests : IDisposable
{
    private const int Operations = 100_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_hundred_thousand_awaited_operations_allocate_nothing(bool deferTaskrun, bool inline)
    {
        string path = _dir.File("read.bin");
        File.WriteAllBytes(path, new byte[64 * 1024]);
        await using RingEngine engine = AsyncTestSupport.Engine(deferTaskrun, inline);
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            // Outside any synchronization context, as a server's code runs.
            long[] rounds = await Task.Run(() => Measure(engine, file, client, server)).WaitAsync(TimeSpan.FromMinutes(2));

            // Every round under one byte per operation: nothing is allocated per operation. At least one round exactly
            // zero: the rest is the runtime's own incidental work (a thread-pool thread starting) that can land in a round.
            rounds.Should().OnlyContain(bytes => bytes < Operations);
            rounds.Min().Should().Be(0);
        }
    }

    // One async method around the whole loop: its own state machine box is allocated at the first await, during the
    // warm-up (which also brings in JIT tiering, the pools and the thread pool's threads), never inside the count.
    // Per step, a NOP, a 4 KiB file read and a socket round trip (a send and a receive each way): six operations.
    private static async Task<long[]> Measure(RingEngine engine, SafeFileHandle file, Socket client, Socket server)
    {
        const int Rounds = 3;
        long[] allocated = new long[Rounds];
        byte[] buffer = GC.AllocateArray<byte>(4096, pinned: true);
        byte[] message = new byte[64];
        SubmissionEntry nop = new Nop().Build();
        const int WarmUp = 30_000;
        long before = 0;
        for (int done = -WarmUp; done < Rounds * Operations; done += 6)
        {
            if (done >= 0 && done % Operations < 6)
            {
                long now = GC.GetTotalAllocatedBytes(precise: true);
                if (done >= Operations)
                {
                    allocated[(done / Operations) - 1] = now - before;
                }

                before = now;
            }

            CompletionEntry completion = await engine.SubmitAsync(nop).ConfigureAwait(false);
            Check(completion.Result == 0);
            Check(await engine.ReadAsync(file, buffer, (done & 15) * 4096L).ConfigureAwait(false) == 4096);
            Check(await engine.SendAsync(client, message).ConfigureAwait(false) == message.Length);
            Check(await engine.ReceiveAsync(server, buffer.AsMemory(0, message.Length)).ConfigureAwait(false) == message.Length);
            Check(await engine.SendAsync(server, message).ConfigureAwait(false) == message.Length);
            Check(await engine.ReceiveAsync(client, buffer.AsMemory(0, message.Length)).ConfigureAwait(false) == message.Length);
        }

        allocated[Rounds - 1] = GC.GetTotalAllocatedBytes(precise: true) - before;
        return allocated;
    }

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("an operation returned an unexpected result");
        }
    }
}
