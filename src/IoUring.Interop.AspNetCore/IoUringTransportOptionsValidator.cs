using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace IoUring.Interop.AspNetCore;

/// <summary>Checks <see cref="IoUringTransportOptions"/> when the host starts (ValidateOnStart), so a bad value in
/// configuration stops start-up with a message naming the key, the value and the allowed range.</summary>
internal sealed class IoUringTransportOptionsValidator : IValidateOptions<IoUringTransportOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, IoUringTransportOptions options)
    {
        string section = IoUringTransportOptions.ConfigurationSectionName;
        var failures = new List<string>();
        void Check(bool ok, string key, object? value, string rule)
        {
            if (!ok)
            {
                failures.Add($"{section}:{key} is {value ?? "null"}; it {rule}.");
            }
        }

        Check(options.EngineCount >= 1, nameof(options.EngineCount), options.EngineCount, "must be at least 1");
        Check(options.RingEntries is >= 1 and <= 32768, nameof(options.RingEntries), options.RingEntries,
            "must be between 1 and 32768 (io_uring_setup(2) refuses more than IORING_MAX_ENTRIES with EINVAL)");
        Check(options.MaxInFlightPerEngine >= 2, nameof(options.MaxInFlightPerEngine), options.MaxInFlightPerEngine,
            "must be at least 2 (a connection holds one receive and one send)");
        Check(options.MinimumReceiveBufferSize >= 1, nameof(options.MinimumReceiveBufferSize), options.MinimumReceiveBufferSize, "must be positive");
        Check(options.MaxReadBufferSize is null or >= 0, nameof(options.MaxReadBufferSize), options.MaxReadBufferSize, "must not be negative (leave it empty for unbounded)");
        Check(options.MaxWriteBufferSize is null or >= 0, nameof(options.MaxWriteBufferSize), options.MaxWriteBufferSize, "must not be negative (leave it empty for unbounded)");
        Check(options.Backlog >= 1, nameof(options.Backlog), options.Backlog, "must be at least 1");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
