using System;
using System.IO;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.ApiTests.Programs;

/// <summary>Issue 10's first program on the synchronous API: copy a file with reads and writes at queue depth 16.</summary>
internal static class CopyProgram
{
    private const int Depth = 16, Block = 128 * 1024;

    public static long Copy(string source, string destination)
    {
        using SafeFileHandle input = File.OpenHandle(source);
        using SafeFileHandle output = File.OpenHandle(destination, FileMode.Create, FileAccess.Write);
        long size = RandomAccess.GetLength(input);
        using var ring = new Ring(Depth);
        ring.Submitter.RegisterFiles([input, output]);
        // Pinned: the kernel fills and reads these blocks after TryPush has returned.
        byte[] pool = GC.AllocateArray<byte>(Depth * Block, pinned: true);
        Span<int> lengths = stackalloc int[Depth];
        for (long offset = 0; offset < size; offset += Depth * Block)
        {
            int count = (int)Math.Min(Depth, (size - offset + Block - 1) / Block);
            for (int i = 0; i < count; i++)
                ring.SubmissionQueue.TryPush(new Read(new Fixed(0), pool.AsSpan(i * Block, Block)) { Offset = offset + i * Block }.Build().WithUserData((ulong)i));
            Complete(ring, count, lengths, "read");
            for (int i = 0; i < count; i++)
                ring.SubmissionQueue.TryPush(new Write(new Fixed(1), pool.AsSpan(i * Block, lengths[i])) { Offset = offset + i * Block }.Build().WithUserData((ulong)i));
            Complete(ring, count, lengths, "write");
        }

        return size;
    }

    // Submits what is queued and records each entry's result by its user data (the slot), throwing on an error.
    private static void Complete(Ring ring, int count, Span<int> results, string operation)
    {
        ring.SubmitAndWait(count);
        for (int done = 0; done < count; done++)
        {
            CompletionEntry cqe;
            while (!ring.CompletionQueue.TryDequeue(out cqe))
                ring.SubmitAndWait(1);
            results[(int)cqe.UserData] = cqe.ThrowIfError(operation);
        }
    }
}
