using System;
using System.Globalization;

namespace IoUring.Benchmarks.Harness;

/// <summary>Reads <c>--name value</c> pairs and <c>--switch</c> flags; unknown names are errors.</summary>
internal ref struct ArgReader
{
    private readonly ReadOnlySpan<string> _args;
    private int _index;

    public ArgReader(ReadOnlySpan<string> args)
    {
        _args = args;
        _index = 0;
    }

    public string? Name { get; private set; }

    public bool MoveNext()
    {
        if (_index >= _args.Length)
        {
            return false;
        }

        string name = _args[_index++];
        if (!name.StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"unexpected argument '{name}'");
        }

        Name = name[2..];
        return true;
    }

    public string Value()
    {
        if (_index >= _args.Length)
        {
            throw new ArgumentException($"--{Name} needs a value");
        }

        return _args[_index++];
    }

    public long Int64(long min, long max)
    {
        string text = Value();
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            throw new ArgumentException($"--{Name} must be an integer in [{min}, {max}], got '{text}'");
        }

        return value;
    }

    public double Seconds()
    {
        string text = Value();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0))
        {
            throw new ArgumentException($"--{Name} must be a positive number of seconds, got '{text}'");
        }

        return value;
    }

    public ArgumentException Unknown() => new($"unknown option --{Name}");
}
