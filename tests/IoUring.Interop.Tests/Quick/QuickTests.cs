using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Async;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Quick;

// Every await here is bounded by Within (30 s); the engine's own cancellation is what one test is about, so the
// test's token is not threaded through (xUnit1051).
#pragma warning disable xUnit1051

/// <summary>
/// README's quick subset (<c>--filter Category=Quick</c>): a handful of tests that show, in seconds, that the library
/// works on this kernel — a ring round trip, the probe, a raw read, and the async engine's files, sockets and
/// cancellation. The whole suite covers each of these in depth; these only say "io_uring works here".
/// </summary>
[Trait(Category, Quick)]
public sealed class QuickTests : IDisposable
{
    public const string Category = "Category";
    public const string Quick = "Quick";

    private readonly TempDirectory _directory = new();

    [Fact]
    public void A_ring_round_trips_a_nop()
    {
        using var ring = new Ring(entries: 8);
        ring.SubmissionQueue.TryPush(new Nop().Build().WithUserData(42)).Should().BeTrue();
        ring.SubmitAndWait(1);

        ring.CompletionQueue.TryDequeue(out CompletionEntry cqe).Should().BeTrue();
        cqe.UserData.Should().Be(42);
        cqe.Result.Should().Be(0);
    }

    [Fact]
    public void The_probe_lists_the_basic_opcodes()
    {
        using var ring = new Ring(entries: 8);
        Probe probe = ring.Submitter.GetProbe();

        // NOP (5.1), READ and WRITE (5.6): any kernel this library supports has them.
        probe.IsSupported(Opcode.Nop).Should().BeTrue();
        probe.IsSupported(Opcode.Read).Should().BeTrue();
        probe.IsSupported(Opcode.Write).Should().BeTrue();
    }

    [Fact]
    public unsafe void A_raw_read_returns_the_files_bytes()
    {
        string path = _directory.File("raw.txt");
        File.WriteAllText(path, "raw read");
        using SafeFileHandle file = File.OpenHandle(path);
        using var ring = new Ring(entries: 8);
        byte[] buffer = GC.AllocateArray<byte>(64, pinned: true);

        fixed (byte* data = buffer)
        {
            ring.SubmissionQueue.TryPush(new Read(new Fd((int)file.DangerousGetHandle()), data, (uint)buffer.Length) { Offset = 0 }.Build());
        }

        ring.SubmitAndWait(1);
        ring.CompletionQueue.TryDequeue(out CompletionEntry cqe).Should().BeTrue();
        int length = cqe.ThrowIfError("read");
        Encoding.ASCII.GetString(buffer, 0, length).Should().Be("raw read");
    }

    [Fact]
    public async Task The_engine_writes_reads_and_stats_a_file()
    {
        await using var engine = new RingEngine();
        string path = _directory.File("engine.bin");
        byte[] data = Encoding.ASCII.GetBytes("written and read back through the engine");

        using (SafeFileHandle file = await engine.OpenAsync(path, FileMode.Create, FileAccess.Write).Within())
        {
            await engine.WriteAsync(file, data, offset: 0).Within();
        }

        using SafeFileHandle read = await engine.OpenAsync(path, FileMode.Open, FileAccess.Read).Within();
        byte[] buffer = new byte[128];
        int count = await engine.ReadAsync(read, buffer, offset: 0).Within();
        StatxBuffer stat = await engine.StatAsync(path).Within();

        buffer.AsSpan(0, count).ToArray().Should().Equal(data);
        stat.Size.Should().Be((ulong)data.Length);
    }

    [Fact]
    public async Task The_engine_connects_accepts_and_echoes_on_loopback()
    {
        await using var engine = new RingEngine();
        using Socket listener = AsyncTestSupport.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        await engine.ConnectAsync(client, listener.LocalEndPoint!).Within();
        using Socket server = await engine.AcceptAsync(listener).Within();
        await engine.SendAsync(client, "ping"u8.ToArray()).Within();
        byte[] buffer = new byte[16];
        int received = await engine.ReceiveAsync(server, buffer).Within();
        await engine.SendAsync(server, buffer.AsMemory(0, received)).Within();
        int echoed = await engine.ReceiveAsync(client, buffer).Within();

        Encoding.ASCII.GetString(buffer, 0, echoed).Should().Be("ping");
    }

    [Fact]
    public async Task Cancellation_ends_a_pending_receive_in_the_kernel()
    {
        await using var engine = new RingEngine();
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            using var cancel = new CancellationTokenSource();
            ValueTask<int> receive = engine.ReceiveAsync(server, new byte[16], cancellationToken: cancel.Token);
            cancel.Cancel();

            Func<Task> wait = () => receive.AsTask().WaitAsync(AsyncTestSupport.Bound);
            (await wait.Should().ThrowAsync<OperationCanceledException>()).Which.CancellationToken.Should().Be(cancel.Token);
        }
    }

    [Fact]
    public async Task A_kernel_timer_fires()
    {
        await using var engine = new RingEngine();

        // A bound, not a duration: the timer must end, however slow the machine.
        await engine.DelayAsync(TimeSpan.FromMilliseconds(10)).Within();
    }

    public void Dispose() => _directory.Dispose();
}
