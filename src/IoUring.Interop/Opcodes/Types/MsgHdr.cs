using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary><c>struct msghdr</c> of <c>sendmsg(2)</c>/<c>recvmsg(2)</c> in its x86-64 layout (56 bytes).</summary>
/// <remarks>Used by SendMsg, SendMsgZc, RecvMsg and RecvMsgMulti; for the multishot form only the name and control lengths are read.
/// Available since Linux 5.3 (as an io_uring argument).</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/recvmsg.2.html"/>
public unsafe struct MsgHdr
{
    /// <summary>Socket address buffer, or null.</summary>
    public void* Name;

    /// <summary>Size of the socket address buffer.</summary>
    public uint NameLength;

    /// <summary>Scatter/gather array.</summary>
    public IoVector* IoVecs;

    /// <summary>Number of elements in <see cref="IoVecs"/>.</summary>
    public nuint IoVecCount;

    /// <summary>Ancillary data buffer, or null.</summary>
    public void* Control;

    /// <summary>Size of the ancillary data buffer.</summary>
    public nuint ControlLength;

    /// <summary>MSG_* flags of the received message.</summary>
    public int Flags;
}
