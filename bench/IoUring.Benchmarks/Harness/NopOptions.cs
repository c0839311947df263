using System;

namespace IoUring.Benchmarks.Harness;

/// <summary>Arguments of <c>nop --batch N [--entries E] [--seconds S] [--flags none|single|coop|defer] [--prep inplace|copy]</c>.</summary>
/// <param name="InPlace">Fill each entry in its ring slot (TryGetNext, the default) or build it and copy it in (TryPush); C# only.</param>
internal sealed record NopOptions(int Batch, int Entries, double Seconds, RingFlavor Flavor, bool InPlace = true)
{
    public static NopOptions Parse(ReadOnlySpan<string> args)
    {
        int batch = 0;
        int entries = 256;
        double seconds = 3;
        RingFlavor flavor = RingFlavor.None;
        bool inPlace = true;
        var reader = new ArgReader(args);
        while (reader.MoveNext())
        {
            switch (reader.Name)
            {
                case "batch": batch = (int)reader.Int64(1, 32768); break;
                case "entries": entries = (int)reader.Int64(1, 32768); break;
                case "seconds": seconds = reader.Seconds(); break;
                case "flags": flavor = RingFlavors.Parse(reader.Value()); break;
                case "prep": inPlace = ParsePrep(reader.Value()); break;
                default: throw reader.Unknown();
            }
        }

        if (batch == 0)
        {
            throw new ArgumentException("nop needs --batch N");
        }

        if (batch > entries)
        {
            throw new ArgumentException($"--batch {batch} exceeds --entries {entries}");
        }

        return new NopOptions(batch, entries, seconds, flavor, inPlace);
    }

    private static bool ParsePrep(string text) => text switch
    {
        "inplace" => true,
        "copy" => false,
        _ => throw new ArgumentException($"--prep must be inplace or copy, got '{text}'"),
    };
}
