using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Reliability.AsyncSoak;

/// <summary>Many tasks awaiting seeded random operations of the async layer on one engine set-up; every await is
/// accounted in an <see cref="AwaitLedger"/>, every byte is checked, and what the run held must be given back.</summary>
/// <remarks>Workers each own a file and a loopback TCP and a Unix socket pair, and mix: file write→read chains,
/// <see cref="RingFileStream"/> and <see cref="RingSocketStream"/> round trips, socket round trips both ways,
/// delays, polls, receives cancelled at random moments (with and without data racing the cancel: no byte may be lost),
/// per-operation timeouts. Stream workers run multishot accept and receive streams over small buffer pools and end
/// them at random points. At the end every worker leaves a receive waiting on an idle socket, and DisposeAsync must
/// end each with ObjectDisposedException. Public API only.</remarks>
public sealed class AsyncSoakDriver
{
    private const int MaxFileChunk = 64 * 1024;
    private const int MaxSocketChunk = 256 * 1024;
    private const long FaultAt = 40;

    private readonly AsyncShape _shape;
    private readonly int _seed;
    private readonly string _folder;
    private readonly Faults _faults;
    private readonly AwaitLedger _ledger = new();
    private readonly ConcurrentBag<IDisposable> _resources = new();
    private readonly ConcurrentBag<Task> _cutOffs = new();
    private readonly ConcurrentQueue<string> _crashes = new();
    private readonly List<IDisposable> _leaked = new();
    private readonly TaskCompletionSource _never = new();
    private long _ends;
    private long _crashCount;
    private long _unobserved;
    private int _corrupted;
    private RingEngine? _engine;
    private RingEngineGroup? _group;

    private AsyncSoakDriver(AsyncShape shape, int seed, string folder, Faults faults)
    {
        _shape = shape;
        _seed = seed;
        _folder = folder;
        _faults = faults;
    }

    /// <summary>Workers of the operation mix in a run.</summary>
    public const int Workers = 6;

    /// <summary>Workers of multishot streams in a run.</summary>
    public const int StreamWorkers = 2;

