using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using IoUring.Interop;
using IoUring.Interop.Native;
using Microsoft.Win32.SafeHandles;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Samples.Probe;

/// <summary>One io_uring_setup(2) attempt with a setup flag, plus the companions the kernel requires with it.</summary>
internal readonly record struct SetupTrial(bool Accepted, string Outcome, uint Features, string CompanionsText)
{
    private const uint Entries = 4;
    private const nuint UserRegionBytes = 64 * 1024;

    /// <summary>Flags that io_uring_setup(2) rejects unless another flag is set too (the man page's rules).</summary>
    private static readonly Dictionary<uint, uint> Companions = new()
    {
        [IORING_SETUP_SQ_AFF] = IORING_SETUP_SQPOLL,
        [IORING_SETUP_TASKRUN_FLAG] = IORING_SETUP_COOP_TASKRUN,
        [IORING_SETUP_DEFER_TASKRUN] = IORING_SETUP_SINGLE_ISSUER,
        [IORING_SETUP_HYBRID_IOPOLL] = IORING_SETUP_IOPOLL,
        [IORING_SETUP_REGISTERED_FD_ONLY] = IORING_SETUP_NO_MMAP,
        [IORING_SETUP_SQ_REWIND] = IORING_SETUP_NO_SQARRAY,
    };

    public static SetupTrial TryFlag(uint flag)
    {
        uint flags = flag | (Companions.TryGetValue(flag, out uint companion) ? companion : 0);
        return Try(flags, flag);
    }

    public static unsafe SetupTrial Try(uint flags, uint tried = 0)
    {
        var notes = new List<string>();
        if (flags != tried)
        {
            notes.Add(Names(flags & ~tried));
        }

        io_uring_params p = default;
        p.flags = flags;
        using var attachTo = (flags & IORING_SETUP_ATTACH_WQ) != 0 ? new Ring((int)Entries) : null;
        if (attachTo is not null)
        {
            p.wq_fd = (uint)attachTo.FileDescriptor;
            notes.Add("wq_fd of another ring");
        }

        if ((flags & IORING_SETUP_CQSIZE) != 0)
        {
            p.cq_entries = Entries * 4;
            notes.Add("cq_entries=" + (Entries * 4));
        }

        // NO_MMAP: the application provides the ring and SQE memory (sq_off/cq_off.user_addr).
        void* sqes = null;
        void* rings = null;
        if ((flags & IORING_SETUP_NO_MMAP) != 0)
        {
            sqes = AnonymousPages.Map(UserRegionBytes);
            rings = AnonymousPages.Map(UserRegionBytes);
            p.sq_off.user_addr = (ulong)sqes;
            p.cq_off.user_addr = (ulong)rings;
            notes.Add("user memory");
        }

        int result = Syscalls.io_uring_setup(Entries, &p);
        bool keepUserMemory = false;
        if (result >= 0)
        {
            if ((flags & IORING_SETUP_REGISTERED_FD_ONLY) != 0)
            {
                // The result is an index in the task's registered-ring table, not an fd: the ring lives until
                // the process exits, and so must the memory it was given.
                keepUserMemory = true;
            }
            else
            {
                new SafeFileHandle(result, ownsHandle: true).Dispose();
            }
        }

        if (!keepUserMemory)
        {
            AnonymousPages.Unmap(sqes, UserRegionBytes);
            AnonymousPages.Unmap(rings, UserRegionBytes);
        }

        string companions = notes.Count == 0 ? "alone" : string.Join(", ", notes);
        return result >= 0
            ? new SetupTrial(true, "ok", p.features, companions)
            : new SetupTrial(false, ErrnoNames.Describe(-result), 0, companions);
    }

    private static string Names(uint flags) =>
        string.Join("|", Enum.GetValues<SetupFlags>().Where(f => (flags & (uint)f) != 0).Select(f => f.ToString()));
}
