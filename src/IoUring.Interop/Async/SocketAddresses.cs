using System;
using System.Buffers.Binary;
using System.Net;

namespace IoUring.Interop.Async;

/// <summary>Reads the sockaddr the kernel wrote (recvmsg's msg_name) back into a .NET end point.</summary>
internal static unsafe class SocketAddresses
{
    private const ushort AF_INET = 2;
    private const ushort AF_INET6 = 10;

    /// <summary>An <see cref="IPEndPoint"/> for sockaddr_in and sockaddr_in6; null for an empty or other address.</summary>
    internal static IPEndPoint? ToEndPoint(byte* address, uint length)
    {
        if (length < 2)
        {
            return null;
        }

        var bytes = new ReadOnlySpan<byte>(address, (int)Math.Min(length, 128u));
        ushort family = BitConverter.ToUInt16(bytes);
        int port = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        return family switch
        {
            AF_INET when length >= 16 => new IPEndPoint(new IPAddress(bytes.Slice(4, 4)), port),
            AF_INET6 when length >= 28 => new IPEndPoint(new IPAddress(bytes.Slice(8, 16), BitConverter.ToUInt32(bytes[24..])), port),
            _ => null,
        };
    }
}
