namespace IoUring.Interop;

/// <summary>The file an operation acts on: either a raw <see cref="Fd"/> or a registered <see cref="Fixed"/> slot.</summary>
/// <remarks>Rust's sealed <c>Target</c>: builders put <see cref="Value"/> in <c>sqe.fd</c> and set <c>IOSQE_FIXED_FILE</c> when <see cref="IsFixed"/>.
/// Available since Linux 5.1.</remarks>
public readonly struct FileTarget
{
    private FileTarget(int value, bool isFixed)
    {
        Value = value;
        IsFixed = isFixed;
    }

    /// <summary>Whether <see cref="Value"/> is an index into the registered file table.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsFixed { get; }

    /// <summary>The file descriptor, or the registered-file index when <see cref="IsFixed"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public int Value { get; }

    /// <summary>Targets a raw file descriptor.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public static implicit operator FileTarget(Fd fd) => new(fd.Value, isFixed: false);

    /// <summary>Targets a registered file slot.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public static implicit operator FileTarget(Fixed fixedFile) => new(unchecked((int)fixedFile.Index), isFixed: true);

    /// <inheritdoc/>
    public override string ToString() => IsFixed ? $"Fixed({(uint)Value})" : $"Fd({Value})";
}
