using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.Async;

/// <summary>Typed socket operations: each holds a reference on the socket's handle, and pins its memory, until the
/// completion; failures are <see cref="SocketException"/>s with the SocketError .NET would report.</summary>
public sealed unsafe partial class RingEngine
{
    /// <summary>Connects <paramref name="socket"/> to <paramref name="remoteEndPoint"/> (IORING_OP_CONNECT), as
    /// <see cref="Socket.ConnectAsync(EndPoint, CancellationToken)"/> does.</summary>
    /// <remarks>A <see cref="DnsEndPoint"/> is resolved and each address of the socket's family tried in turn
    /// (<see cref="ConnectAsync(Socket, string, int, CancellationToken)"/>). Available since Linux 5.5.</remarks>
    /// <param name="socket">An unconnected stream (or datagram) socket.</param>
    /// <param name="remoteEndPoint">An <see cref="IPEndPoint"/>, a <see cref="DnsEndPoint"/>, or another end point that serializes to a sockaddr.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <exception cref="ArgumentException">The end point cannot be serialized or is larger than a sockaddr_storage.</exception>
    /// <exception cref="SocketException">The connection failed (ConnectionRefused, TimedOut, HostNotFound...).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/connect.2.html"/>
    public ValueTask ConnectAsync(Socket socket, EndPoint remoteEndPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        if (remoteEndPoint is DnsEndPoint dns)
        {
            return ConnectAsync(socket, dns.Host, dns.Port, cancellationToken);
        }

        if (remoteEndPoint is IPEndPoint { Address.AddressFamily: AddressFamily.InterNetwork } v4 && socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // A dual-mode IPv6 socket reaches IPv4 peers through IPv4-mapped addresses, as .NET maps them.
            remoteEndPoint = new IPEndPoint(v4.Address.MapToIPv6(), v4.Port);
        }

        SocketAddress address = Serialize(remoteEndPoint, nameof(remoteEndPoint));
        return Start(Prepare("connect", RingOperation.ErrorKind.Socket, cancellationToken, (socket, address), static (operation, args) =>
            new Connect(new Fd(operation.AddRef(args.socket.SafeHandle)), CopyAddress(operation, args.address), (uint)args.address.Size).Build()));
    }

    /// <summary>Accepts one connection on a listening socket (IORING_OP_ACCEPT).</summary>
    /// <remarks>Available since Linux 5.5.</remarks>
    /// <param name="listener">A bound, listening socket.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The connected socket (close-on-exec).</returns>
    /// <exception cref="SocketException">The kernel refused.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/accept4.2.html"/>
    public ValueTask<Socket> AcceptAsync(Socket listener, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return Start<Socket>(Prepare("accept", RingOperation.ErrorKind.Socket, cancellationToken, listener, static (operation, listener) =>
            new Accept(new Fd(operation.AddRef(listener.SafeHandle)), null, null) { Flags = LinuxFlags.SOCK_CLOEXEC }.Build()));
    }

    /// <summary>Sends what one send(2) takes of <paramref name="buffer"/> (one IORING_OP_SEND; MSG_NOSIGNAL always, so a
    /// closed peer is an error, not SIGPIPE).</summary>
    /// <remarks>For those who want send's count (a transport that re-queues the rest itself);
    /// <see cref="SendAsync(Socket, ReadOnlyMemory{byte}, SocketFlags, CancellationToken)"/> sends everything on a stream
    /// socket, as <see cref="Socket.SendAsync(ReadOnlyMemory{byte}, SocketFlags, CancellationToken)"/> does.
    /// Available since Linux 5.6.</remarks>
    /// <param name="socket">A connected socket.</param>
    /// <param name="buffer">The data; pinned until the completion.</param>
    /// <param name="flags">None, OutOfBand or DontRoute.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The number of bytes sent (may be less than the buffer, as with send(2)).</returns>
    /// <exception cref="ArgumentException"><paramref name="flags"/> has a flag send does not take.</exception>
    /// <exception cref="SocketException">The send failed (ConnectionReset, Shutdown for EPIPE...).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/send.2.html"/>
    public ValueTask<int> SendPartialAsync(Socket socket, ReadOnlyMemory<byte> buffer, SocketFlags flags = SocketFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        int msgFlags = MessageFlags(flags, SocketFlags.OutOfBand | SocketFlags.DontRoute) | LinuxFlags.MSG_NOSIGNAL;
        return Start<int>(Prepare("send", RingOperation.ErrorKind.Socket, cancellationToken, (socket, buffer, msgFlags), static (operation, args) =>
            new Send(new Fd(operation.AddRef(args.socket.SafeHandle)), operation.Pin(args.buffer), (uint)args.buffer.Length) { Flags = args.msgFlags }.Build()));
    }

