using System.Net;
using System.Net.Sockets;

namespace IoUring.Interop.Reliability.Child;

/// <summary>A connected loopback TCP pair for socket arguments: what a socket stream or a send/receive is meant for.</summary>
internal static class Loopback
{
    // What the peer sends before shutting its side: a read gets these bytes, then end of stream, never waits for ever.
    private const int PeerBytes = 16;

    /// <summary>The client end of a fresh pair; both ends belong to <paramref name="context"/>. The peer has sent
    /// <see cref="PeerBytes"/> bytes and shut down its sending side.</summary>
    public static Socket Connected(CallContext context)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        Socket client = context.Own(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        client.Connect(listener.LocalEndPoint!);
        Socket peer = context.Own(listener.Accept());
        peer.Send(new byte[PeerBytes]);
        peer.Shutdown(SocketShutdown.Send);
        return client;
    }
}
