namespace IoUring.Interop;

/// <summary>A raw file descriptor, as an operation's target.</summary>
/// <param name="Value">The descriptor number.</param>
public readonly record struct Fd(int Value);
