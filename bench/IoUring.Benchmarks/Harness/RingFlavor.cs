using System;
using IoUring.Interop;

namespace IoUring.Benchmarks.Harness;

/// <summary>The setup-flag sets the harness compares; the C twin builds the same four.</summary>
internal enum RingFlavor
{
    /// <summary>No setup flags.</summary>
    None,

    /// <summary>IORING_SETUP_SINGLE_ISSUER.</summary>
    Single,

    /// <summary>IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG.</summary>
    Coop,

    /// <summary>IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN.</summary>
    Defer,
}

internal static class RingFlavors
{
    public static RingFlavor Parse(string text) => text switch
    {
        "none" => RingFlavor.None,
        "single" => RingFlavor.Single,
        "coop" => RingFlavor.Coop,
        "defer" => RingFlavor.Defer,
        _ => throw new ArgumentException($"--flags must be none, single, coop or defer, got '{text}'"),
    };

    public static string Name(this RingFlavor flavor) => flavor switch
    {
        RingFlavor.Single => "single",
        RingFlavor.Coop => "coop",
        RingFlavor.Defer => "defer",
        _ => "none",
    };

    public static Ring Build(this RingFlavor flavor, int entries)
    {
        RingBuilder builder = Ring.Builder();
        switch (flavor)
        {
            case RingFlavor.Single:
                builder.SetupSingleIssuer();
                break;
            case RingFlavor.Coop:
                builder.SetupCoopTaskRun().SetupTaskRunFlag();
                break;
            case RingFlavor.Defer:
                builder.SetupSingleIssuer().SetupDeferTaskRun();
                break;
        }

        return builder.Build(entries);
    }
}
