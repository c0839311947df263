using System;

namespace IoUring.Interop.Tests.Opcodes.Support;

/// <summary>Loopback sockets made with plain libc calls, so each net test exercises only the opcode under test.</summary>
internal static unsafe class Loopback
{
    /// <summary>A TCP socket listening on 127.0.0.1 with a kernel-chosen port.</summary>
    public static (int Fd, SockAddrIn Address) Listener()
    {
        int fd = Check(Libc.socket(Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0), "socket");
        SockAddrIn addr = SockAddrIn.Loopback(0);
        Check(Libc.bind(fd, &addr, SockAddrIn.Size), "bind");
        Check(Libc.listen(fd, 16), "listen");
        return (fd, LocalAddress(fd));
    }

    /// <summary>A UDP socket bound to 127.0.0.1 with a kernel-chosen port.</summary>
    public static (int Fd, SockAddrIn Address) Udp()
    {
        int fd = Check(Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0), "socket");
        SockAddrIn addr = SockAddrIn.Loopback(0);
        Check(Libc.bind(fd, &addr, SockAddrIn.Size), "bind");
        return (fd, LocalAddress(fd));
    }

    /// <summary>A connected TCP pair over loopback: (client, server).</summary>
    public static (int Client, int Server) TcpPair()
    {
        (int listener, SockAddrIn addr) = Listener();
        try
        {
            int client = Check(Libc.socket(Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0), "socket");
            Check(Libc.connect(client, &addr, SockAddrIn.Size), "connect");
            int server = Check(Libc.accept4(listener, null, null, Libc.SOCK_CLOEXEC), "accept4");
            return (client, server);
        }
        finally
        {
            Libc.close(listener);
        }
    }

    /// <summary>A TCP client connected to <paramref name="address"/>.</summary>
    public static int Connect(SockAddrIn address)
    {
        int client = Check(Libc.socket(Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0), "socket");
        Check(Libc.connect(client, &address, SockAddrIn.Size), "connect");
        return client;
    }

    public static SockAddrIn LocalAddress(int fd)
    {
        SockAddrIn addr = default;
        uint len = SockAddrIn.Size;
        Check(Libc.getsockname(fd, &addr, &len), "getsockname");
        return addr;
    }

    public static void Close(params int[] fds)
    {
        foreach (int fd in fds)
        {
            if (fd >= 0)
            {
                Libc.close(fd);
            }
        }
    }

    private static int Check(int result, string what)
        => result >= 0 ? result : throw new InvalidOperationException($"{what} failed: errno {Libc.Errno}");
}
