using System;
using Microsoft.Extensions.Logging;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>The transport's log messages (source-generated: no allocation when the level is off).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Connection id \"{ConnectionId}\" received FIN.", EventName = "ConnectionReadFin")]
    public static partial void ReadFin(ILogger logger, string connectionId);

    [LoggerMessage(2, LogLevel.Debug, "Connection id \"{ConnectionId}\" sending FIN because: \"{Reason}\"", EventName = "ConnectionWriteFin")]
    public static partial void ConnectionWriteFin(ILogger logger, string connectionId, string reason);

    [LoggerMessage(3, LogLevel.Debug, "Connection id \"{ConnectionId}\" reset.", EventName = "ConnectionReset")]
    public static partial void ConnectionReset(ILogger logger, string connectionId);

    [LoggerMessage(4, LogLevel.Error, "Connection id \"{ConnectionId}\": unexpected error in the io_uring transport.", EventName = "ConnectionError")]
    public static partial void UnexpectedError(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "{Message}", EventName = "IoUringFallback")]
    public static partial void Fallback(ILogger logger, string message);

    [LoggerMessage(6, LogLevel.Information, "io_uring transport: {EngineCount} ring(s) of {RingEntries} entries, listening on {EndPoint}.", EventName = "IoUringListening")]
    public static partial void Listening(ILogger logger, int engineCount, int ringEntries, string endPoint);

    [LoggerMessage(8, LogLevel.Information, "io_uring transport: {EngineCount} ring(s) of {RingEntries} entries, listening on {EndPoint} with one SO_REUSEPORT socket per ring.", EventName = "IoUringListeningReusePort")]
    public static partial void ListeningReusePort(ILogger logger, int engineCount, int ringEntries, string endPoint);

    [LoggerMessage(7, LogLevel.Debug, "Accept on {EndPoint} failed and is retried: {Error}", EventName = "AcceptError")]
    public static partial void AcceptRetried(ILogger logger, string endPoint, string error);

    [LoggerMessage(8, LogLevel.Warning, "io_uring transport: multishot receive is unavailable ({Reason}); connections receive one chunk at a time.", EventName = "MultishotReceiveUnavailable")]
    public static partial void MultishotUnavailable(ILogger logger, string reason);

    [LoggerMessage(9, LogLevel.Information, "io_uring transport: multishot receive, a pool of {BufferCount} buffers of {BufferSize} bytes per ring.", EventName = "MultishotReceive")]
    public static partial void MultishotReceive(ILogger logger, int bufferCount, int bufferSize);
}
