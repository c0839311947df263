using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>CloseAsync against reads of the same handle: a read either reads the file it was given or fails with
/// ObjectDisposedException; it never runs on a closed descriptor number, nor on another file that reused it.</summary>
[Collection(nameof(DescriptorNumbers))]
public class EngineCloseTests : IDisposable
{
    private const int Rounds = 1000;
    private const int ReadsPerRound = 6;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(AsyncTestSupport.SetUps), MemberType = typeof(AsyncTestSupport))]
    public async Task Reads_racing_CloseAsync_never_touch_a_closed_or_reused_descriptor(EngineSetUp setUp)
    {
        string mine = _dir.File("mine.bin");
        string other = _dir.File("other.bin");
        File.WriteAllBytes(mine, Enumerable.Repeat((byte)'M', 64).ToArray());
        File.WriteAllBytes(other, Enumerable.Repeat((byte)'O', 64).ToArray());

        // A small in-flight bound makes reads wait for a slot while holding their handle reference, the window in
        // which a close could overtake them.
        await using RingEngine engine = AsyncTestSupport.Engine(setUp, maxInFlight: 2);
        using var stop = new CancellationTokenSource();

        // Meanwhile another thread keeps opening a different file, so a freed descriptor number is soon reused.
        Task reuser = Task.Run(() =>
        {
            var held = new Queue<SafeFileHandle>();
            while (!stop.IsCancellationRequested)
            {
                held.Enqueue(File.OpenHandle(other, FileMode.Open, FileAccess.Read));
                if (held.Count > 4)
                {
                    held.Dequeue().Dispose();
                }
            }

            while (held.Count > 0)
            {
                held.Dequeue().Dispose();
            }
        });

        var outcomes = new Dictionary<string, int>();
        try
        {
            for (int round = 0; round < Rounds; round++)
            {
                SafeFileHandle file = File.OpenHandle(mine, FileMode.Open, FileAccess.Read);
                int started = 0;
                int closeAfter = round % (ReadsPerRound + 1);
                var reads = new Task<string>[ReadsPerRound];
                for (int i = 0; i < reads.Length; i++)
                {
                    reads[i] = Task.Run(() =>
                    {
                        Interlocked.Increment(ref started);
                        return ReadOnce(engine, file);
                    });
                }

                // The close starts once a varying number of reads have started, so every interleaving comes up.
                Task<string> close = Task.Run(async () =>
                {
                    var spin = new SpinWait();
                    while (Volatile.Read(ref started) < closeAfter)
                    {
                        spin.SpinOnce();
                    }

                    await engine.CloseAsync(file).Within();
                    return "closed";
                });

                foreach (string outcome in await Task.WhenAll(reads.Append(close)).WaitAsync(AsyncTestSupport.Bound))
                {
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }
            }
        }
        finally
        {
            stop.Cancel();
            await reuser.WaitAsync(AsyncTestSupport.Bound);
        }

        string seen = string.Join(", ", outcomes.Select(pair => $"{pair.Key}: {pair.Value}"));
        outcomes.Keys.Should().BeSubsetOf(["read mine", "disposed", "closed"], $"outcomes were {seen}");
        outcomes["closed"].Should().Be(Rounds, "every CloseAsync completed");
        (outcomes.GetValueOrDefault("read mine") + outcomes.GetValueOrDefault("disposed")).Should().Be(Rounds * ReadsPerRound);
    }

    [Fact]
    public async Task Operations_after_CloseAsync_and_a_second_close_are_ObjectDisposedException()
    {
        string path = _dir.File("closed.bin");
        File.WriteAllBytes(path, new byte[16]);
        await using RingEngine engine = new();
        SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        int fd = DescriptorProbe.Number(file);
        await engine.CloseAsync(file).Within();

        DescriptorProbe.Target(fd).Should().NotBe(path, "the kernel closed the descriptor");
        file.IsClosed.Should().BeTrue();
        Action read = () => engine.ReadAsync(file, new byte[16], 0);
        read.Should().Throw<ObjectDisposedException>();
        Func<Task> again = async () => await engine.CloseAsync(file);
        await again.Should().ThrowAsync<ObjectDisposedException>();
        file.Dispose();
    }

    private static async Task<string> ReadOnce(RingEngine engine, SafeFileHandle file)
    {
        byte[] buffer = new byte[64];
        try
        {
            int read = await engine.ReadAsync(file, buffer, 0).Within();
            return read == 64 && buffer.All(b => b == 'M') ? "read mine"
                : buffer.Take(read).Any(b => b == 'O') ? "read ANOTHER file" : $"read {read} unexpected bytes";
        }
        catch (ObjectDisposedException)
        {
            return "disposed";
        }
        catch (IOException exception)
        {
            return exception.GetType().Name + ": " + exception.Message;
        }
    }
}