    /// <summary>Runs the soak: <paramref name="roundsPerWorker"/> operations per worker (stream rounds per stream
    /// worker: a tenth), or for <paramref name="duration"/> when given; <paramref name="stall"/> bounds the watchdog;
    /// <paramref name="settle"/> is how long the counts may take to come back (threads end asynchronously).</summary>
    public static async Task<AsyncSoakResult> RunAsync(AsyncShape shape, int seed, string folder, long roundsPerWorker, TimeSpan? duration,
        Faults faults = Faults.None, TimeSpan? stall = null, TimeSpan? settle = null)
    {
        var driver = new AsyncSoakDriver(shape, seed, folder, faults);
        return await driver.Run(roundsPerWorker, duration, stall ?? Watchdog.Stall, settle ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    private async Task<AsyncSoakResult> Run(long rounds, TimeSpan? duration, TimeSpan stall, TimeSpan settle)
    {
        ResourceCensus.BaselineTargets = ResourceCensus.FdTargets().ToHashSet();
        ResourceCensus baseline = ResourceCensus.Take();
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, e) =>
        {
            Interlocked.Increment(ref _unobserved);
            _crashes.Enqueue("unobserved task exception: " + e.Exception.InnerException?.Message);
            e.SetObserved();
        };
        TaskScheduler.UnobservedTaskException += onUnobserved;
        long hangs = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            var options = new RingEngineOptions { InlineContinuations = _shape.Inline, UseDeferTaskRun = _shape.DeferTaskRun };
            if (_shape.Engines > 1)
            {
                _group = new RingEngineGroup(_shape.Engines, options);
            }
            else
            {
                _engine = new RingEngine(options);
            }

            var workers = new List<Task>();
            for (int i = 0; i < Workers; i++)
            {
                int index = i;
                workers.Add(Task.Run(() => Worker(index, rounds, clock, duration)));
            }

            for (int i = 0; i < StreamWorkers; i++)
            {
                int index = i;
                workers.Add(Task.Run(() => Streams(index, Math.Max(1, rounds / 10), clock, duration)));
            }

            if ((_faults & Faults.UnobservedException) != 0)
            {
                DropAFaultedTask();
            }

            try
            {
                await Watchdog.Guard(Task.WhenAll(workers), () => _ledger.Progress, $"async soak {_shape.Name}", () => _ledger.DescribeOpen(), stall)
                    .ConfigureAwait(false);
            }
            catch (HangException e)
            {
                hangs++;
                _crashes.Enqueue(e.Message);
            }
            catch (Exception)
            {
                // A worker's own failure is already counted; WhenAll rethrows the first.
            }

            // DisposeAsync must end every await still waiting, here the receives the workers left on idle sockets.
            Task dispose = _group is not null ? _group.DisposeAsync().AsTask() : _engine!.DisposeAsync().AsTask();
            try
            {
                await Watchdog.Guard(Task.WhenAll(_cutOffs.Append(dispose)), () => _ledger.Progress, $"async soak {_shape.Name} DisposeAsync",
                    () => _ledger.DescribeOpen(), stall).ConfigureAwait(false);
            }
            catch (HangException e)
            {
                hangs++;
                _crashes.Enqueue(e.Message);
            }
        }
        finally
        {
            // Closing a socket can block (issue 18 defect 4: a socket under a livelocked stream), so it runs under the watchdog too.
            long disposed = 0;
            Task cleanup = Task.Run(() =>
            {
                foreach (IDisposable resource in _resources)
                {
                    resource.Dispose();
                    Interlocked.Increment(ref disposed);
                }
            });
            try
            {
                await Watchdog.Guard(cleanup, () => Interlocked.Read(ref disposed), $"async soak {_shape.Name} closing sockets and files", null, stall)
                    .ConfigureAwait(false);
            }
            catch (HangException e)
            {
                hangs++;
                _crashes.Enqueue(e.Message);
            }

            _engine = null;
            _group = null;
        }

        TimeSpan elapsed = clock.Elapsed;
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        TaskScheduler.UnobservedTaskException -= onUnobserved;
        IReadOnlyList<string> leaks = hangs > 0 ? [] : ResourceCensus.Leaks(baseline, settle);
        foreach (IDisposable leaked in _leaked)
        {
            leaked.Dispose();
        }

        // A hung worker still holds the await it hung on open: it is reported as the hang, not as a loss.
        long lost = hangs > 0 ? 0 : _ledger.Open;
        var failures = _crashes.Concat(_ledger.Failures).Concat(hangs > 0 || lost == 0 ? [] : [_ledger.DescribeOpen()]).ToList();
        string census = hangs > 0 ? "census skipped after a hang" : $"census before {baseline}; after {ResourceCensus.Take()}";
        return new AsyncSoakResult(_shape.Name, _seed, _ledger.Begun, elapsed, lost, _ledger.Duplicated, _ledger.Wrong, hangs,
            Interlocked.Read(ref _crashCount), Interlocked.Read(ref _unobserved), leaks, failures) { Census = census };
    }

    private RingEngine Pick() => _group?.Next() ?? _engine!;

