using System;
using System.Collections.Generic;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests.Opcodes.Support;

/// <summary>Submit-and-collect helpers for opcode tests on a real ring.</summary>
internal static class OpcodeRing
{
    /// <summary>Skips the test when the running kernel's probe does not list <paramref name="op"/>.</summary>
    public static void RequireOpcode(Ring ring, Opcode op) => KernelSkip.UnlessOpcode(ring, op);

    /// <summary>Skips the test when <paramref name="result"/> is one of the given negated errnos.</summary>
    public static void SkipOnErrno(int result, string what, params int[] errnos)
    {
        foreach (int errno in errnos)
        {
            if (result == -errno)
            {
                Assert.Skip($"{what}: the kernel or file system answered {Errno.Name(errno)} ({errno})");
            }
        }
    }

    /// <summary>Pushes one entry, submits, waits for and returns its completion.</summary>
    public static CompletionEntry Run(this Ring ring, in SubmissionEntry entry)
    {
        Push(ring, entry);
        return ring.WaitFor(1)[0];
    }

    /// <summary>Pushes one 128-byte entry, submits, waits for and returns its completion.</summary>
    public static CompletionEntry Run(this Ring ring, in SubmissionEntry128 entry)
    {
        if (!ring.SubmissionQueue.TryPush(entry))
        {
            throw new InvalidOperationException("submission queue full");
        }

        return ring.WaitFor(1)[0];
    }

    /// <summary>Pushes all entries, submits, and waits for <paramref name="expected"/> completions (default: one per entry).</summary>
    public static List<CompletionEntry> RunAll(this Ring ring, ReadOnlySpan<SubmissionEntry> entries, int expected = -1)
    {
        foreach (SubmissionEntry entry in entries)
        {
            Push(ring, entry);
        }

        return ring.WaitFor(expected < 0 ? entries.Length : expected);
    }

    /// <summary>Pushes an entry without submitting.</summary>
    public static void Push(this Ring ring, in SubmissionEntry entry)
    {
        if (!ring.SubmissionQueue.TryPush(entry))
        {
            throw new InvalidOperationException("submission queue full");
        }
    }

    /// <summary>Submits what is queued and collects exactly <paramref name="count"/> completions.</summary>
    public static List<CompletionEntry> WaitFor(this Ring ring, int count)
    {
        var completions = new List<CompletionEntry>(count);
        while (completions.Count < count)
        {
            ring.SubmitAndWait(count - completions.Count);
            while (completions.Count < count && ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
            {
                completions.Add(cqe);
            }
        }

        return completions;
    }

    /// <summary>Drains completions already posted, without waiting.</summary>
    public static List<CompletionEntry> Drain(this Ring ring)
    {
        ring.Submit();
        var completions = new List<CompletionEntry>();
        while (ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
        {
            completions.Add(cqe);
        }

        return completions;
    }
}
