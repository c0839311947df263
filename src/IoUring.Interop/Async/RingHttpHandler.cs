using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Interop.Async;

/// <summary>Outgoing HTTP on io_uring: a <see cref="SocketsHttpHandler"/> whose connections are made and carried by a
/// <see cref="RingEngine"/> (connect, send and receive are ring requests; TLS, HTTP/1.1 and HTTP/2 stay .NET's).</summary>
/// <remarks><c>new HttpClient(RingHttpHandler.Create())</c>, or set <see cref="SocketsHttpHandler.ConnectCallback"/> to
/// <see cref="ConnectCallback"/> on a handler you configure yourself. Available since Linux 5.19.</remarks>
public static class RingHttpHandler
{
    /// <summary>A <see cref="SocketsHttpHandler"/> that connects through <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine; null for <see cref="RingEngine.Default"/>.</param>
    /// <returns>A new handler; configure it further (pooling, TLS options) as any SocketsHttpHandler.</returns>
    public static SocketsHttpHandler Create(RingEngine? engine = null) => new() { ConnectCallback = ConnectCallback(engine) };

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the request's host, connects a TCP
    /// socket through <paramref name="engine"/> (trying each address, as <see cref="RingEngine.ConnectAsync(Socket, string, int, CancellationToken)"/>
    /// does) and returns a <see cref="RingSocketStream"/> over it.</summary>
    /// <param name="engine">The engine; null for <see cref="RingEngine.Default"/>.</param>
    /// <returns>The callback.</returns>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(RingEngine? engine = null) =>
        (context, cancellationToken) => ConnectAsync(engine ?? RingEngine.Default, context, cancellationToken);

    private static async ValueTask<Stream> ConnectAsync(RingEngine engine, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // A dual-mode IPv6 socket reaches both families, as SocketsHttpHandler's own connect does; TCP_NODELAY as it sets.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await engine.ConnectAsync(socket, context.DnsEndPoint, cancellationToken).ConfigureAwait(false);

            // .NET marks a Socket connected only when its own API connected it; one built on the descriptor asks the
            // kernel (getpeername), so the stream sees a connected socket. The two share one SafeSocketHandle, which
            // the new Socket owns from here; the first must not close it from its finalizer.
            var connected = new Socket(socket.SafeHandle) { NoDelay = true };
            GC.SuppressFinalize(socket);
            return new RingSocketStream(engine, connected, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
