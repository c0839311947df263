using System;
using System.Numerics;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>The queue sizes io_uring_setup(2) will choose, computed ahead of the call so bad arguments fail
/// with an <see cref="ArgumentException"/> before the kernel sees them and NO_MMAP memory can be sized.</summary>
/// <remarks>Mirrors io_uring_setup's parameter checks (io_uring/io_uring.c: io_uring_fill_params and
/// io_uring_sanitise_params).</remarks>
internal readonly record struct RingGeometry(uint SqEntries, uint CqEntries, int SqeSize, int CqeSize, bool HasSqArray)
{
    /// <summary>IORING_MAX_ENTRIES in the kernel: the largest submission queue.</summary>
    internal const uint MaxEntries = 32768;

    /// <summary>IORING_MAX_CQ_ENTRIES in the kernel: twice the largest submission queue.</summary>
    internal const uint MaxCqEntries = 2 * MaxEntries;

    internal static RingGeometry Validate(uint entries, uint flags, uint cqEntries)
    {
        bool clamp = (flags & IORING_SETUP_CLAMP) != 0;
        if (entries == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), entries, "A ring needs at least one entry.");
        }

        if (entries > MaxEntries)
        {
            if (!clamp)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), entries, $"At most {MaxEntries} entries (IORING_MAX_ENTRIES) unless SetupClamp() is used.");
            }

            entries = MaxEntries;
        }

        uint sq = BitOperations.RoundUpToPowerOf2(entries);
        uint cq = 2 * sq;
        if ((flags & IORING_SETUP_CQSIZE) != 0)
        {
            if (cqEntries == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(cqEntries), cqEntries, "The completion queue needs at least one entry.");
            }

            if (cqEntries > MaxCqEntries)
            {
                if (!clamp)
                {
                    throw new ArgumentOutOfRangeException(nameof(cqEntries), cqEntries, $"At most {MaxCqEntries} completion entries (IORING_MAX_CQ_ENTRIES) unless SetupClamp() is used.");
                }

                cqEntries = MaxCqEntries;
            }

            cq = BitOperations.RoundUpToPowerOf2(cqEntries);
            if (cq < sq)
            {
                throw new ArgumentException($"The completion queue ({cq} after rounding) must not be smaller than the submission queue ({sq}).", nameof(cqEntries));
            }
        }

        CheckFlagRules(flags);

        // rings_size(): a mixed queue must hold one big entry (two slots).
        if ((flags & IORING_SETUP_SQE_MIXED) != 0 && sq < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), entries, "A ring with SetupSqeMixed() needs at least 2 entries.");
        }

        if ((flags & IORING_SETUP_CQE_MIXED) != 0 && cq < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(cqEntries), cqEntries, "A ring with SetupCqeMixed() needs at least 2 completion entries.");
        }
        return new RingGeometry(
            sq,
            cq,
            (flags & IORING_SETUP_SQE128) != 0 ? 128 : 64,
            (flags & IORING_SETUP_CQE32) != 0 ? 32 : 16,
            (flags & IORING_SETUP_NO_SQARRAY) == 0);
    }

    private static void CheckFlagRules(uint flags)
    {
        Require(flags, IORING_SETUP_SQ_AFF, IORING_SETUP_SQPOLL, "SetupSqPollCpu() needs SetupSqPoll()");
        Require(flags, IORING_SETUP_REGISTERED_FD_ONLY, IORING_SETUP_NO_MMAP, "SetupRegisteredFdOnly() needs SetupNoMmap(): rings cannot be mapped without an fd");
        Require(flags, IORING_SETUP_HYBRID_IOPOLL, IORING_SETUP_IOPOLL, "SetupHybridIoPoll() needs SetupIoPoll()");
        Require(flags, IORING_SETUP_DEFER_TASKRUN, IORING_SETUP_SINGLE_ISSUER, "SetupDeferTaskRun() needs SetupSingleIssuer()");
        Require(flags, IORING_SETUP_TASKRUN_FLAG, IORING_SETUP_COOP_TASKRUN | IORING_SETUP_DEFER_TASKRUN, "SetupTaskRunFlag() needs SetupCoopTaskRun() or SetupDeferTaskRun()");
        if ((flags & IORING_SETUP_SQPOLL) != 0 && (flags & IORING_SETUP_DEFER_TASKRUN) != 0)
        {
            throw new InvalidOperationException("SetupDeferTaskRun() cannot be combined with SetupSqPoll(): completion work would run on the polling thread (io_uring_setup(2): EINVAL).");
        }

        Exclude(flags, IORING_SETUP_CQE32 | IORING_SETUP_CQE_MIXED, "SetupCqeMixed() cannot be combined with SetupCqe32(): such a ring never posts 16-byte entries");
        Exclude(flags, IORING_SETUP_SQE128 | IORING_SETUP_SQE_MIXED, "SetupSqeMixed() cannot be combined with SetupSqe128(): such a ring never takes 64-byte entries");

        // The header's rule for SQ_REWIND: the kernel reads from slot 0 of the SQE array itself (no index array),
        // and an SQPOLL thread would have no submit call to tell it where a batch ends.
        Require(flags, IORING_SETUP_SQ_REWIND, IORING_SETUP_NO_SQARRAY, "SetupSqRewind() needs SetupNoSqArray()");
        Exclude(flags, IORING_SETUP_SQ_REWIND | IORING_SETUP_SQPOLL, "SetupSqRewind() cannot be combined with SetupSqPoll()");
    }

    private static void Exclude(uint flags, uint both, string message)
    {
        if ((flags & both) == both)
        {
            throw new InvalidOperationException(message + " (io_uring_setup(2): EINVAL).");
        }
    }

    private static void Require(uint flags, uint flag, uint anyOf, string message)
    {
        if ((flags & flag) != 0 && (flags & anyOf) == 0)
        {
            throw new InvalidOperationException(message + " (io_uring_setup(2): EINVAL).");
        }
    }

    /// <summary>Bytes of the submission entry array.</summary>
    internal nuint SqesBytes => (nuint)SqEntries * (nuint)SqeSize;

    /// <summary>An upper bound of the kernel's rings_size(): the ring header, the CQE array, cache-line padding and the SQ index array.</summary>
    /// <remarks>The header (struct io_rings) is a few cache lines; one page covers it with room to spare.</remarks>
    internal nuint RingsBytesUpperBound => (nuint)Environment.SystemPageSize + (nuint)CqEntries * (nuint)CqeSize + 64 + (HasSqArray ? (nuint)SqEntries * 4 : 0);
}
