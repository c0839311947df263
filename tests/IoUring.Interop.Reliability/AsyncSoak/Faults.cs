using System;

namespace IoUring.Interop.Reliability.AsyncSoak;

/// <summary>Faults the self-tests inject, one per detector, to prove each check can fail.</summary>
[Flags]
public enum Faults
{
    /// <summary>A normal run.</summary>
    None = 0,

    /// <summary>Flips one byte read back from a file before it is compared: the byte check must count it wrong.</summary>
    CorruptByte = 1,

    /// <summary>One await's end is never recorded, as if its completion had been dropped: the ledger must count it lost.</summary>
    DropCompletion = 2,

    /// <summary>One await's end is recorded twice: the ledger must count it duplicated.</summary>
    DuplicateCompletion = 4,

    /// <summary>Opens a file the run never closes: the fd census must report it.</summary>
    LeakFd = 8,

    /// <summary>One worker waits for ever after an operation: the watchdog must report a hang with the seed.</summary>
    Hang = 16,

    /// <summary>Drops a faulted task unobserved: the unobserved-exception detector must count it.</summary>
    UnobservedException = 32,
}

/// <summary>Switches of the async soak that are off by default.</summary>
public static class SoakSwitches
{
    /// <summary>The variable that turns on disposing a <c>ProvidedBufferPool</c> while a receive stream over it is open.</summary>
    public const string PoolUnderStreamVariable = "IOURING_SOAK_POOL_UNDER_STREAM";

    /// <summary>Dispose a pool under an open <c>ReceiveManyAsync</c> stream. Off: issue 18's defect 4 (the stream
    /// livelocks, re-arming at about 250,000 submissions/s, and the socket's Dispose then blocks) makes this action hang
    /// the run until that defect is fixed; set <c>IOURING_SOAK_POOL_UNDER_STREAM=1</c> to include it.</summary>
    public static bool PoolUnderStream => Environment.GetEnvironmentVariable(PoolUnderStreamVariable) == "1";
}
