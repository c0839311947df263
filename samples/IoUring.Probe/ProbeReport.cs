using System;
using System.IO;
using System.Linq;
using IoUring.Interop;
using IoUring.Interop.Native;

namespace IoUring.Samples.Probe;

/// <summary>
/// The report: kernel version, the features the kernel announces, every opcode and register op of the header
/// marked supported or not, and which setup flags io_uring_setup(2) accepts. Every list comes from the
/// generated enums, so a package built from a newer header shows the newer operations with no edit here.
/// </summary>
public static class ProbeReport
{
    public static int Write(TextWriter output)
    {
        output.WriteLine($"Kernel: Linux {KernelInfo.Release()}");

        SetupTrial defaults = SetupTrial.Try(0);
        if (!defaults.Accepted)
        {
            output.WriteLine($"io_uring_setup(2) failed: {defaults.Outcome} — io_uring is disabled or unavailable (see /proc/sys/kernel/io_uring_disabled).");
            return 1;
        }

        WriteFeatures(output, defaults.Features);
        WriteOpcodes(output);
        WriteRegisterOps(output);
        WriteSetupFlags(output);
        return 0;
    }

    private static void WriteFeatures(TextWriter output, uint announced)
    {
        var table = new Table("Feature (IORING_FEAT_*)", "Value", "Kernel");
        uint named = 0;
        foreach (Features feature in Enum.GetValues<Features>().Where(f => f != 0))
        {
            uint bit = (uint)feature;
            named |= bit;
            table.Add(feature.ToString(), Hex(bit), (announced & bit) != 0 ? "yes" : "no");
        }

        output.WriteLine();
        table.WriteTo(output);
        uint unnamed = announced & ~named;
        if (unnamed != 0)
        {
            output.WriteLine($"The kernel also announces feature bits the header does not name: {Hex(unnamed)}");
        }
    }

    private static void WriteOpcodes(TextWriter output)
    {
        using var ring = new Ring(4);
        var probe = ring.Submitter.GetProbe();
        var table = new Table("Opcode (IORING_OP_*)", "Value", "Kernel");
        int count = 0;
        foreach (io_uring_op op in Enum.GetValues<io_uring_op>().Where(op => op != io_uring_op.IORING_OP_LAST))
        {
            bool yes = probe.IsSupported((Opcode)op);
            count += yes ? 1 : 0;
            table.Add(op.ToString(), ((uint)op).ToString(System.Globalization.CultureInfo.InvariantCulture), yes ? "supported" : "unsupported");
        }

        output.WriteLine();
        table.WriteTo(output);
        output.WriteLine($"{count} of {(uint)io_uring_op.IORING_OP_LAST} opcodes supported.");
    }

    private static void WriteRegisterOps(TextWriter output)
    {
        var table = new Table("Register op (IORING_[UN]REGISTER_*)", "Value", "Kernel");
        int count = 0;
        int total = 0;
        foreach (io_uring_register_op op in RegisterOpProbe.HeaderOps())
        {
            bool yes = RegisterOpProbe.IsKnownToKernel(op);
            count += yes ? 1 : 0;
            total++;
            table.Add(op.ToString(), ((uint)op).ToString(System.Globalization.CultureInfo.InvariantCulture), yes ? "supported" : "unsupported");
        }

        output.WriteLine();
        table.WriteTo(output);
        output.WriteLine($"{count} of {total} register ops supported.");
    }

    private static void WriteSetupFlags(TextWriter output)
    {
        var table = new Table("Setup flag (IORING_SETUP_*)", "Value", "Tried with", "Kernel");
        foreach (SetupFlags flag in Enum.GetValues<SetupFlags>().Where(f => f != 0))
        {
            SetupTrial trial = SetupTrial.TryFlag((uint)flag);
            table.Add(flag.ToString(), Hex((uint)flag), trial.CompanionsText, trial.Accepted ? "accepted" : "rejected: " + trial.Outcome);
        }

        output.WriteLine();
        table.WriteTo(output);
    }

    private static string Hex(uint value) => "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
