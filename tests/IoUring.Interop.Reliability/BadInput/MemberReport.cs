using System.Collections.Generic;

namespace IoUring.Interop.Reliability.BadInput;

/// <summary>What the child reported for one member: its call lines, its disposed-ring line, and whether it ended or
/// its process crashed or hung in it.</summary>
public sealed class MemberReport
{
    /// <summary>The CALL lines: arguments, verdict, detail.</summary>
    public List<(string Arguments, string Verdict, string Detail)> Calls { get; } = new();

    /// <summary>The DISPOSED line's verdict and detail, if the member has one.</summary>
    public (string Verdict, string Detail)? Disposed { get; set; }

    /// <summary>Whether the child reached the member's END line.</summary>
    public bool Ended { get; set; }

    /// <summary>Why the child process died or was killed inside this member (exit code, signal, hang), with its stderr.</summary>
    public string? ProcessFailure { get; set; }
}
