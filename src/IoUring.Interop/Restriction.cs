using System;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>One entry of a ring's allowlist, installed with <see cref="Submitter.RegisterRestrictions"/>.</summary>
/// <remarks>
/// Exactly an <c>io_uring_restriction</c> (16 bytes), so a span of restrictions is passed to the kernel as is.
/// Available since Linux 5.10.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_restrictions.3.html"/>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Restriction : IEquatable<Restriction>
{
    internal readonly io_uring_restriction Native;

    private Restriction(io_uring_register_restriction_op kind, byte value)
    {
        Native.opcode = (ushort)kind;
        // register_op, sqe_op and sqe_flags share this byte (a union in the header).
        Native.register_op = value;
    }

    /// <summary>Allows the <c>io_uring_register(2)</c> opcode <paramref name="opcode"/>.</summary>
    public static Restriction RegisterOp(io_uring_register_op opcode)
    {
        // The kernel's field is 8 bits: flags such as IORING_REGISTER_USE_REGISTERED_RING are not opcodes.
        if ((uint)opcode > byte.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(opcode), opcode, "Not a register opcode.");
        return new(io_uring_register_restriction_op.IORING_RESTRICTION_REGISTER_OP, (byte)opcode);
    }

    /// <summary>Allows SQEs with opcode <paramref name="opcode"/>.</summary>
    public static Restriction SqeOp(Opcode opcode)
    {
        if ((uint)opcode > byte.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(opcode), opcode, "Not an SQE opcode.");
        return new(io_uring_register_restriction_op.IORING_RESTRICTION_SQE_OP, (byte)opcode);
    }

    /// <summary>Allows SQEs to carry the flags in <paramref name="flags"/> (any flag not allowed is refused).</summary>
    public static Restriction SqeFlagsAllowed(SqeFlags flags)
        => new(io_uring_register_restriction_op.IORING_RESTRICTION_SQE_FLAGS_ALLOWED, (byte)flags);

    /// <summary>Requires every SQE to carry all flags in <paramref name="flags"/>.</summary>
    public static Restriction SqeFlagsRequired(SqeFlags flags)
        => new(io_uring_register_restriction_op.IORING_RESTRICTION_SQE_FLAGS_REQUIRED, (byte)flags);

    /// <summary>What the restriction is about (register opcode, SQE opcode, allowed or required SQE flags).</summary>
    public RestrictionOp Kind => (RestrictionOp)Native.opcode;

    /// <summary>The opcode or flag bits the restriction names.</summary>
    public byte Value => Native.register_op;

    internal static ReadOnlySpan<io_uring_restriction> AsNative(ReadOnlySpan<Restriction> restrictions)
        => MemoryMarshal.Cast<Restriction, io_uring_restriction>(restrictions);

    /// <inheritdoc/>
    public bool Equals(Restriction other) => Kind == other.Kind && Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Restriction other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    /// <summary>Whether two restrictions are the same.</summary>
    public static bool operator ==(Restriction left, Restriction right) => left.Equals(right);

    /// <summary>Whether two restrictions differ.</summary>
    public static bool operator !=(Restriction left, Restriction right) => !left.Equals(right);

    /// <summary>The kind and value, e.g. <c>SqeOp 0</c>.</summary>
    public override string ToString() => $"{Kind} {Value}";
}
