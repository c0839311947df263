using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary>One element of the vector given to <c>futex_waitv(2)</c> (<c>struct futex_waitv</c>, 24 bytes), used by the FutexWaitV builder.</summary>
/// <remarks>Available since Linux 6.7 (as an io_uring argument).</remarks>
/// <seealso href="https://docs.kernel.org/userspace-api/futex2.html"/>
[StructLayout(LayoutKind.Sequential)]
public struct FutexWaiter
{
    /// <summary>Expected value; the wait fails with EAGAIN when the futex holds anything else.</summary>
    public ulong Value;

    /// <summary>Address of the futex word.</summary>
    public ulong Address;

    /// <summary>FUTEX2_* flags (size, private).</summary>
    public uint Flags;

    private readonly uint reserved;
}
