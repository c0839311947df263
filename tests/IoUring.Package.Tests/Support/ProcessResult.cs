namespace IoUring.Package.Tests.Support;

/// <summary>What a child process printed and how it ended.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() =>
        $"$ {Command}\nexit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
