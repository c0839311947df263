using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Async;

/// <summary>The forms .NET code ports from: a write that writes everything (RandomAccess.WriteAsync) and a stream
/// send that sends everything (Socket.SendAsync), each a loop over the partial form while the kernel takes less.</summary>
/// <remarks>The single-buffer forms run on a pooled <see cref="WholeTransfer"/>, so they allocate nothing in steady
/// state; the vectored write, rarely short, uses a pooled async method.</remarks>
public sealed partial class RingEngine
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<WholeTransfer> _wholeTransfers = new();

    private WholeTransfer RentWholeTransfer() => _wholeTransfers.TryDequeue(out WholeTransfer? transfer) ? transfer : new WholeTransfer(this);

    /// <summary>Gives a finished transfer back to the pool.</summary>
    internal void ReturnWholeTransfer(WholeTransfer transfer) => _wholeTransfers.Enqueue(transfer);

    /// <summary>Writes all of <paramref name="buffer"/> at <paramref name="offset"/>, as
    /// <see cref="RandomAccess.WriteAsync(SafeFileHandle, ReadOnlyMemory{byte}, long, CancellationToken)"/> does
    /// (IORING_OP_WRITE, again for the rest after a short write).</summary>
    /// <remarks><see cref="WritePartialAsync(SafeFileHandle, ReadOnlyMemory{byte}, long, CancellationToken)"/> is one
    /// pwrite and returns its count. Available since Linux 5.6.</remarks>
    /// <param name="file">The file.</param>
    /// <param name="buffer">What to write; pinned until the last completion.</param>
    /// <param name="offset">The file offset; -1 writes at (and advances) the file position.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel; what was written before stays written.</param>
    /// <exception cref="IOException">The kernel refused (<see cref="UnauthorizedAccessException"/> for a read-only
    /// handle; docs/errors.md), or took no byte at all.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/pwrite.2.html"/>
    public ValueTask WriteAsync(SafeFileHandle file, ReadOnlyMemory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        ValueTask<int> first = WritePartialAsync(file, buffer, offset, cancellationToken);
        return RentWholeTransfer().StartWrite(first, file, buffer, offset, cancellationToken);
    }

    /// <summary>Writes all of several buffers, in order, from <paramref name="offset"/>, as
    /// <see cref="RandomAccess.WriteAsync(SafeFileHandle, IReadOnlyList{ReadOnlyMemory{byte}}, long, CancellationToken)"/> does
    /// (IORING_OP_WRITEV, again for the rest after a short write).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <param name="file">The file.</param>
    /// <param name="buffers">Up to 1024 buffers; each pinned until the completion that writes it.</param>
    /// <param name="offset">The file offset; -1 for the file position.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <exception cref="ArgumentException">More than 1024 buffers.</exception>
    /// <exception cref="IOException">The kernel refused, or took no byte at all.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/pwritev.2.html"/>
    public ValueTask WriteAsync(SafeFileHandle file, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long offset, CancellationToken cancellationToken = default)
    {
        ValueTask<long> first = WritePartialAsync(file, buffers, offset, cancellationToken);
        return WriteRestAsync(first, file, buffers, offset, cancellationToken);
    }

    /// <summary>Sends all of <paramref name="buffer"/> on a stream socket, as
    /// <see cref="Socket.SendAsync(ReadOnlyMemory{byte}, SocketFlags, CancellationToken)"/> does (IORING_OP_SEND, again
    /// for the rest after a short send); one send for other socket types.</summary>
    /// <remarks>MSG_NOSIGNAL always, so a closed peer is an error, not SIGPIPE.
    /// <see cref="SendPartialAsync(Socket, ReadOnlyMemory{byte}, SocketFlags, CancellationToken)"/> is one send(2).
    /// Available since Linux 5.6.</remarks>
    /// <param name="socket">A connected socket.</param>
    /// <param name="buffer">The data; pinned until the last completion.</param>
    /// <param name="flags">None, OutOfBand or DontRoute.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The number of bytes sent: the buffer's length on a stream socket.</returns>
    /// <exception cref="ArgumentException"><paramref name="flags"/> has a flag send does not take.</exception>
    /// <exception cref="SocketException">The send failed (ConnectionReset, Shutdown for EPIPE...).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/send.2.html"/>
    public ValueTask<int> SendAsync(Socket socket, ReadOnlyMemory<byte> buffer, SocketFlags flags = SocketFlags.None, CancellationToken cancellationToken = default)
    {
        ValueTask<int> first = SendPartialAsync(socket, buffer, flags, cancellationToken);
        if (socket.SocketType != SocketType.Stream)
        {
            return first;
        }

        return RentWholeTransfer().StartSend(first, socket, buffer, flags, cancellationToken);
    }

    /// <summary>Sends all of <paramref name="buffers"/> on a stream socket (IORING_OP_SENDMSG with one iovec per
    /// segment, up to 1024 segments a request, again for the rest); one request for other socket types.</summary>
    /// <remarks>Available since Linux 5.3.</remarks>
    /// <param name="socket">A connected socket.</param>
    /// <param name="buffers">The data; each segment pinned until the completion that sends it.</param>
    /// <param name="flags">None, OutOfBand or DontRoute.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The number of bytes sent: the sequence's length on a stream socket.</returns>
    /// <exception cref="ArgumentException"><paramref name="flags"/> has a flag sendmsg does not take.</exception>
    /// <exception cref="SocketException">The send failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/sendmsg.2.html"/>
    public ValueTask<int> SendAsync(Socket socket, ReadOnlySequence<byte> buffers, SocketFlags flags = SocketFlags.None, CancellationToken cancellationToken = default)
    {
        ValueTask<int> first = SendPartialAsync(socket, buffers, flags, cancellationToken);
        if (socket.SocketType != SocketType.Stream)
        {
            return first;
        }

        return RentWholeTransfer().StartSend(first, socket, buffers, flags, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteRestAsync(ValueTask<long> first, SafeFileHandle file, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long offset, CancellationToken cancellationToken)
    {
        long written = await first.ConfigureAwait(false);
        long total = 0;
        for (int i = 0; i < buffers.Count; i++)
        {
            total += buffers[i].Length;
        }

        long done = 0;
        while (true)
        {
            done += written;
            if (done >= total)
            {
                return;
            }

            CheckProgress(written, "writev");
            // Rare (a short writev): the rest as a new list, starting inside the first buffer not fully written.
            offset = offset < 0 ? offset : offset + written;
            written = await WritePartialAsync(file, Remainder(buffers, done), offset, cancellationToken).ConfigureAwait(false);
        }
    }

    // A write or send that takes nothing of a non-empty buffer would repeat forever; the kernel reports errors, so
    // this is a device or file system that cannot make progress.
    private static void CheckProgress(long count, string operation)
    {
        if (count == 0)
        {
            throw new IOException($"{operation} took 0 bytes of a non-empty buffer; stopping rather than retrying forever.");
        }
    }

    private static ReadOnlyMemory<byte>[] Remainder(IReadOnlyList<ReadOnlyMemory<byte>> buffers, long skip)
    {
        var rest = new List<ReadOnlyMemory<byte>>(buffers.Count);
        foreach (ReadOnlyMemory<byte> buffer in buffers)
        {
            if (skip >= buffer.Length)
            {
                skip -= buffer.Length;
                continue;
            }

            rest.Add(buffer[(int)skip..]);
            skip = 0;
        }

        return rest.ToArray();
    }
}
