using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Interop.Async;

/// <summary>Connecting by name or to one of several addresses, as <see cref="Socket"/>'s own overloads do.</summary>
public sealed partial class RingEngine
{
    /// <summary>Resolves <paramref name="host"/> and connects <paramref name="socket"/> to the first of its addresses that
    /// accepts, as <see cref="Socket.ConnectAsync(string, int, CancellationToken)"/> does.</summary>
    /// <remarks>Addresses the socket cannot reach are skipped (IPv6 ones for an IPv4 socket; IPv4 ones for an IPv6
    /// socket that is not dual-mode). Resolution is .NET's (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>);
    /// each connect is an IORING_OP_CONNECT. Available since Linux 5.5.</remarks>
    /// <param name="socket">An unconnected stream socket.</param>
    /// <param name="host">A host name or an address literal.</param>
    /// <param name="port">The port.</param>
    /// <param name="cancellationToken">Cancels the resolution or the connect in progress.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not a port number.</exception>
    /// <exception cref="SocketException">No address accepted: the last address's error (ConnectionRefused...), or
    /// HostNotFound when the name has no address the socket can reach.</exception>
    public ValueTask ConnectAsync(Socket socket, string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentException.ThrowIfNullOrEmpty(host);
        CheckPort(port);
        return IPAddress.TryParse(host, out IPAddress? literal)
            ? ConnectAsync(socket, new IPEndPoint(literal, port), cancellationToken)
            : ResolveAndConnectAsync(socket, host, port, cancellationToken);
    }

    /// <summary>Connects <paramref name="socket"/> to the first of <paramref name="addresses"/> that accepts, as
    /// <see cref="Socket.ConnectAsync(IPAddress[], int, CancellationToken)"/> does.</summary>
    /// <remarks>After a refused connect Linux lets the same socket try again, so one socket serves every attempt.
    /// Available since Linux 5.5.</remarks>
    /// <param name="socket">An unconnected stream socket.</param>
    /// <param name="addresses">The addresses, tried in order; those of a family the socket cannot use are skipped.</param>
    /// <param name="port">The port.</param>
    /// <param name="cancellationToken">Cancels the connect in progress.</param>
    /// <exception cref="ArgumentException"><paramref name="addresses"/> is empty.</exception>
    /// <exception cref="SocketException">No address accepted: the last attempt's error, or AddressFamilyNotSupported
    /// when no address has a usable family.</exception>
    public ValueTask ConnectAsync(Socket socket, IPAddress[] addresses, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Length == 0)
        {
            throw new ArgumentException("At least one address is needed.", nameof(addresses));
        }

        CheckPort(port);
        return ConnectToAnyAsync(socket, addresses, port, SocketError.AddressFamilyNotSupported, cancellationToken);
    }

    private static void CheckPort(int port)
    {
        if (port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, $"A port is {IPEndPoint.MinPort} to {IPEndPoint.MaxPort}.");
        }
    }

    private async ValueTask ResolveAndConnectAsync(Socket socket, string host, int port, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        await ConnectToAnyAsync(socket, addresses, port, SocketError.HostNotFound, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ConnectToAnyAsync(Socket socket, IPAddress[] addresses, int port, SocketError noneUsable, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            if (!CanReach(socket, address))
            {
                continue;
            }

            try
            {
                await ConnectAsync(socket, new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException e)
            {
                last = e;
            }
        }

        throw last ?? new SocketException((int)noneUsable);
    }

    private static bool CanReach(Socket socket, IPAddress address) => socket.AddressFamily switch
    {
        AddressFamily.InterNetwork => address.AddressFamily == AddressFamily.InterNetwork,
        AddressFamily.InterNetworkV6 => address.AddressFamily == AddressFamily.InterNetworkV6 ||
                                        (address.AddressFamily == AddressFamily.InterNetwork && socket.DualMode),
        _ => false,
    };
}
