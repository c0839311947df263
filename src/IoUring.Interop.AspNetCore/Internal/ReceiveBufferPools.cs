using System;
using System.Collections.Generic;
using IoUring.Interop.Async;
using Microsoft.Extensions.Logging;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>One <see cref="ProvidedBufferPool"/> per ring for <see cref="IoUringTransportOptions.MultishotReceive"/>,
/// shared by that ring's connections.</summary>
/// <remarks>Made with the rings (at the first bind, on the binding thread) rather than at a connection's first
/// receive: a pool registers through its ring's thread and the constructor waits for it, so making it from another
/// ring's reactor could have two reactors wait on each other.</remarks>
internal sealed class ReceiveBufferPools : IDisposable
{
    // IORING_RECV_MULTISHOT came in Linux 6.0 (provided-buffer rings in 5.19): on 5.19 the pool registers but every
    // receive would fail with EINVAL.
    private static readonly Version MultishotReceiveSince = new(6, 0);

    private readonly Dictionary<RingEngine, ProvidedBufferPool> _pools = [];

    private ReceiveBufferPools()
    {
    }

    /// <summary>Registers a pool with each engine of <paramref name="engines"/>; when the kernel cannot, logs why once
    /// and returns a set with no pool (every connection then receives one chunk at a time).</summary>
    public static ReceiveBufferPools Create(RingEngineGroup engines, int bufferCount, int bufferSize, ILogger logger)
    {
        var pools = new ReceiveBufferPools();
        if (Environment.OSVersion.Version < MultishotReceiveSince)
        {
            Log.MultishotUnavailable(logger, $"Linux {Environment.OSVersion.Version} is older than {MultishotReceiveSince}, which added IORING_RECV_MULTISHOT");
            return pools;
        }

        try
        {
            foreach (RingEngine engine in engines.Engines)
            {
                pools._pools.Add(engine, new ProvidedBufferPool(engine, bufferCount, bufferSize));
            }

            Log.MultishotReceive(logger, bufferCount, bufferSize);
        }
        catch (IoUringException e)
        {
            // A kernel that refuses provided-buffer rings (EINVAL before 5.19), or a locked-memory limit (ENOMEM).
            pools.Dispose();
            Log.MultishotUnavailable(logger, $"registering a buffer ring failed: {e.Message}");
        }

        return pools;
    }

    /// <summary>The pool registered with <paramref name="engine"/>, or null when multishot receive is unavailable.</summary>
    public ProvidedBufferPool? For(RingEngine engine) => _pools.GetValueOrDefault(engine);

    /// <summary>Ends the connections' streams still open over the pools and unregisters them; call before the rings stop.</summary>
    public void Dispose()
    {
        foreach (ProvidedBufferPool pool in _pools.Values)
        {
            pool.Dispose();
        }

        _pools.Clear();
    }
}
