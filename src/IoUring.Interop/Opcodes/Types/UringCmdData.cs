using System.Runtime.CompilerServices;

namespace IoUring.Interop.Opcodes;

/// <summary>The 16 command bytes a 64-byte URING_CMD entry carries (offset 48 of the SQE).</summary>
/// <remarks>Available since Linux 5.19.</remarks>
[InlineArray(16)]
public struct UringCmdData16
{
    private byte first;
}

/// <summary>The 80 command bytes a 128-byte URING_CMD entry carries (offset 48 of the big SQE).</summary>
/// <remarks>Available since Linux 5.19.</remarks>
[InlineArray(80)]
public struct UringCmdData80
{
    private byte first;
}
