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
        RingOperation operation = Rent("sendmsg", RingOperation.ErrorKind.Socket, cancellationToken);
        int fd = AddRefOrDiscard(operation, socket.SafeHandle);
        address.Buffer.Span[..address.Size].CopyTo(new Span<byte>(operation.Address, SocketAddressCapacity));
        MsgHdr* message = SingleBufferMessage(operation, buffer);
        message->Name = operation.Address;
        message->NameLength = (uint)address.Size;
        operation.Entry = new SendMsg(new Fd(fd), message) { Flags = (uint)msgFlags }.Build();
        return Start<int>(operation);
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
        RingOperation operation = Rent("recvmsg", RingOperation.ErrorKind.Socket, cancellationToken);
        int fd = AddRefOrDiscard(operation, socket.SafeHandle);
        MsgHdr* message = SingleBufferMessage(operation, buffer);
        message->Name = operation.Address;
        message->NameLength = SocketAddressCapacity;
        operation.Entry = new RecvMsg(new Fd(fd), message) { Flags = (uint)msgFlags }.Build();
        return Start<SocketReceiveFromResult>(operation);
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

    private static MsgHdr* SingleBufferMessage(RingOperation operation, ReadOnlyMemory<byte> buffer)
    {
        operation.EnsureVectorCapacity(1);
        operation.PinVector(0, buffer);
        MsgHdr* message = operation.Message;
        *message = default;
        message->IoVecs = operation.IoVectors;
        message->IoVecCount = 1;
        return message;
    }
}
