using System;
using IoUring.Interop.Async;

namespace IoUring.Benchmarks.Harness;

/// <summary>The <c>--continuations pool|inline</c> switch of the async commands, for both engines: no flag is each
/// engine's default set-up, <c>inline</c> its fastest.</summary>
internal enum ContinuationChoice
{
    /// <summary>No flag: io_uring's reactor (ContinuationMode.Reactor); .NET's defaults.</summary>
    Default,

    /// <summary>io_uring: thread-pool runners (ContinuationMode.ThreadPool); .NET: its default, which is the pool.</summary>
    Pool,

    /// <summary>io_uring: ContinuationMode.Inline (DEFER_TASKRUN ring, no watchdog); .NET sockets: the server process
    /// runs with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 (RandomAccess has no such mode: its default).</summary>
    Inline,
}

/// <summary>Parsing and naming of <see cref="ContinuationChoice"/>.</summary>
internal static class Continuations
{
    /// <summary>The environment variable that makes .NET's socket engine run completions on its epoll thread.</summary>
    public const string SocketsInlineVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static ContinuationChoice Parse(string text) => text switch
    {
        "pool" => ContinuationChoice.Pool,
        "inline" => ContinuationChoice.Inline,
        _ => throw new ArgumentException($"--continuations must be pool or inline, got '{text}'"),
    };

    /// <summary>The field the result line's prefix carries for a flag (nothing for the default).</summary>
    public static string Field(ContinuationChoice choice) => choice switch
    {
        ContinuationChoice.Pool => " continuations=pool",
        ContinuationChoice.Inline => " continuations=inline",
        _ => string.Empty,
    };

    /// <summary>The engine option for io_uring.</summary>
    public static ContinuationMode Mode(ContinuationChoice choice) => choice switch
    {
        ContinuationChoice.Pool => ContinuationMode.ThreadPool,
        ContinuationChoice.Inline => ContinuationMode.Inline,
        _ => ContinuationMode.Reactor,
    };

    /// <summary>The argument that passes <paramref name="choice"/> on to a child process (null for the default).</summary>
    public static string? Argument(ContinuationChoice choice) => choice switch
    {
        ContinuationChoice.Pool => "pool",
        ContinuationChoice.Inline => "inline",
        _ => null,
    };
}
