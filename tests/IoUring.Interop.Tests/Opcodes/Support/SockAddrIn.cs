using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace IoUring.Interop.Tests.Opcodes.Support;

/// <summary><c>struct sockaddr_in</c> (16 bytes) for loopback tests.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrIn
{
    public ushort Family;
    public ushort PortBigEndian;
    public uint AddressBigEndian;
    public ulong Zero;

    public const uint Size = 16;

    public static SockAddrIn Loopback(ushort port) => new()
    {
        Family = Libc.AF_INET,
        PortBigEndian = BinaryPrimitives.ReverseEndianness(port),
        AddressBigEndian = BinaryPrimitives.ReverseEndianness(0x7F000001u),
    };

    public readonly ushort Port => BinaryPrimitives.ReverseEndianness(PortBigEndian);
}
