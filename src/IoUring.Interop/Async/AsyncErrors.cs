using System;
using System.Net.Sockets;

namespace IoUring.Interop.Async;

/// <summary>Turns a failed completion into the exception .NET code expects: <see cref="SocketException"/> with the
/// matching <see cref="SocketError"/> for socket operations, what File and RandomAccess throw for file operations
/// (<see cref="FileErrors"/>).</summary>
internal static class AsyncErrors
{
    /// <summary>The exception for <paramref name="errno"/> returned by operation <paramref name="name"/>.</summary>
    internal static Exception For(RingOperation.ErrorKind kind, int errno, string name, string? path = null, bool creates = false) =>
        kind == RingOperation.ErrorKind.Socket
            ? new SocketException((int)ToSocketError(errno))
            : FileErrors.For((Errno)errno, name, path, creates);

    /// <summary>The <see cref="SocketError"/> .NET reports for a Linux errno (as System.Net.Sockets maps them).</summary>
    internal static SocketError ToSocketError(int errno) => (Errno)errno switch
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
        Errno.EMSGSIZE => SocketError.MessageSize,
        Errno.EPROTOTYPE => SocketError.ProtocolType,
        Errno.ENOPROTOOPT => SocketError.ProtocolOption,
        Errno.EPROTONOSUPPORT => SocketError.ProtocolNotSupported,
        Errno.ESOCKTNOSUPPORT => SocketError.SocketNotSupported,
        Errno.EOPNOTSUPP => SocketError.OperationNotSupported,
        Errno.EAFNOSUPPORT => SocketError.AddressFamilyNotSupported,
        Errno.EADDRINUSE => SocketError.AddressAlreadyInUse,
        Errno.EADDRNOTAVAIL => SocketError.AddressNotAvailable,
        Errno.ENETDOWN => SocketError.NetworkDown,
        Errno.ENETUNREACH => SocketError.NetworkUnreachable,
        Errno.ENETRESET => SocketError.NetworkReset,
        Errno.ECONNABORTED => SocketError.ConnectionAborted,
        Errno.ECONNRESET => SocketError.ConnectionReset,
        Errno.ENOBUFS => SocketError.NoBufferSpaceAvailable,
        Errno.EISCONN => SocketError.IsConnected,
        Errno.ENOTCONN => SocketError.NotConnected,
        Errno.ETIMEDOUT => SocketError.TimedOut,
        Errno.ECONNREFUSED => SocketError.ConnectionRefused,
        Errno.EHOSTDOWN => SocketError.HostDown,
        Errno.EHOSTUNREACH => SocketError.HostUnreachable,
        Errno.EALREADY => SocketError.AlreadyInProgress,
        Errno.EINPROGRESS => SocketError.InProgress,
        Errno.ECANCELED => SocketError.OperationAborted,
        _ => SocketError.SocketError,
    };
}
