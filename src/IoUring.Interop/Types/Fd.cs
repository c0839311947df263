namespace IoUring.Interop;

/// <summary>A raw file descriptor, as an operation's target.</summary>
/// <remarks>Available since Linux 5.1.</remarks>
/// <param name="Value">The descriptor number.</param>
public readonly record struct Fd(int Value);
