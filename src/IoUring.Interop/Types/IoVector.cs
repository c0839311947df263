using System;
using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary>One buffer of a vectored operation or of <see cref="Submitter.RegisterBuffers"/>: an address and a length.</summary>
/// <remarks>
/// Available since Linux 5.1.
/// <para>Laid out exactly as C's <c>struct iovec</c> (two 8-byte words on x86-64), so a span of these is passed to the
/// kernel as it is; <see cref="Native.iovec"/> is the raw form.</para>
/// <para><b>Safety:</b> the vector only carries an address: whoever builds it keeps the memory valid and unmoved for as
/// long as the kernel may use it (until the operation's completion, or until the buffers are unregistered).</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/iovec.3type.html"/>
[StructLayout(LayoutKind.Sequential)]
public readonly unsafe struct IoVector : IEquatable<IoVector>
{
    /// <summary>Describes <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public IoVector(void* address, nuint length)
    {
        Address = address;
        Length = length;
    }

    /// <summary>Start of the buffer.</summary>
    public void* Address { get; }

    /// <summary>Length of the buffer in bytes.</summary>
    public nuint Length { get; }

    /// <inheritdoc/>
    public bool Equals(IoVector other) => Address == other.Address && Length == other.Length;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IoVector other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine((nint)Address, Length);

    /// <summary>Whether both vectors describe the same memory.</summary>
    public static bool operator ==(IoVector left, IoVector right) => left.Equals(right);

    /// <summary>Whether the vectors describe different memory.</summary>
    public static bool operator !=(IoVector left, IoVector right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => $"IoVector(0x{(nint)Address:x}, {Length})";
}
