using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>Describes which in-flight requests a cancellation matches: by user data, by file, by opcode, or any.</summary>
/// <remarks>Rust's <c>types::CancelBuilder</c>; used by the AsyncCancel builder and <c>Submitter.RegisterSyncCancel</c>.
/// Available since Linux 5.5 (matching by user data). Matching by file or any request needs Linux 5.19; by opcode, Linux 6.6.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_cancel.3.html"/>
public struct CancelBuilder
{
    /// <summary>Matches any request (<c>IORING_ASYNC_CANCEL_ANY</c>).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public static CancelBuilder Any() => new() { Flags = (AsyncCancelFlags)IORING_ASYNC_CANCEL_ANY };

    /// <summary>Matches the request whose user data is <paramref name="userData"/>.</summary>
    /// <remarks>Available since Linux 5.5.</remarks>
    public static CancelBuilder UserData(ulong userData) => new() { Data = userData };

    /// <summary>Matches requests on <paramref name="target"/> (<c>IORING_ASYNC_CANCEL_FD</c>, plus <c>FD_FIXED</c> for a registered file).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public static CancelBuilder Fd(FileTarget target)
    {
        uint flags = IORING_ASYNC_CANCEL_FD;
        if (target.IsFixed)
        {
            flags |= IORING_ASYNC_CANCEL_FD_FIXED;
        }

        return new CancelBuilder { Flags = (AsyncCancelFlags)flags, FdValue = target.Value };
    }

    /// <summary>A copy that cancels every match, not only the first (<c>IORING_ASYNC_CANCEL_ALL</c>).</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public readonly CancelBuilder All()
    {
        CancelBuilder copy = this;
        copy.Flags = (AsyncCancelFlags)((uint)Flags | IORING_ASYNC_CANCEL_ALL);
        return copy;
    }

    /// <summary>A copy that also matches on the request's opcode (<c>IORING_ASYNC_CANCEL_OP</c>).</summary>
    /// <remarks>Available since Linux 6.6.</remarks>
    public readonly CancelBuilder Opcode(global::IoUring.Interop.Opcode opcode)
    {
        CancelBuilder copy = this;
        copy.Flags = (AsyncCancelFlags)((uint)Flags | IORING_ASYNC_CANCEL_OP);
        copy.Op = opcode;
        return copy;
    }

    /// <summary>The <c>IORING_ASYNC_CANCEL_*</c> flags.</summary>
    internal AsyncCancelFlags Flags { get; private set; }

    /// <summary>The user data to match (only read when no FD/ANY flag says otherwise).</summary>
    internal ulong Data { get; private set; }

    /// <summary>The fd or registered index to match, read only when <c>IORING_ASYNC_CANCEL_FD</c> is set.</summary>
    internal int FdValue { get; private set; }

    /// <summary>The opcode to match, when <c>IORING_ASYNC_CANCEL_OP</c> is set.</summary>
    internal global::IoUring.Interop.Opcode? Op { get; private set; }
}
