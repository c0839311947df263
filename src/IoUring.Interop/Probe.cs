using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>The opcodes the running kernel supports: get one with <see cref="Submitter.GetProbe"/> or <see cref="For"/>.</summary>
/// <remarks>
/// A probe is always filled: there is no public way to make an empty one, which would answer false for everything.
/// The probe memory (an <c>io_uring_probe</c> with room for 256 ops) is allocated once, on the pinned object heap,
/// and reused when <see cref="Submitter.RegisterProbe"/> refreshes it. Available since Linux 5.6.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_probe.3.html"/>
public sealed unsafe class Probe
{
    /// <summary>The number of op slots the probe offers the kernel: every value an SQE's 8-bit opcode can take.</summary>
    public const int Count = 256;

    private static readonly int ByteLength = sizeof(io_uring_probe) + Count * sizeof(io_uring_probe_op);

    // Pinned: the kernel writes through the pointer, so the GC must never move this array.
    private readonly byte[] _memory = GC.AllocateArray<byte>(ByteLength, pinned: true);

    private Probe()
    {
    }

    /// <summary>Asks the kernel behind <paramref name="ring"/> which opcodes it supports (IORING_REGISTER_PROBE).</summary>
    /// <remarks>The same as <c>ring.Submitter.GetProbe()</c>. Available since Linux 5.6.</remarks>
    /// <exception cref="IoUringException">The kernel refused (EINVAL before Linux 5.6).</exception>
    public static Probe For(Ring ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return ring.Submitter.GetProbe();
    }

    /// <summary>An unfilled probe, for <see cref="Submitter.GetProbe"/> to fill.</summary>
    internal static Probe CreateEmpty() => new();

    internal io_uring_probe* Pointer => (io_uring_probe*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_memory));

    /// <summary>The highest opcode the kernel knows (supported or not).</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public Opcode LastOp => (Opcode)Pointer->last_op;

    /// <summary>Whether the kernel supports <paramref name="opcode"/>.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public bool IsSupported(Opcode opcode)
    {
        io_uring_probe* probe = Pointer;
        // ops_len is how many slots the kernel filled; opcodes past it are newer than the kernel.
        if ((uint)opcode >= probe->ops_len)
            return false;
        return (probe->ops(probe->ops_len)[(int)opcode].flags & IO_URING_OP_SUPPORTED) != 0;
    }

    /// <summary>Every opcode the kernel supports, in opcode order.</summary>
    /// <remarks>Available since Linux 5.6.</remarks>
    public IReadOnlyList<Opcode> SupportedOpcodes
    {
        get
        {
            io_uring_probe* probe = Pointer;
            var supported = new List<Opcode>(probe->ops_len);
            foreach (ref readonly io_uring_probe_op op in probe->ops(probe->ops_len))
            {
                if ((op.flags & IO_URING_OP_SUPPORTED) != 0)
                    supported.Add((Opcode)op.op);
            }
            return supported;
        }
    }

    internal void Clear() => Array.Clear(_memory);

    /// <summary>Lists the supported opcodes.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("Probe { LastOp = ").Append(LastOp).Append(", Supported = [");
        IReadOnlyList<Opcode> supported = SupportedOpcodes;
        for (int i = 0; i < supported.Count; i++)
            text.Append(i == 0 ? "" : ", ").Append(supported[i]);
        return text.Append("] }").ToString();
    }
}
