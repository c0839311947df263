using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Interop.Async;

/// <summary>Several engines, one thread and ring each, handed out round-robin: the way to use several cores (a
/// reactor per core: give each one its share of the work with <see cref="RingEngine.RunAsync(Func{Task})"/>).</summary>
/// <remarks>Available since Linux 5.19.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
public sealed class RingEngineGroup : IAsyncDisposable, IDisposable
{
    private static readonly Lazy<RingEngineGroup> SharedDefault = new(CreateDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly RingEngine[] _engines;
    private int _next = -1;

    // Each engine owns a ring and a thread: far below this the process runs out of threads or locked memory, and the
    // engines array itself would fail with a bare OutOfMemoryException instead of naming the argument.
    private const int MaxEngineCount = 1024;

    /// <summary>Creates <paramref name="engineCount"/> engines with the same options.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    /// <param name="engineCount">How many engines (and threads); 1 to 1024.</param>
    /// <param name="options">Options for every engine; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="engineCount"/> is below 1 or above 1024.</exception>
    public RingEngineGroup(int engineCount, RingEngineOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(engineCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(engineCount, MaxEngineCount);
        _engines = new RingEngine[engineCount];
        try
        {
            for (int i = 0; i < engineCount; i++)
            {
                RingEngineOptions copy = (options ?? new RingEngineOptions()).Validated();
                copy.ThreadName ??= $"io_uring engine {i}";
                _engines[i] = new RingEngine(copy);
            }
        }
        catch
        {
            foreach (RingEngine? engine in _engines)
            {
                engine?.Dispose();
            }

            throw;
        }
    }

    /// <summary>The process-wide group, created on first use with <see cref="DefaultEngineCount"/> engines and never disposed.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public static RingEngineGroup Default => SharedDefault.Value;

    /// <summary>The engine count of <see cref="Default"/>: one reactor per processor, at most 64.</summary>
    /// <remarks>A reactor runs its operations' continuations itself (<see cref="ContinuationMode.Reactor"/>), so it is
    /// the application's thread as much as the ring's: one per core, as netty, Seastar and tokio give their event
    /// loops (docs/async-design.md, "Reactors"). Available since Linux 5.19.</remarks>
    public static int DefaultEngineCount => Math.Clamp(Environment.ProcessorCount, 1, 64);

    /// <summary>The engines, in round-robin order.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public IReadOnlyList<RingEngine> Engines => _engines;

    /// <summary>The next engine, round-robin (thread-safe, lock-free).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public RingEngine Next()
    {
        uint index = (uint)Interlocked.Increment(ref _next);
        return _engines[index % (uint)_engines.Length];
    }

    /// <summary>Disposes every engine (see <see cref="RingEngine.DisposeAsync"/>).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    /// <exception cref="InvalidOperationException">This is <see cref="Default"/>.</exception>
    public async ValueTask DisposeAsync()
    {
        foreach (RingEngine engine in _engines)
        {
            await engine.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Disposes every engine, blocking until they stopped.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    /// <exception cref="InvalidOperationException">This is <see cref="Default"/>.</exception>
    public void Dispose()
    {
        foreach (RingEngine engine in _engines)
        {
            engine.Dispose();
        }
    }

    private static RingEngineGroup CreateDefault()
    {
        var group = new RingEngineGroup(DefaultEngineCount);
        foreach (RingEngine engine in group._engines)
        {
            engine.MarkDefault();
        }

        return group;
    }
}