    private async Task Worker(int index, long rounds, Stopwatch clock, TimeSpan? duration)
    {
        var rng = new Random(unchecked(_seed + (index * 7919)));
        RingEngine first = Pick();
        SafeFileHandle file = await Track("open", () => first.OpenAsync(Path.Combine(_folder, $"worker{index}.bin"), FileMode.Create, FileAccess.ReadWrite))
            .ConfigureAwait(false);
        _resources.Add(file);
        (Socket A, Socket B) tcp = TcpPair();
        (Socket A, Socket B) unix = UnixPair(Path.Combine(_folder, $"worker{index}.sock"));
        if ((_faults & Faults.LeakFd) != 0 && index == 0)
        {
            lock (_leaked)
            {
                _leaked.Add(File.OpenHandle(Path.Combine(_folder, "leaked.bin"), FileMode.Create, FileAccess.Write));
            }
        }

        var buffers = new Buffers();
        string op = "";
        try
        {
            for (long n = 0; duration is { } d ? clock.Elapsed < d : n < rounds; n++)
            {
                if ((_faults & Faults.Hang) != 0 && index == 0 && n == 5)
                {
                    await _never.Task.ConfigureAwait(false);
                }

                (Socket A, Socket B) pair = rng.Next(2) == 0 ? tcp : unix;
                (Socket a, Socket b) = rng.Next(2) == 0 ? (pair.A, pair.B) : (pair.B, pair.A);
                RingEngine engine = Pick();
                switch (rng.Next(10))
                {
                    case 0:
                    case 1:
                        op = "file chain";
                        await FileChain(engine, Pick(), file, rng, buffers).ConfigureAwait(false);
                        break;
                    case 2:
                        op = "file stream";
                        await FileStreamRoundTrip(engine, file, rng, buffers).ConfigureAwait(false);
                        break;
                    case 3:
                    case 4:
                        op = "socket round trip";
                        await SocketRoundTrip(engine, Pick(), a, b, rng, buffers, streams: false).ConfigureAwait(false);
                        break;
                    case 5:
                        op = "socket stream round trip";
                        await SocketRoundTrip(engine, Pick(), a, b, rng, buffers, streams: true).ConfigureAwait(false);
                        break;
                    case 6:
                        op = "delay";
                        await Track("delay", () => engine.DelayAsync(TimeSpan.FromTicks(rng.Next(0, 20_000)))).ConfigureAwait(false);
                        break;
                    case 7:
                        op = "poll";
                        await Poll(engine, a, b, rng, buffers).ConfigureAwait(false);
                        break;
                    case 8:
                        op = "cancel race";
                        await CancelRace(engine, a, b, rng, buffers).ConfigureAwait(false);
                        break;
                    default:
                        op = "timeout";
                        await Timeouts(engine, b, rng).ConfigureAwait(false);
                        break;
                }
            }

            // Left waiting on an idle socket for DisposeAsync to end.
            _cutOffs.Add(CutOff(Pick(), tcp.B));
            _cutOffs.Add(CutOff(Pick(), unix.B));
        }
        catch (Exception e)
        {
            Crash($"worker {index}, {op}: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            foreach (Socket socket in new[] { tcp.A, tcp.B, unix.A, unix.B })
            {
                _resources.Add(socket);
            }
        }
    }

    private async Task FileChain(RingEngine writer, RingEngine reader, SafeFileHandle file, Random rng, Buffers buffers)
    {
        int length = rng.Next(1, MaxFileChunk + 1);
        long offset = (rng.Next(0, 64) * 4096L) + rng.Next(0, 4096);
        rng.NextBytes(buffers.Send.AsSpan(0, length));
        int written = await Track("file write", () => writer.WritePartialAsync(file, buffers.Send.AsMemory(0, length), offset)).ConfigureAwait(false);
        if (written != length)
        {
            _ledger.Fail($"file write of {length} at {offset} wrote {written}");
            return;
        }

        int read = await Track("file read", () => reader.ReadAsync(file, buffers.Receive.AsMemory(0, length), offset)).ConfigureAwait(false);
        if (read != length)
        {
            _ledger.Fail($"file read of {length} at {offset} read {read}");
            return;
        }

        if ((_faults & Faults.CorruptByte) != 0 && Interlocked.Exchange(ref _corrupted, 1) == 0)
        {
            buffers.Receive[length / 2] ^= 0x5A;
        }

        Compare("file write→read", buffers.Send.AsSpan(0, length), buffers.Receive.AsSpan(0, length), offset);
    }

    private async Task FileStreamRoundTrip(RingEngine engine, SafeFileHandle file, Random rng, Buffers buffers)
    {
        int length = rng.Next(1, MaxFileChunk + 1);
        long offset = rng.Next(0, 64) * 4096L;
        rng.NextBytes(buffers.Send.AsSpan(0, length));
        await using var stream = new RingFileStream(engine, file, ownsHandle: false);
        stream.Position = offset;
        await Track("file stream write", () => stream.WriteAsync(buffers.Send.AsMemory(0, length))).ConfigureAwait(false);
        stream.Position = offset;
        int got = 0;
        while (got < length)
        {
            int n = await Track("file stream read", () => stream.ReadAsync(buffers.Receive.AsMemory(got, length - got))).ConfigureAwait(false);
            if (n <= 0)
            {
                _ledger.Fail($"file stream read ended at {got} of {length}");
                return;
            }

            got += n;
        }

        Compare("file stream", buffers.Send.AsSpan(0, length), buffers.Receive.AsSpan(0, length), offset);
    }

    private async Task SocketRoundTrip(RingEngine sender, RingEngine receiver, Socket a, Socket b, Random rng, Buffers buffers, bool streams)
    {
        int length = rng.Next(1, MaxSocketChunk + 1);
        rng.NextBytes(buffers.Send.AsSpan(0, length));
        RingSocketStream? outStream = streams ? new RingSocketStream(sender, a, ownsSocket: false) : null;
        RingSocketStream? inStream = streams ? new RingSocketStream(receiver, b, ownsSocket: false) : null;
        Task<int> receive = ReceiveExactly(receiver, b, inStream, buffers.Receive, length);
        int sent = 0;
        while (sent < length)
        {
            int from = sent;
            if (outStream is not null)
            {
                int chunk = Math.Min(length - from, rng.Next(1, 65_536));
                await Track("socket stream write", () => outStream.WriteAsync(buffers.Send.AsMemory(from, chunk))).ConfigureAwait(false);
                sent += chunk;
            }
            else
            {
                sent += await Track("send", () => sender.SendAsync(a, buffers.Send.AsMemory(from, length - from))).ConfigureAwait(false);
            }
        }

        int received = await receive.ConfigureAwait(false);
        if (received != length)
        {
            _ledger.Fail($"socket received {received} of {length} bytes");
            return;
        }

        Compare(streams ? "socket stream" : "socket", buffers.Send.AsSpan(0, length), buffers.Receive.AsSpan(0, length), 0);
    }

    private async Task<int> ReceiveExactly(RingEngine engine, Socket socket, RingSocketStream? stream, byte[] into, int length)
    {
        int got = 0;
        while (got < length)
        {
            int from = got;
            int n = stream is not null
                ? await Track("socket stream read", () => stream.ReadAsync(into.AsMemory(from, length - from))).ConfigureAwait(false)
                : await Track("receive", () => engine.ReceiveAsync(socket, into.AsMemory(from, length - from))).ConfigureAwait(false);
            if (n <= 0)
            {
                return got;
            }

            got += n;
        }

        return got;
    }

    private async Task Poll(RingEngine engine, Socket a, Socket b, Random rng, Buffers buffers)
    {
        byte value = (byte)rng.Next(256);
        buffers.Send[0] = value;
        await Track("send", () => engine.SendAsync(a, buffers.Send.AsMemory(0, 1))).ConfigureAwait(false);
        PollEvents events = await Track("poll", () => engine.PollAsync(b.SafeHandle, PollEvents.In)).ConfigureAwait(false);
        if ((events & PollEvents.In) == 0)
        {
            _ledger.Fail($"poll of a socket holding a byte returned {events}");
        }

        int n = await Track("receive", () => engine.ReceiveAsync(b, buffers.Receive.AsMemory(0, 1))).ConfigureAwait(false);
        if (n != 1 || buffers.Receive[0] != value)
        {
            _ledger.Fail($"poll: received {n} byte(s), value {buffers.Receive[0]}, expected 1 byte {value}");
        }
    }

    private async Task CancelRace(RingEngine engine, Socket a, Socket b, Random rng, Buffers buffers)
    {
        int mode = rng.Next(3); // 0: cancelled before the call; 1: cancelled at a random moment, no data; 2: data races the cancel
        int length = mode == 2 ? rng.Next(1, 4096) : 0;
        rng.NextBytes(buffers.Send.AsSpan(0, length));
        using var cts = new CancellationTokenSource();
        if (mode == 0)
        {
            cts.Cancel();
        }

        Task<int> receive = Track("cancellable receive", () => engine.ReceiveAsync(b, buffers.Receive.AsMemory(0, 8192), SocketFlags.None, cts.Token));
        bool sendFirst = rng.Next(2) == 0;
        if (mode == 2 && sendFirst)
        {
            await Track("send", () => engine.SendAsync(a, buffers.Send.AsMemory(0, length))).ConfigureAwait(false);
        }

        Spin(rng.Next(0, 3000));
        cts.Cancel();
        if (mode == 2 && !sendFirst)
        {
            await Track("send", () => engine.SendAsync(a, buffers.Send.AsMemory(0, length))).ConfigureAwait(false);
        }

        int got = 0;
        try
        {
            got = await receive.ConfigureAwait(false);
            if (got == 0 || length == 0)
            {
                _ledger.Fail($"cancel race (mode {mode}): a receive with {length} bytes sent returned {got}");
                return;
            }
        }
        catch (OperationCanceledException)
        {
        }

        // Whatever the cancel did, every byte sent must arrive, once, in order.
        while (got < length)
        {
            int from = got;
            int n = await Track("receive", () => engine.ReceiveAsync(b, buffers.Receive.AsMemory(from, length - from))).ConfigureAwait(false);
            if (n <= 0)
            {
                _ledger.Fail($"cancel race: end of stream after {got} of {length} bytes");
                return;
            }

            got += n;
        }

        if (got > length)
        {
            _ledger.Fail($"cancel race: {got} bytes received, {length} sent");
            return;
        }

        Compare("cancel race", buffers.Send.AsSpan(0, length), buffers.Receive.AsSpan(0, length), 0);
    }

    private async Task Timeouts(RingEngine engine, Socket idle, Random rng)
    {
        if (rng.Next(2) == 0)
        {
            // A poll of a socket nobody writes to, bounded by a per-operation timeout: the timeout must win.
            SubmissionEntry poll = new PollAdd(new Fd(checked((int)idle.Handle)), 1).Build();
            try
            {
                CompletionEntry cqe = await Track("poll with timeout", () => engine.SubmitAsync(poll, TimeSpan.FromTicks(rng.Next(1_000, 20_000))))
                    .ConfigureAwait(false);
                _ledger.Fail($"a poll of an idle socket completed before its timeout: {cqe}");
            }
            catch (TimeoutException)
            {
            }
        }
        else
        {
            CompletionEntry cqe = await Track("nop with timeout", () => engine.SubmitAsync(new Nop().Build(), TimeSpan.FromSeconds(30))).ConfigureAwait(false);
            if (cqe.Result != 0)
            {
                _ledger.Fail($"a NOP with a 30 s timeout completed with {cqe.Result}");
            }
        }
    }

    private async Task Streams(int index, long rounds, Stopwatch clock, TimeSpan? duration)
    {
        var rng = new Random(unchecked(_seed ^ (0x5EED + index)));
        byte[] payload = new byte[64 * 1024];
        string op = "";
        try
        {
            for (long n = 0; duration is { } d ? clock.Elapsed < d : n < rounds; n++)
            {
                RingEngine engine = Pick();
                using Socket listener = Listen();
                var pool = new ProvidedBufferPool(engine, 8, 4096);
                bool poolDisposed = false;
                using var acceptCancel = new CancellationTokenSource();
                IAsyncEnumerator<Socket> accepts = engine.AcceptManyAsync(listener, acceptCancel.Token).GetAsyncEnumerator();
                int clients = rng.Next(1, 4);
                for (int c = 0; c < clients; c++)
                {
                    op = "accept stream";
                    using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    client.Connect(listener.LocalEndPoint!);
                    if (!await Track("accept stream next", () => accepts.MoveNextAsync()).ConfigureAwait(false))
                    {
                        _ledger.Fail("the accept stream ended with a client connecting");
                        break;
                    }

                    using Socket server = accepts.Current;
                    op = "receive stream";
                    int length = rng.Next(1, payload.Length);
                    rng.NextBytes(payload.AsSpan(0, length));
                    bool toTheEnd = rng.Next(3) != 0;
                    int stopAfter = toTheEnd ? int.MaxValue : rng.Next(0, 4);
                    IAsyncEnumerator<ReceivedBuffer> chunks = engine.ReceiveManyAsync(server, pool).GetAsyncEnumerator();
                    client.Send(payload.AsSpan(0, length));
                    if (toTheEnd)
                    {
                        client.Shutdown(SocketShutdown.Send);
                    }

                    int got = 0;
                    // Without FIN the stream legitimately waits once every byte is in: stop there.
                    for (int k = 0; k < stopAfter && (toTheEnd || got < length); k++)
                    {
                        if (SoakSwitches.PoolUnderStream && !poolDisposed && rng.Next(8) == 0)
                        {
                            pool.Dispose();
                            poolDisposed = true;
                        }

                        bool more;
                        try
                        {
                            more = await Track("receive stream next", () => chunks.MoveNextAsync()).ConfigureAwait(false);
                        }
                        catch (ObjectDisposedException) when (poolDisposed)
                        {
                            break;
                        }

                        if (!more)
                        {
                            break;
                        }

                        using ReceivedBuffer chunk = chunks.Current;
                        if (got + chunk.Memory.Length > length)
                        {
                            _ledger.Fail($"receive stream: {got + chunk.Memory.Length} bytes of a {length}-byte message");
                            break;
                        }

                        Compare("receive stream", payload.AsSpan(got, chunk.Memory.Length), chunk.Memory.Span, got);
                        got += chunk.Memory.Length;
                    }

                    await Track("receive stream dispose", () => chunks.DisposeAsync()).ConfigureAwait(false);
                    if (toTheEnd && !poolDisposed && got != length)
                    {
                        _ledger.Fail($"receive stream ended by the peer's FIN after {got} of {length} bytes");
                    }
                }

                op = "accept stream end";
                if (rng.Next(3) == 0)
                {
                    // Cancelled while a MoveNextAsync waits for a connection that never comes.
                    Task<bool> waiting = Track("accept stream next (cancelled)", () => accepts.MoveNextAsync());
                    Spin(rng.Next(0, 3000));
                    acceptCancel.Cancel();
                    try
                    {
                        if (await waiting.ConfigureAwait(false))
                        {
                            _ledger.Fail("an accept stream with no client yielded a socket");
                            accepts.Current.Dispose();
                        }
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                await Track("accept stream dispose", () => accepts.DisposeAsync()).ConfigureAwait(false);
                if (!poolDisposed)
                {
                    pool.Dispose();
                }
            }
        }
        catch (Exception e)
        {
            Crash($"stream worker {index}, {op}: {e.GetType().Name}: {e.Message}");
        }
    }

    private async Task CutOff(RingEngine engine, Socket idle)
    {
        long id = _ledger.Begin("receive left for DisposeAsync");
        try
        {
            int n = await engine.ReceiveAsync(idle, new byte[16]).ConfigureAwait(false);
            _ledger.Fail($"a receive on an idle socket returned {n} instead of ending with DisposeAsync");
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception e)
        {
            _ledger.Fail($"a receive cut off by DisposeAsync ended with {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Ended(id);
        }
    }

    private async Task<T> Track<T>(string what, Func<ValueTask<T>> operation)
    {
        long id = _ledger.Begin(what);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            Ended(id);
        }
    }

    private async Task Track(string what, Func<ValueTask> operation)
    {
        long id = _ledger.Begin(what);
        try
        {
            await operation().ConfigureAwait(false);
        }
        finally
        {
            Ended(id);
        }
    }

    private void Ended(long id)
    {
        long n = Interlocked.Increment(ref _ends);
        if ((_faults & Faults.DropCompletion) != 0 && n == FaultAt)
        {
            return;
        }

        _ledger.End(id);
        if ((_faults & Faults.DuplicateCompletion) != 0 && n == FaultAt)
        {
            _ledger.End(id);
        }
    }

    private void Compare(string what, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, long offset)
    {
        int at = expected.CommonPrefixLength(actual);
        if (at != expected.Length || actual.Length != expected.Length)
        {
            _ledger.Fail($"{what}: byte {at} of {expected.Length} (offset {offset}) differs");
        }
    }

    private void Crash(string what)
    {
        Interlocked.Increment(ref _crashCount);
        _crashes.Enqueue(what);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropAFaultedTask()
    {
        Task faulted = Task.Run(() => throw new InvalidOperationException("injected: a task whose exception nobody observes"));
        SpinWait.SpinUntil(() => faulted.IsCompleted);
    }

    private static void Spin(int iterations)
    {
        for (int i = 0; i < iterations; i++)
        {
            Thread.SpinWait(1);
        }
    }

    private static Socket Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        return listener;
    }

    private static (Socket, Socket) TcpPair()
    {
        using Socket listener = Listen();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        Socket server = listener.Accept();
        server.NoDelay = true;
        return (client, server);
    }

    private static (Socket, Socket) UnixPair(string path)
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        client.Connect(new UnixDomainSocketEndPoint(path));
        Socket server = listener.Accept();
        File.Delete(path);
        return (client, server);
    }

    private sealed class Buffers
    {
        public byte[] Send { get; } = new byte[MaxSocketChunk];

        public byte[] Receive { get; } = new byte[MaxSocketChunk];
    }
}
