using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.Async;

/// <summary>Datagram forms with addresses: sendmsg(2) to an end point and recvmsg(2) reporting the sender.</summary>
public sealed unsafe partial class RingEngine
{
    /// <summary>Sends <paramref name="buffer"/> to <paramref name="remoteEndPoint"/> (IORING_OP_SENDMSG with msg_name).</summary>
    /// <remarks>Available since Linux 5.3.</remarks>
    /// <param name="socket">A datagram (or unconnected) socket.</param>
    /// <param name="buffer">The data; pinned until the completion.</param>
    /// <param name="remoteEndPoint">Where to send (an <see cref="IPEndPoint"/> or another end point that serializes to a sockaddr).</param>
    /// <param name="flags">None, OutOfBand or DontRoute.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The number of bytes sent.</returns>
    /// <exception cref="ArgumentException">The end point cannot be serialized, or a flag is not supported.</exception>
    /// <exception cref="SocketException">The send failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/sendmsg.2.html"/>
    public ValueTask<int> SendToAsync(Socket socket, ReadOnlyMemory<byte> buffer, EndPoint remoteEndPoint, SocketFlags flags = SocketFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        SocketAddress address = Serialize(remoteEndPoint, nameof(remoteEndPoint));
        int msgFlags = MessageFlags(flags, SocketFlags.OutOfBand | SocketFlags.DontRoute) | LinuxFlags.MSG_NOSIGNAL;
        return Start<int>(Prepare("sendmsg", RingOperation.ErrorKind.Socket, cancellationToken, (socket, buffer, address, msgFlags), static (operation, args) =>
        {
            int fd = operation.AddRef(args.socket.SafeHandle);
            MsgHdr* message = SingleBufferMessage(operation, args.buffer);
            message->Name = CopyAddress(operation, args.address);
            message->NameLength = (uint)args.address.Size;
            return new SendMsg(new Fd(fd), message) { Flags = (uint)args.msgFlags }.Build();
        }));
    }

    /// <summary>Receives one datagram (or stream chunk) and its sender's address (IORING_OP_RECVMSG with msg_name).</summary>
    /// <remarks>Available since Linux 5.3.</remarks>
    /// <param name="socket">A bound datagram socket (or a connected one).</param>
    /// <param name="buffer">Where to receive; pinned until the completion.</param>
    /// <param name="flags">None, Peek or OutOfBand.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <returns>The byte count and the sender (an <see cref="IPEndPoint"/> for IPv4 and IPv6).</returns>
    /// <exception cref="ArgumentException">A flag is not supported.</exception>
    /// <exception cref="SocketException">The receive failed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/recvmsg.2.html"/>
    public ValueTask<SocketReceiveFromResult> ReceiveFromAsync(Socket socket, Memory<byte> buffer, SocketFlags flags = SocketFlags.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        int msgFlags = MessageFlags(flags, SocketFlags.OutOfBand | SocketFlags.Peek);
        return Start<SocketReceiveFromResult>(Prepare("recvmsg", RingOperation.ErrorKind.Socket, cancellationToken, (socket, buffer, msgFlags), static (operation, args) =>
        {
            int fd = operation.AddRef(args.socket.SafeHandle);
            MsgHdr* message = SingleBufferMessage(operation, args.buffer);
            message->Name = operation.Address;
            message->NameLength = SocketAddressCapacity;
            return new RecvMsg(new Fd(fd), message) { Flags = (uint)args.msgFlags }.Build();
        }));
    }

    private static SocketAddress Serialize(EndPoint endPoint, string parameterName)
    {
        if (endPoint is DnsEndPoint)
        {
            throw new ArgumentException("A DnsEndPoint must be resolved first (Dns.GetHostAddressesAsync).", parameterName);
        }

        SocketAddress address = endPoint.Serialize();
        if (address.Size > SocketAddressCapacity)
        {
            throw new ArgumentException($"The end point's address is {address.Size} bytes; at most {SocketAddressCapacity} fit a sockaddr_storage.", parameterName);
        }

        return address;
    }

    // The serialized end point in the operation's sockaddr scratch (Serialize checked that it fits).
    private static byte* CopyAddress(RingOperation operation, SocketAddress address)
    {
        address.Buffer.Span[..address.Size].CopyTo(new Span<byte>(operation.Address, SocketAddressCapacity));
        return operation.Address;
    }

    private static MsgHdr* SingleBufferMessage(RingOperation operation, ReadOnlyMemory<byte> buffer)
    {
        operation.EnsureVectorCapacity(1);
        operation.PinVector(0, buffer);
        return VectorMessage(operation, 1);
    }

    // A msghdr in the operation's scratch over its first count iovecs.
    private static MsgHdr* VectorMessage(RingOperation operation, int count)
    {
        MsgHdr* message = operation.Message;
        *message = default;
        message->IoVecs = operation.IoVectors;
        message->IoVecCount = (nuint)count;
        return message;
    }
}
