namespace IoUring.Interop.Native;

/// <summary>
/// <c>struct iovec</c> from <c>&lt;sys/uio.h&gt;</c> (linux/uio.h is outside the io_uring header closure,
/// so it is declared here by hand; its layout is fixed by the x86-64 ABI: two 8-byte words).
/// </summary>
public unsafe struct iovec
{
    /// <summary>Start of the buffer.</summary>
    public void* iov_base;

    /// <summary>Length of the buffer in bytes.</summary>
    public nuint iov_len;
}
