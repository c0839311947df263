using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>A logger provider that keeps every line, so tests can check what the server said.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines = new();

    /// <summary>The lines logged so far.</summary>
    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Lines => _lines.ToArray();

    /// <summary>The lines of <paramref name="category"/> at <paramref name="level"/> or above.</summary>
    public IEnumerable<string> From(string category, LogLevel level) =>
        Lines.Where(l => l.Category == category && l.Level >= level).Select(l => l.Message);

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
