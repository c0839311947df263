using System.Net.Sockets;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>How the transport classifies a socket error, the way Kestrel's Sockets transport does on Linux.</summary>
internal static class SocketErrors
{
    /// <summary>The peer went away (ECONNRESET, EPIPE, ECONNABORTED): Kestrel expects a ConnectionResetException.</summary>
    public static bool IsReset(SocketError error) =>
        error is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted;

    /// <summary>Our own abort or shutdown ended the operation (ECANCELED, EINTR, EINVAL, EBADF).</summary>
    public static bool IsAbort(SocketError error) =>
        error is SocketError.OperationAborted or SocketError.Interrupted or SocketError.InvalidArgument or SocketError.NotSocket;
}
