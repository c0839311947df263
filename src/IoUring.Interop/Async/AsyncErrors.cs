using System;
using System.Net.Sockets;

namespace IoUring.Interop.Async;

/// <summary>Turns a failed completion into the exception .NET code expects: <see cref="SocketException"/> with the
/// matching <see cref="SocketError"/> for socket operations, <see cref="IoUringException"/> (an IOException carrying
/// the errno) for the rest.</summary>
internal static class AsyncErrors
{
    /// <summary>The exception for <paramref name="errno"/> returned by operation <paramref name="name"/>.</summary>
    internal static Exception For(RingOperation.ErrorKind kind, int errno, string name) =>
        kind == RingOperation.ErrorKind.Socket
            ? new SocketException((int)ToSocketError(errno))
            : new IoUringException(errno, name);

    /// <summary>The <see cref="SocketError"/> .NET reports for a Linux errno (as System.Net.Sockets maps them).</summary>
    internal static SocketError ToSocketError(int errno) => errno switch
    {
        Errno.EINTR => SocketError.Interrupted,
        Errno.EBADF => SocketError.OperationAborted,
        Errno.EAGAIN => SocketError.WouldBlock,
        Errno.EACCES or Errno.EPERM => SocketError.AccessDenied,
        Errno.EFAULT => SocketError.Fault,
        Errno.EINVAL => SocketError.InvalidArgument,
        Errno.EMFILE or Errno.ENFILE => SocketError.TooManyOpenSockets,
        Errno.EPIPE => SocketError.Shutdown,
        Errno.ENOTSOCK => SocketError.NotSocket,
        90 => SocketError.MessageSize,             // EMSGSIZE
        91 => SocketError.ProtocolType,            // EPROTOTYPE
        92 => SocketError.ProtocolOption,          // ENOPROTOOPT
        93 => SocketError.ProtocolNotSupported,    // EPROTONOSUPPORT
        94 => SocketError.SocketNotSupported,      // ESOCKTNOSUPPORT
        Errno.EOPNOTSUPP => SocketError.OperationNotSupported,
        97 => SocketError.AddressFamilyNotSupported, // EAFNOSUPPORT
        Errno.EADDRINUSE => SocketError.AddressAlreadyInUse,
        99 => SocketError.AddressNotAvailable,     // EADDRNOTAVAIL
        100 => SocketError.NetworkDown,            // ENETDOWN
        101 => SocketError.NetworkUnreachable,     // ENETUNREACH
        102 => SocketError.NetworkReset,           // ENETRESET
        103 => SocketError.ConnectionAborted,      // ECONNABORTED
        Errno.ECONNRESET => SocketError.ConnectionReset,
        Errno.ENOBUFS => SocketError.NoBufferSpaceAvailable,
        106 => SocketError.IsConnected,            // EISCONN
        Errno.ENOTCONN => SocketError.NotConnected,
        Errno.ETIMEDOUT => SocketError.TimedOut,
        Errno.ECONNREFUSED => SocketError.ConnectionRefused,
        112 => SocketError.HostDown,               // EHOSTDOWN
        113 => SocketError.HostUnreachable,        // EHOSTUNREACH
        Errno.EALREADY => SocketError.AlreadyInProgress,
        Errno.EINPROGRESS => SocketError.InProgress,
        Errno.ECANCELED => SocketError.OperationAborted,
        _ => SocketError.SocketError,
    };
}
