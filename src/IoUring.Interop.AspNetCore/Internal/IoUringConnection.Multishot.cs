using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Async;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>The receive loop of <see cref="IoUringTransportOptions.MultishotReceive"/>: one multishot receive per
/// connection into its ring's shared <see cref="ProvidedBufferPool"/>, each chunk copied into the input pipe and its
/// buffer given back at once.</summary>
/// <remarks>
/// Giving every buffer back before anything else runs keeps the pool from being held by a connection whose reader is
/// slow: a stream whose buffers are all held would re-arm into ENOBUFS (the kernel finds no buffer) until they came
/// back. Back-pressure: while Kestrel has <see cref="IoUringTransportOptions.MaxReadBufferSize"/> unread, the stream is
/// cancelled in the kernel, as the single-receive loop has no receive in flight then, so the socket's receive queue
/// fills and TCP closes the client's window; once the flush completes a new stream starts. Each stream costs a few
/// objects (the enumerator, its kernel request, a cancellation source), paid at connection start and after each pause,
/// never per chunk.
/// </remarks>
internal sealed partial class IoUringConnection
{
    // A burst can bring up to the whole pool at once; flushing every 64 KiB keeps what the input pipe holds beyond
    // MaxReadBufferSize small, and a flush costs no system call.
    private const int MaxBatch = 64 * 1024;

    private long _multishotChunks;
    private int _multishotStreams;

    private enum StreamEnd
    {
        Fin,
        ReaderDone,
        Paused,
    }

    /// <summary>Test seam: chunks this connection took from multishot receives.</summary>
    internal long MultishotChunks => Volatile.Read(ref _multishotChunks);

    /// <summary>Test seam: multishot streams this connection started (one, plus one after each pause).</summary>
    internal int MultishotStreams => Volatile.Read(ref _multishotStreams);

    // Returns at FIN or when Kestrel completed (or cancelled) its input; throws what the receive met, as the
    // single-receive loop does, so ReceiveLoopAsync ends the connection the same way.
    private async Task ReceiveManyAsync(PipeWriter input, ProvidedBufferPool pool)
    {
        while (true)
        {
            switch (await ReceiveStreamAsync(input, pool).ConfigureAwait(false))
            {
                case StreamEnd.Fin:
                    Log.ReadFin(_logger, ConnectionId);
                    return;
                case StreamEnd.ReaderDone:
                    return;
            }
        }
    }

    private async Task<StreamEnd> ReceiveStreamAsync(PipeWriter input, ProvidedBufferPool pool)
    {
        using var stop = new CancellationTokenSource();
        IAsyncEnumerator<ReceivedBuffer> chunks = _engine.ReceiveManyAsync(_socket, pool, stop.Token).GetAsyncEnumerator(stop.Token);
        _multishotStreams++;
        ValueTask<bool> next = default;
        bool moving = false;
        bool flushPending = false;
        try
        {
            while (true)
            {
                next = chunks.MoveNextAsync();
                moving = true;
                long unflushed = input.UnflushedBytes;
                if (unflushed > 0 && (!next.IsCompleted || unflushed >= MaxBatch))
                {
                    // The kernel has delivered everything it had (or a batch's worth): hand it to Kestrel with one flush
                    // while the next chunk is on its way.
                    ValueTask<FlushResult> flushing = input.FlushAsync();
                    if (!flushing.IsCompleted)
                    {
                        // Kestrel is behind. Stop the kernel first (no buffer may stay armed for a reader that does
                        // not read), copy what the stream had received, then wait for Kestrel.
                        stop.Cancel();
                        moving = false;
                        flushPending = true;
                        bool fin = await DrainAsync(input, chunks, next, stop.Token).ConfigureAwait(false);
                        FlushResult paused = await flushing.ConfigureAwait(false);
                        flushPending = false;
                        if (paused.IsCompleted || paused.IsCanceled)
                        {
                            return StreamEnd.ReaderDone;
                        }

                        if (input.UnflushedBytes > 0)
                        {
                            FlushResult drained = await input.FlushAsync().ConfigureAwait(false);
                            if (drained.IsCompleted || drained.IsCanceled)
                            {
                                return StreamEnd.ReaderDone;
                            }
                        }

                        return fin ? StreamEnd.Fin : StreamEnd.Paused;
                    }

                    FlushResult flushed = flushing.GetAwaiter().GetResult();
                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        return StreamEnd.ReaderDone;
                    }
                }

                bool has = await next.ConfigureAwait(false);
                moving = false;
                if (!has)
                {
                    // FIN: Kestrel sees every byte before the end, as with single receives.
                    if (input.UnflushedBytes > 0)
                    {
                        await input.FlushAsync().ConfigureAwait(false);
                    }

                    return StreamEnd.Fin;
                }

                Copy(input, chunks.Current);
            }
        }
        catch (Exception) when (!moving && !flushPending && input.UnflushedBytes > 0)
        {
            // A reset or abort right after data: the single-receive loop had flushed that data before it received
            // again, so Kestrel gets it here too before the error.
            await input.FlushAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (moving)
            {
                // Leaving with a move in flight (Kestrel completed its input): the kernel's request is cancelled and
                // what it had received is given back unread, then the enumerator may be disposed.
                stop.Cancel();
                await DiscardAsync(chunks, next).ConfigureAwait(false);
            }

            await chunks.DisposeAsync().ConfigureAwait(false);
        }
    }

    // After the stream's cancellation: copies what it had received before the kernel confirmed; true at FIN (a FIN
    // can win the race with the cancellation), false once the stream ended on the cancellation.
    private async ValueTask<bool> DrainAsync(PipeWriter input, IAsyncEnumerator<ReceivedBuffer> chunks, ValueTask<bool> next, CancellationToken stopped)
    {
        try
        {
            while (await next.ConfigureAwait(false))
            {
                Copy(input, chunks.Current);
                next = chunks.MoveNextAsync();
            }

            return true;
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
            return false;
        }
    }

    // Kestrel no longer reads: whatever the cancelled stream still yields is given back; its end (cancelled, FIN, or
    // an error on a connection being torn down) no longer matters to anyone.
    private static async ValueTask DiscardAsync(IAsyncEnumerator<ReceivedBuffer> chunks, ValueTask<bool> next)
    {
        try
        {
            while (await next.ConfigureAwait(false))
            {
                chunks.Current.Dispose();
                next = chunks.MoveNextAsync();
            }
        }
        catch (Exception)
        {
        }
    }

    private void Copy(PipeWriter input, ReceivedBuffer chunk)
    {
        using (chunk)
        {
            ReadOnlySpan<byte> bytes = chunk.Memory.Span;
            input.Write(bytes);
            TransportMetrics.Received(bytes.Length);
            _multishotChunks++;
        }
    }
}
