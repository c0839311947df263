using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>Equal-sized receive buffers the kernel picks from as data arrives (a provided-buffer ring registered
/// with one engine), for <see cref="RingEngine.ReceiveManyAsync"/>.</summary>
/// <remarks>A received buffer belongs to the consumer until its <see cref="ReceivedBuffer.Dispose"/> gives it back
/// to the ring. Dispose the pool after the streams that use it have ended. Available since Linux 5.19.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_buf_ring.3.html"/>
public sealed unsafe class ProvidedBufferPool : IDisposable
{
    private static int s_nextGroup;

    private readonly RingEngine _engine;
    private readonly BufferRing _ring;
    private readonly byte[] _memory;
    private readonly int[] _generation;
    private readonly bool[] _lent;
    private readonly Lock _lock = new();
    private readonly System.Collections.Generic.List<MultishotOperation> _streams = [];
    private readonly System.Collections.Generic.List<MultishotOperation> _starved = [];

    // Streams re-armed after ENOBUFS with a buffer counted for them, until their next completion: the buffers free for
    // another such stream are _inRing less these, so several starved streams do not all re-arm for one returned
    // buffer (all but one would meet ENOBUFS again).
    private readonly System.Collections.Generic.HashSet<MultishotOperation> _holders = [];
    private bool _disposed;

    // Buffers in the kernel's ring as far as the completions reaped so far tell: the count of the ring less every
    // buffer a completion reported taken, plus every buffer given back. The kernel takes a buffer before its
    // completion is reaped, so this may count too many, never too few: at zero the ring is surely empty.
    private int _inRing;

    /// <summary>Allocates <paramref name="bufferCount"/> buffers of <paramref name="bufferSize"/> bytes and registers
    /// them with <paramref name="engine"/>'s ring.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    /// <param name="engine">The engine whose receives will use the pool.</param>
    /// <param name="bufferCount">How many buffers (1 to 32768).</param>
    /// <param name="bufferSize">Each buffer's size in bytes (positive).</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or size is out of range, or the total exceeds 2 GiB.</exception>
    /// <exception cref="IoUringException">The kernel refused the registration (EINVAL before Linux 5.19).</exception>
    public ProvidedBufferPool(RingEngine engine, int bufferCount, int bufferSize)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bufferCount, 32768);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        if ((long)bufferCount * bufferSize > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, $"{bufferCount} buffers of {bufferSize} bytes exceed one array ({Array.MaxLength} bytes).");
        }

        _engine = engine;
        BufferCount = bufferCount;
        BufferSize = bufferSize;
        GroupId = (ushort)(Interlocked.Increment(ref s_nextGroup) & 0xFFFF);
        _memory = GC.AllocateArray<byte>(bufferCount * bufferSize, pinned: true);
        _generation = new int[bufferCount];
        _lent = new bool[bufferCount];
        _ring = new BufferRing((ushort)BitOperations.RoundUpToPowerOf2((uint)bufferCount), GroupId);
        for (int i = 0; i < bufferCount; i++)
        {
            _ring.Add(Address(i), (uint)bufferSize, (ushort)i, i);
        }

        _ring.Advance(bufferCount);
        _inRing = bufferCount;
        try
        {
            // Registration must come from the ring's single issuer: the engine thread.
            engine.RunOnEngineAsync(ring => _ring.Register(ring.Submitter)).GetAwaiter().GetResult();
        }
        catch
        {
            _ring.Dispose();
            throw;
        }
    }

    /// <summary>The number of buffers.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public int BufferCount { get; }

    /// <summary>Each buffer's size in bytes.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public int BufferSize { get; }

    /// <summary>The buffer group id the receives name.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public ushort GroupId { get; }

    /// <summary>The engine the pool is registered with.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public RingEngine Engine => _engine;

    /// <summary>Ends the receive streams over the pool, unregisters the ring (on the engine thread) and lets the memory go.</summary>
    /// <remarks>Each open <see cref="RingEngine.ReceiveManyAsync"/> stream over the pool has its request cancelled and
    /// ends with <see cref="ObjectDisposedException"/>. The buffers stay allocated while a request that may still
    /// write to them exists (each stream keeps the pool reachable until its last completion); after an engine fault
    /// they are never freed, since the kernel's teardown of the ring may still write to them. Available since Linux 5.19.</remarks>
    public void Dispose()
    {
        MultishotOperation[] streams;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            streams = [.. _streams];
        }

        foreach (MultishotOperation stream in streams)
        {
            stream.OnPoolDisposed();
        }

        try
        {
            // Unregistered, the group can no longer hand buffers out (the kernel selects them under the ring's lock,
            // which unregistering takes), so the ring memory may go.
            _engine.RunOnEngineAsync(ring => _ring.Unregister(ring.Submitter)).GetAwaiter().GetResult();
        }
        catch (ObjectDisposedException)
        {
            // The engine is stopping: its ring (and the group with it) goes away once every request has completed.
            _engine.Stopped.GetAwaiter().GetResult();
        }

        if (_engine.Fault is not null)
        {
            // Requests were still in the kernel when the engine failed; the kernel cancels them only while it tears
            // the ring down, on its own time, and may read this ring and write the buffers until then.
            RingEngine.Abandon(this);
            return;
        }

        _ring.Dispose();
    }

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    internal bool IsDisposed => Volatile.Read(ref _disposed);

    /// <summary>Consumer: records a receive stream over the pool, so <see cref="Dispose"/> ends it.</summary>
    /// <exception cref="ObjectDisposedException">The pool is disposed.</exception>
    internal void Track(MultishotOperation stream)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(ProvidedBufferPool), "The buffer pool is disposed: a receive over it could only fail (ENOBUFS).");
            }

            _streams.Add(stream);
        }
    }

    /// <summary>Consumer: the stream ended.</summary>
    internal void Untrack(MultishotOperation stream)
    {
        bool released;
        lock (_lock)
        {
            _streams.Remove(stream);
            _starved.Remove(stream);
            released = _holders.Remove(stream);
        }

        if (released)
        {
            // Woken for a buffer, the stream ended before it re-armed: the buffer is another's.
            WakeWaiting();
        }
    }

    /// <summary>Engine thread: a completion of <paramref name="stream"/>; <paramref name="tookBuffer"/> when it
    /// reports that the kernel took a buffer of this pool.</summary>
    internal void OnCompletion(MultishotOperation stream, bool tookBuffer)
    {
        bool released;
        lock (_lock)
        {
            released = _holders.Remove(stream);
            if (tookBuffer)
            {
                _inRing--;
            }
        }

        if (released && !tookBuffer)
        {
            WakeWaiting();
        }
    }

    /// <summary>Consumer of a stream the kernel stopped with ENOBUFS: true when the ring is empty, in which case the
    /// stream is woken (<see cref="MultishotOperation.OnBufferReturned"/>) when a buffer comes back; false when a
    /// buffer may be there (re-arm now).</summary>
    /// <remarks>Re-arming into an empty ring would only bring ENOBUFS again, once per turn of the engine's loop, for
    /// as long as every buffer is held.</remarks>
    internal bool WaitForBuffer(MultishotOperation stream)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            if (_inRing - _holders.Count > 0)
            {
                _holders.Add(stream);
                return false;
            }

            _starved.Add(stream);
            return true;
        }
    }

    /// <summary>Consumer: lends buffer <paramref name="id"/> (which the kernel filled) and returns the lending's generation.</summary>
    internal int Lend(ushort id)
    {
        lock (_lock)
        {
            _lent[id] = true;
            return ++_generation[id];
        }
    }

    /// <summary>Gives buffer <paramref name="id"/> back to the ring if lending <paramref name="generation"/> still holds it.</summary>
    internal void Return(ushort id, int generation)
    {
        lock (_lock)
        {
            if (_disposed || !_lent[id] || _generation[id] != generation)
            {
                return;
            }

            _lent[id] = false;
            Recycle(id);
        }

        WakeWaiting();
    }

    /// <summary>Gives back a buffer the kernel filled but nobody took (a stream ended before the consumer read it).</summary>
    internal void ReturnUntaken(ushort id)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            Recycle(id);
        }

        WakeWaiting();
    }

    /// <summary>The bytes of buffer <paramref name="id"/>.</summary>
    internal Memory<byte> Slice(ushort id, int length) => _memory.AsMemory(id * BufferSize, length);

    private void Recycle(ushort id)
    {
        // The ring has one producer: every add and advance happens under _lock.
        _ring.Add(Address(id), (uint)BufferSize, id);
        _ring.Advance(1);
        _inRing++;
    }

    // After a buffer came back or a counted one was let go, outside _lock (a stream takes its own lock to wake, and
    // calls WaitForBuffer under it): wakes the longest-waiting streams, one per free buffer, each with its buffer
    // counted. Not all of them: the others would re-arm only to meet ENOBUFS again.
    private void WakeWaiting()
    {
        while (true)
        {
            MultishotOperation stream;
            lock (_lock)
            {
                if (_starved.Count == 0 || _inRing - _holders.Count <= 0)
                {
                    return;
                }

                stream = _starved[0];
                _starved.RemoveAt(0);
                _holders.Add(stream);
            }

            if (!stream.OnBufferReturned())
            {
                // It no longer waits (cancelled meanwhile): its count goes to the next one.
                lock (_lock)
                {
                    _holders.Remove(stream);
                }
            }
        }
    }

    private byte* Address(int id) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_memory)) + ((long)id * BufferSize);
}
