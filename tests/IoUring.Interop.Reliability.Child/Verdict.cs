using System;
using System.IO;

namespace IoUring.Interop.Reliability.Child;

/// <summary>How a call ended, as the child reports it (one word, then the detail).</summary>
public static class Verdict
{
    /// <summary>The call returned (for an opcode builder: its entry went through the ring; the CQE is in the detail).</summary>
    public const string Ok = "OK";

    /// <summary>The call threw a clear exception: an argument exception naming the argument, ObjectDisposedException,
    /// InvalidOperationException, NotSupportedException, an IoUringException/IOException with the errno, a SocketException
    /// with its SocketError, or an
    /// OverflowException that says which value.</summary>
    public const string Clear = "CLEAR";

    /// <summary>The call threw anything else (NullReference, Overflow, IndexOutOfRange, an argument exception without
    /// the argument's name...): a defect.</summary>
    public const string Unclear = "UNCLEAR";

    /// <summary>After the call the ring failed its NOP round trip, or fd 0, 1 or 2 was closed: a defect.</summary>
    public const string Broken = "BROKEN";

    /// <summary>Whether <paramref name="exception"/> is a clear refusal of bad input.</summary>
    public static bool IsClear(Exception exception) => exception switch
    {
        ArgumentException a => a.ParamName is not null,
        ObjectDisposedException or InvalidOperationException or NotSupportedException => true,
        IoUringException => true,

        // What .NET's own Socket and NetworkStream throw for an errno (ENOTCONN, EINVAL, EOPNOTSUPP...): the code names it.
        System.Net.Sockets.SocketException s => s.SocketErrorCode is not System.Net.Sockets.SocketError.SocketError && !string.IsNullOrWhiteSpace(s.Message),

        // The .NET idiom for a value out of a type's range (TimeSpan.FromSeconds does the same), when it says which
        // value: the runtime's bare "Arithmetic operation resulted in an overflow." from checked arithmetic is not.
        OverflowException o => o.Message != new OverflowException().Message,
        IOException io => !string.IsNullOrWhiteSpace(io.Message),

        // What File and RandomAccess throw for EACCES, EPERM and EBADF (issue 19: the async layer throws the BCL's
        // exceptions); clear when the errno stays reachable as its inner IoUringException (docs/errors.md).
        UnauthorizedAccessException u => u.InnerException is IoUringException,
        _ => false,
    };
}
