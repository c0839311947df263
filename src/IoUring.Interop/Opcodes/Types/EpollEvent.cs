using System;
using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary><c>struct epoll_event</c>, laid out for the architecture the process runs on.</summary>
/// <remarks>
/// <para>
/// The kernel declares it <c>__attribute__((packed))</c> on x86-64 only (linux/eventpoll.h, for the 32-bit ABI's sake):
/// there it is 12 bytes with <c>data</c> at offset 4; on arm64 it is 16 bytes with <c>data</c> at offset 8. One IL
/// assembly serves both, and a C# struct cannot change its size at run time, so this struct is 16 bytes (enough on
/// either) and <see cref="Data"/> is read and written at the running architecture's offset, chosen once from
/// <see cref="RuntimeInformation.ProcessArchitecture"/>. A single event (EpollCtl) is passed as it is.
/// </para>
/// <para>
/// An array the kernel fills (EpollWait) has the kernel's stride, <see cref="Size"/> bytes per element (12 on x86-64):
/// allocate it as <c>EpollEvent[maxEvents]</c> (always large enough) and read element <c>i</c> with
/// <see cref="At"/>, never with <c>events[i]</c>, which steps 16 bytes. Available since Linux 5.6 (as an io_uring argument).
/// </para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/epoll_ctl.2.html"/>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct EpollEvent
{
    // x86-64's packed layout puts data at 4 (an unaligned 8-byte field, which both architectures load fine); every
    // other 64-bit Linux architecture aligns it to 8.
    private static readonly bool Packed = LayoutFor(RuntimeInformation.ProcessArchitecture).DataOffset == 4;

    /// <summary>EPOLL* event bits.</summary>
    [FieldOffset(0)]
    public uint Events;

    [FieldOffset(4)]
    private ulong packedData;

    [FieldOffset(8)]
    private ulong alignedData;

    /// <summary>User data returned with the event (at offset 4 on x86-64, 8 on arm64).</summary>
    public ulong Data
    {
        readonly get => Packed ? packedData : alignedData;
        set
        {
            if (Packed)
            {
                packedData = value;
            }
            else
            {
                alignedData = value;
            }
        }
    }

    /// <summary>The kernel's <c>sizeof(struct epoll_event)</c> on this architecture: 12 on x86-64, 16 on arm64; the stride of an events array.</summary>
    public static int Size { get; } = LayoutFor(RuntimeInformation.ProcessArchitecture).Size;

    /// <summary>Element <paramref name="index"/> of an events array the kernel filled, at the kernel's stride (<see cref="Size"/>).</summary>
    /// <remarks>
    /// <b>Safety</b>: <paramref name="events"/> must point to at least <c>(index + 1) * Size</c> bytes; an array
    /// allocated as <c>EpollEvent[n]</c> always holds <c>n</c> kernel-sized elements. Only the fields of the returned
    /// reference may be used on x86-64's last element (copying the whole 16-byte struct reads past its 12 bytes).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static unsafe ref EpollEvent At(EpollEvent* events, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return ref *(EpollEvent*)((byte*)events + ((nint)index * Size));
    }

    /// <summary>The kernel's layout on an architecture: packed only on x86 (linux/eventpoll.h's <c>EPOLL_PACKED</c>, and i386's 4-byte alignment of a 64-bit field).</summary>
    internal static (int Size, int DataOffset) LayoutFor(Architecture architecture) =>
        architecture is Architecture.X64 or Architecture.X86 ? (12, 4) : (16, 8);
}