    /// <summary>Sends what one sendmsg(2) takes of <paramref name="buffers"/> (one IORING_OP_SENDMSG with one iovec per segment).</summary>
    /// <remarks>Up to 1024 segments go in one request; the result may be less than the sequence's length, as with
    /// sendmsg(2). <see cref="SendAsync(Socket, ReadOnlySequence{byte}, SocketFlags, CancellationToken)"/> sends
    /// everything. Available since Linux 5.3.</remarks>
    /// <param name="socket">A connected socket.</param>
    /// <param name="buffers">The data; each segment pinned until the completion.</param>
    /// <param name="flags">None, OutOfBand or DontRoute.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The number of bytes sent.</returns>
    /// <exception cref="ArgumentException"><paramref name="flags"/> has a flag sendmsg does not take.</exception>
    /// <exception cref="SocketException">The send failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/sendmsg.2.html"/>
    public ValueTask<int> SendPartialAsync(Socket socket, ReadOnlySequence<byte> buffers, SocketFlags flags = SocketFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (buffers.IsSingleSegment)
        {
            return SendPartialAsync(socket, buffers.First, flags, cancellationToken);
        }

        int msgFlags = MessageFlags(flags, SocketFlags.OutOfBand | SocketFlags.DontRoute) | LinuxFlags.MSG_NOSIGNAL;
        return Start<int>(Prepare("sendmsg", RingOperation.ErrorKind.Socket, cancellationToken, (socket, buffers, msgFlags), static (operation, args) =>
            new SendMsg(new Fd(operation.AddRef(args.socket.SafeHandle)), VectorMessage(operation, PinSegments(operation, args.buffers))) { Flags = (uint)args.msgFlags }.Build()));
    }

    /// <summary>Receives into <paramref name="buffer"/> (IORING_OP_RECV).</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    /// <param name="socket">A connected socket.</param>
    /// <param name="buffer">Where to receive; pinned until the completion.</param>
    /// <param name="flags">None, Peek or OutOfBand.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The number of bytes received; 0 when the peer closed its side.</returns>
    /// <exception cref="ArgumentException"><paramref name="flags"/> has a flag recv does not take.</exception>
    /// <exception cref="SocketException">The receive failed (ConnectionReset...).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/recv.2.html"/>
    public ValueTask<int> ReceiveAsync(Socket socket, Memory<byte> buffer, SocketFlags flags = SocketFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        int msgFlags = MessageFlags(flags, SocketFlags.OutOfBand | SocketFlags.Peek);
        return Start<int>(Prepare("recv", RingOperation.ErrorKind.Socket, cancellationToken, (socket, buffer, msgFlags), static (operation, args) =>
            new Recv(new Fd(operation.AddRef(args.socket.SafeHandle)), operation.Pin(args.buffer), (uint)args.buffer.Length) { Flags = args.msgFlags }.Build()));
    }

    /// <summary>Shuts down one or both directions of a connection (IORING_OP_SHUTDOWN).</summary>
    /// <remarks>Available since Linux 5.11.</remarks>
    /// <param name="socket">A connected socket.</param>
    /// <param name="how">Which direction(s).</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <exception cref="SocketException">The kernel refused (NotConnected...).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/shutdown.2.html"/>
    public ValueTask ShutdownAsync(Socket socket, SocketShutdown how, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (how is not (SocketShutdown.Receive or SocketShutdown.Send or SocketShutdown.Both))
        {
            throw new ArgumentOutOfRangeException(nameof(how), how, "Receive, Send or Both.");
        }

        // SocketShutdown's values are SHUT_RD, SHUT_WR and SHUT_RDWR.
        return Start(Prepare("shutdown", RingOperation.ErrorKind.Socket, cancellationToken, (socket, how), static (operation, args) =>
            new Shutdown(new Fd(operation.AddRef(args.socket.SafeHandle)), (int)args.how).Build()));
    }

    /// <summary>Sends <paramref name="buffer"/> without copying it into the kernel (IORING_OP_SEND_ZC); completes
    /// only after the kernel's notification that it no longer reads the buffer.</summary>
    /// <remarks>Worth it for large buffers (tens of KiB and up); the buffer stays pinned until the notification.
    /// Available since Linux 6.0.</remarks>
    /// <param name="socket">A connected socket.</param>
    /// <param name="buffer">The data.</param>
    /// <param name="flags">None, OutOfBand or DontRoute.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The number of bytes sent.</returns>
    /// <exception cref="SocketException">The send failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_send_zc.3.html"/>
    public ValueTask<int> SendZeroCopyAsync(Socket socket, ReadOnlyMemory<byte> buffer, SocketFlags flags = SocketFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        int msgFlags = MessageFlags(flags, SocketFlags.OutOfBand | SocketFlags.DontRoute) | LinuxFlags.MSG_NOSIGNAL;
        return Start<int>(Prepare("send_zc", RingOperation.ErrorKind.Socket, cancellationToken, (socket, buffer, msgFlags), static (operation, args) =>
            new SendZc(new Fd(operation.AddRef(args.socket.SafeHandle)), operation.Pin(args.buffer), (uint)args.buffer.Length) { Flags = args.msgFlags }.Build()));
    }

    private const int SocketAddressCapacity = 128;

    private static int PinSegments(RingOperation operation, in ReadOnlySequence<byte> buffers)
    {
        int count = 0;
        foreach (ReadOnlyMemory<byte> _ in buffers)
        {
            if (++count == LinuxFlags.IOV_MAX)
            {
                break;
            }
        }

        operation.EnsureVectorCapacity(count);
        int index = 0;
        foreach (ReadOnlyMemory<byte> segment in buffers)
        {
            if (index == count)
            {
                break;
            }

            operation.PinVector(index++, segment);
        }

        return count;
    }

    // SocketFlags' OutOfBand, Peek and DontRoute have the Linux MSG_OOB, MSG_PEEK and MSG_DONTROUTE values.
    private static int MessageFlags(SocketFlags flags, SocketFlags allowed)
    {
        if ((flags & ~allowed) != 0)
        {
            throw new ArgumentException($"SocketFlags {flags & ~allowed} are not supported here (allowed: {allowed}).", nameof(flags));
        }

        return (int)flags;
    }
}
