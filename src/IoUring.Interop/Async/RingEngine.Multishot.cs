using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.Async;

/// <summary>Multishot accept and receive as async streams: one request in the kernel yields many results.</summary>
public sealed partial class RingEngine
{
    /// <summary>The engine's stop: set once the ring is closed.</summary>
    internal Task Stopped => _stopped.Task;

    /// <summary>Accepts connections as they arrive, from one multishot request (IORING_OP_ACCEPT with IORING_ACCEPT_MULTISHOT).</summary>
    /// <remarks>The request stays armed while the stream is enumerated and is re-armed if the kernel ends it;
    /// ending the enumeration (or the token) cancels it in the kernel, and connections accepted but not yet taken are
    /// closed. Available since Linux 5.19.</remarks>
    /// <param name="listener">A bound, listening socket.</param>
    /// <param name="cancellationToken">Ends the stream (also <c>WithCancellation</c>).</param>
    /// <returns>The accepted sockets, in order.</returns>
    /// <exception cref="SocketException">The kernel refused.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_multishot_accept.3.html"/>
    public IAsyncEnumerable<Socket> AcceptManyAsync(Socket listener, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ThrowIfStopped();
        return AcceptMany(listener, cancellationToken);
    }

    /// <summary>Receives chunks as they arrive into buffers the kernel picks from <paramref name="pool"/>, from one
    /// multishot request (IORING_OP_RECV with IORING_RECV_MULTISHOT).</summary>
    /// <remarks>The stream ends when the peer closes its side. When the pool runs dry the kernel stops (ENOBUFS) and
    /// the stream re-arms once the consumer has taken what came before and a buffer is back in the pool (streams that
    /// wait for one are woken one per returned buffer, longest-waiting first): dispose each <see cref="ReceivedBuffer"/>
    /// promptly. Disposing the pool ends the stream (the kernel's request is cancelled) with
    /// <see cref="ObjectDisposedException"/>, as does a pool disposed before the first <c>MoveNextAsync</c>.
    /// Available since Linux 6.0.</remarks>
    /// <param name="socket">A connected socket.</param>
    /// <param name="pool">Buffers registered with this engine.</param>
    /// <param name="cancellationToken">Ends the stream (also <c>WithCancellation</c>).</param>
    /// <returns>The received chunks, in order; each must be disposed.</returns>
    /// <exception cref="ArgumentException"><paramref name="pool"/> belongs to another engine.</exception>
    /// <exception cref="SocketException">The receive failed.</exception>
    /// <exception cref="ObjectDisposedException">From <c>MoveNextAsync</c>: the pool, the socket or the engine was disposed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_recv_multishot.3.html"/>
    public IAsyncEnumerable<ReceivedBuffer> ReceiveManyAsync(Socket socket, ProvidedBufferPool pool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(pool);
        if (pool.Engine != this)
        {
            throw new ArgumentException("The pool is registered with another engine.", nameof(pool));
        }

        ThrowIfStopped();
        return ReceiveMany(socket, pool, cancellationToken);
    }

    private async IAsyncEnumerable<Socket> AcceptMany(Socket listener, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new MultishotOperation(this, listener.SafeHandle, static fd => new AcceptMulti(new Fd(fd)) { Flags = LinuxFlags.SOCK_CLOEXEC }.Build(),
            endsOnZero: false, pool: null, cancellationToken);
        try
        {
            while (true)
            {
                MultishotOperation.Step step;
                CompletionEntry item;
                while ((step = stream.Poll(out item)) is MultishotOperation.Step.Wait or MultishotOperation.Step.Arm)
                {
                    if (step == MultishotOperation.Step.Wait)
                    {
                        await stream.WaitAsync().ConfigureAwait(false);
                    }
                    else
                    {
                        await ArmAsync(stream).ConfigureAwait(false);
                    }
                }

                if (step == MultishotOperation.Step.End)
                {
                    yield break;
                }

                yield return new Socket(new SafeSocketHandle(item.Result, ownsHandle: true));
            }
        }
        finally
        {
            foreach (CompletionEntry untaken in await stream.DisposeAsync().ConfigureAwait(false))
            {
                new SafeSocketHandle(untaken.Result, ownsHandle: true).Dispose();
            }
        }
    }

    private async IAsyncEnumerable<ReceivedBuffer> ReceiveMany(Socket socket, ProvidedBufferPool pool, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ushort group = pool.GroupId;
        var stream = new MultishotOperation(this, socket.SafeHandle, fd => new RecvMulti(new Fd(fd), group).Build(), endsOnZero: true, pool, cancellationToken);
        try
        {
            // Tracked before the first arm, so a Dispose of the pool from now on ends the stream.
            pool.Track(stream);
            while (true)
            {
                MultishotOperation.Step step;
                CompletionEntry item;
                while ((step = stream.Poll(out item)) is MultishotOperation.Step.Wait or MultishotOperation.Step.Arm)
                {
                    if (step == MultishotOperation.Step.Wait)
                    {
                        // Awaited here, in the iterator's own state machine: nothing allocated per chunk.
                        await stream.WaitAsync().ConfigureAwait(false);
                    }
                    else
                    {
                        await ArmAsync(stream).ConfigureAwait(false);
                    }
                }

                if (step == MultishotOperation.Step.End)
                {
                    yield break;
                }

                ushort id = item.BufferId ?? throw new InvalidOperationException("A multishot receive completed without a provided buffer.");
                yield return new ReceivedBuffer(pool, id, item.Result, pool.Lend(id));
            }
        }
        finally
        {
            foreach (CompletionEntry untaken in await stream.DisposeAsync().ConfigureAwait(false))
            {
                if (untaken.BufferId is ushort id)
                {
                    pool.ReturnUntaken(id);
                }
            }

            pool.Untrack(stream);
        }
    }

    // A stream's Arm step (MultishotOperation.Poll): once the in-flight limit admits it, into the submission queue.
    private async ValueTask ArmAsync(MultishotOperation stream)
    {
        await EnterAsync().ConfigureAwait(false);
        Enqueue(stream);
    }
}
