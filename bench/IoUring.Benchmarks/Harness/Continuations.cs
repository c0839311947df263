using System;

namespace IoUring.Benchmarks.Harness;

/// <summary>The <c>--continuations pool|inline</c> switch of the async commands' iouring engine.</summary>
internal static class Continuations
{
    /// <summary>True for <c>inline</c> (the engine thread runs them), false for <c>pool</c> (the thread pool, the default).</summary>
    public static bool ParseInline(string text) => text switch
    {
        "pool" => false,
        "inline" => true,
        _ => throw new ArgumentException($"--continuations must be pool or inline, got '{text}'"),
    };

    /// <summary>The field the result line's prefix carries for the non-default choice (nothing for the default).</summary>
    public static string Field(bool inline) => inline ? " continuations=inline" : string.Empty;
}
