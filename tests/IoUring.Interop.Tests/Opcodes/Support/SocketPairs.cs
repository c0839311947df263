using System;

namespace IoUring.Interop.Tests.Opcodes.Support;

/// <summary>A connected TCP pair over 127.0.0.1, closed on Dispose.</summary>
internal sealed class TcpPair : IDisposable
{
    private TcpPair((int Client, int Server) fds) => (Client, Server) = fds;

    public int Client { get; private set; }

    public int Server { get; }

    public static TcpPair Open() => new(Loopback.TcpPair());

    /// <summary>Closes the client end early (the peer then reads end of file); Dispose leaves it alone.</summary>
    public void CloseClient()
    {
        Libc.close(Client);
        Client = -1;
    }

    public void Deconstruct(out int client, out int server) => (client, server) = (Client, Server);

    public void Dispose() => Loopback.Close(Client, Server);
}

/// <summary>Two UDP sockets bound to 127.0.0.1 with kernel-chosen ports, closed on Dispose.</summary>
internal sealed class UdpPair : IDisposable
{
    private UdpPair()
    {
        (A, AAddress) = Loopback.Udp();
        try
        {
            (B, BAddress) = Loopback.Udp();
        }
        catch
        {
            Libc.close(A);
            throw;
        }
    }

    public int A { get; }

    public SockAddrIn AAddress { get; }

    public int B { get; }

    public SockAddrIn BAddress { get; }

    public static UdpPair Open() => new();

    public void Dispose() => Loopback.Close(A, B);
}
