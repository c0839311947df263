using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace IoUring.Interop.Tests.Async;

/// <summary>What a descriptor number refers to right now, read from /proc/self/fd (the kernel's own view).</summary>
internal static partial class DescriptorProbe
{
    /// <summary>The target of /proc/self/fd/<paramref name="fd"/> ("socket:[inode]", a file's path,
    /// "anon_inode:[io_uring]"...), or null when the number is not open.</summary>
    internal static string? Target(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The descriptor number a handle wraps.</summary>
    internal static int Number(SafeHandle handle) => (int)handle.DangerousGetHandle();

    /// <summary>The numbers of every io_uring instance this process has open now.</summary>
    internal static HashSet<int> RingDescriptors()
    {
        var found = new HashSet<int>();
        foreach (string entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), out int fd) && Target(fd) == "anon_inode:[io_uring]")
            {
                found.Add(fd);
            }
        }

        return found;
    }

    /// <summary>dup2(2): makes <paramref name="newFd"/> refer to what <paramref name="oldFd"/> does (closing what it
    /// referred to), the way a number gets reused under a handle's feet.</summary>
    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    internal static partial int Dup2(int oldFd, int newFd);
}

/// <summary>Memory whose pinning fails, as a <see cref="MemoryManager{T}"/> over a disposed or unpinnable resource does.</summary>
internal sealed class UnpinnableMemory : MemoryManager<byte>
{
    private readonly byte[] _bytes;

    internal UnpinnableMemory(int length) => _bytes = new byte[length];

    public override Span<byte> GetSpan() => _bytes;

    public override MemoryHandle Pin(int elementIndex = 0) => throw new InvalidOperationException("This memory cannot be pinned (test).");

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

/// <summary>A segment of a hand-made <see cref="ReadOnlySequence{T}"/>.</summary>
internal sealed class SequenceSegment : ReadOnlySequenceSegment<byte>
{
    internal SequenceSegment(ReadOnlyMemory<byte> memory) => Memory = memory;

    internal SequenceSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new SequenceSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }
}
