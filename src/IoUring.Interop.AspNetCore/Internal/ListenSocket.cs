using System;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>Creates a bound, listening socket the way Kestrel's Sockets transport does, optionally in a
/// SO_REUSEPORT group.</summary>
internal static class ListenSocket
{
    // socket(7): SOL_SOCKET and SO_REUSEPORT (Linux 3.9) as the kernel numbers them on every architecture .NET runs on.
    private const int SOL_SOCKET = 1;
    private const int SO_REUSEPORT = 15;

    /// <summary>Binds <paramref name="endPoint"/> and listens.</summary>
    /// <param name="endPoint">An IP or Unix domain socket endpoint.</param>
    /// <param name="backlog">The listen backlog.</param>
    /// <param name="reusePort">Sets SO_REUSEPORT before the bind, so that more sockets may bind the same address and
    /// the kernel spreads incoming connections over them (IP endpoints only).</param>
    /// <exception cref="AddressInUseException">The address is taken (EADDRINUSE), by a socket outside the group.</exception>
    /// <exception cref="NotSupportedException">The endpoint is of another kind.</exception>
    public static Socket Open(EndPoint endPoint, int backlog, bool reusePort)
    {
        Socket socket = endPoint switch
        {
            UnixDomainSocketEndPoint => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified),
            IPEndPoint ip => new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp),
            _ => throw new NotSupportedException($"The io_uring transport cannot bind {endPoint.GetType().Name} '{endPoint}'."),
        };
        try
        {
            if (endPoint is IPEndPoint { Address: var address })
            {
                if (address.Equals(IPAddress.IPv6Any))
                {
                    // [::] takes IPv4 clients too, as Kestrel's Sockets transport arranges.
                    socket.DualMode = true;
                }

                if (reusePort)
                {
                    // socket(7): every socket of the group must set it before bind(2), under the same effective UID.
                    socket.SetRawSocketOption(SOL_SOCKET, SO_REUSEPORT, BitConverter.GetBytes(1));
                }
            }

            socket.Bind(endPoint);
            socket.Listen(backlog);
            return socket;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new AddressInUseException(e.Message, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
