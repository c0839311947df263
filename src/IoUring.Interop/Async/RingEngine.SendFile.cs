using System;
using System.IO;
using System.IO.Pipes;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Async;

/// <summary>Sending a file on a socket without copying it through user memory, as <see cref="Socket.SendFileAsync(string, CancellationToken)"/>
/// does with sendfile(2): here with two IORING_OP_SPLICE requests per chunk, file to pipe and pipe to socket (splice
/// needs a pipe on one side; the data stays in the page cache).</summary>
public sealed partial class RingEngine
{
    // The default pipe capacity (16 pages): a splice into the pipe never takes more.
    private const int SpliceChunk = 64 * 1024;

    /// <summary>Sends the file <paramref name="fileName"/> on <paramref name="socket"/>, as
    /// <see cref="Socket.SendFileAsync(string, CancellationToken)"/> does.</summary>
    /// <remarks>Available since Linux 5.7 (IORING_OP_SPLICE).</remarks>
    /// <param name="socket">A connected stream socket.</param>
    /// <param name="fileName">The file's path; null or empty sends nothing.</param>
    /// <param name="cancellationToken">Cancels the request in flight; what was sent stays sent.</param>
    /// <exception cref="FileNotFoundException">The file does not exist (the exceptions of <see cref="OpenAsync"/>).</exception>
    /// <exception cref="SocketException">The send failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/splice.2.html"/>
    public ValueTask SendFileAsync(Socket socket, string? fileName, CancellationToken cancellationToken = default) =>
        SendFileAsync(socket, fileName, default, default, TransmitFileOptions.UseDefaultWorkerThread, cancellationToken);

    /// <summary>Sends <paramref name="preBuffer"/>, the file <paramref name="fileName"/>, then <paramref name="postBuffer"/>
    /// on <paramref name="socket"/>, as <see cref="Socket.SendFileAsync(string, ReadOnlyMemory{byte}, ReadOnlyMemory{byte}, TransmitFileOptions, CancellationToken)"/> does.</summary>
    /// <remarks>Only <see cref="TransmitFileOptions.UseDefaultWorkerThread"/> (the default, 0) is taken: the other
    /// options are Windows' TransmitFile ones, which .NET does not honour on Linux either. Available since Linux 5.7.</remarks>
    /// <param name="socket">A connected stream socket.</param>
    /// <param name="fileName">The file's path; null or empty sends only the buffers.</param>
    /// <param name="preBuffer">Sent before the file.</param>
    /// <param name="postBuffer">Sent after the file.</param>
    /// <param name="flags"><see cref="TransmitFileOptions.UseDefaultWorkerThread"/>.</param>
    /// <param name="cancellationToken">Cancels the request in flight.</param>
    /// <exception cref="ArgumentException"><paramref name="flags"/> has another option.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist (the exceptions of <see cref="OpenAsync"/>).</exception>
    /// <exception cref="SocketException">The send failed.</exception>
    public ValueTask SendFileAsync(Socket socket, string? fileName, ReadOnlyMemory<byte> preBuffer, ReadOnlyMemory<byte> postBuffer, TransmitFileOptions flags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (flags != TransmitFileOptions.UseDefaultWorkerThread)
        {
            throw new ArgumentException($"TransmitFileOptions.{flags} is not supported on Linux; only UseDefaultWorkerThread (0).", nameof(flags));
        }

        return SendFileCoreAsync(socket, fileName, preBuffer, postBuffer, cancellationToken);
    }

    /// <summary>Sends <paramref name="count"/> bytes of <paramref name="file"/> from <paramref name="offset"/> on
    /// <paramref name="socket"/> (IORING_OP_SPLICE through a pipe), stopping early at the end of the file.</summary>
    /// <remarks>The file's position is neither used nor moved. Available since Linux 5.7.</remarks>
    /// <param name="socket">A connected stream socket.</param>
    /// <param name="file">An open file (regular files and block devices; splice refuses some others with EINVAL).</param>
    /// <param name="offset">Where to start in the file.</param>
    /// <param name="count">How many bytes; -1 for up to the end of the file.</param>
    /// <param name="cancellationToken">Cancels the request in flight.</param>
    /// <returns>The number of bytes sent: <paramref name="count"/>, or less when the file ends first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or <paramref name="count"/> below -1.</exception>
    /// <exception cref="IOException">Reading the file failed (docs/errors.md).</exception>
    /// <exception cref="SocketException">The send failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/splice.2.html"/>
    public ValueTask<long> SendFileAsync(Socket socket, SafeFileHandle file, long offset = 0, long count = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, -1);
        return SpliceFileAsync(socket, file, offset, count, cancellationToken);
    }

    private async ValueTask SendFileCoreAsync(Socket socket, string? fileName, ReadOnlyMemory<byte> preBuffer, ReadOnlyMemory<byte> postBuffer, CancellationToken cancellationToken)
    {
        if (!preBuffer.IsEmpty)
        {
            await SendAsync(socket, preBuffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(fileName))
        {
            using SafeFileHandle file = await OpenAsync(fileName, FileMode.Open, FileAccess.Read, FileOptions.None, cancellationToken: cancellationToken).ConfigureAwait(false);
            await SpliceFileAsync(socket, file, 0, -1, cancellationToken).ConfigureAwait(false);
        }

        if (!postBuffer.IsEmpty)
        {
            await SendAsync(socket, postBuffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<long> SpliceFileAsync(Socket socket, SafeFileHandle file, long offset, long count, CancellationToken cancellationToken)
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.None);
        SafeHandle pipeIn = pipe.SafePipeHandle, pipeOut = pipe.ClientSafePipeHandle;

        // The engine holds no reference for SubmitAsync's entries: hold one on each descriptor until the last splice
        // completes, so none can be closed and its number reused meanwhile.
        SafeHandle[] held = [socket.SafeHandle, file, pipeIn, pipeOut];
        int taken = 0;
        try
        {
            foreach (SafeHandle handle in held)
            {
                bool added = false;
                handle.DangerousAddRef(ref added);
                taken++;
            }

            int socketFd = (int)socket.SafeHandle.DangerousGetHandle(), fileFd = (int)file.DangerousGetHandle();
            int pipeInFd = (int)pipeIn.DangerousGetHandle(), pipeOutFd = (int)pipeOut.DangerousGetHandle();
            long sent = 0;
            while (count < 0 || sent < count)
            {
                uint chunk = (uint)(count < 0 ? SpliceChunk : Math.Min(SpliceChunk, count - sent));
                CompletionEntry read = await SubmitAsync(new Splice(new Fd(fileFd), offset + sent, new Fd(pipeInFd), -1, chunk).Build(), cancellationToken).ConfigureAwait(false);
                if (read.Result < 0)
                {
                    throw FileErrors.For((Errno)(-read.Result), "splice", null, false);
                }

                if (read.Result == 0)
                {
                    break;
                }

                for (int moved = 0; moved < read.Result;)
                {
                    CompletionEntry write = await SubmitAsync(new Splice(new Fd(pipeOutFd), -1, new Fd(socketFd), -1, (uint)(read.Result - moved)).Build(), cancellationToken).ConfigureAwait(false);
                    if (write.Result <= 0)
                    {
                        throw write.Result == 0
                            ? new SocketException((int)SocketError.Shutdown)
                            : new SocketException((int)AsyncErrors.ToSocketError(-write.Result));
                    }

                    moved += write.Result;
                }

                sent += read.Result;
            }

            return sent;
        }
        finally
        {
            for (int i = 0; i < taken; i++)
            {
                held[i].DangerousRelease();
            }
        }
    }
}
