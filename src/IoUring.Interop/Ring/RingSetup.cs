using System;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>What io_uring_setup(2) and the mappings produced: the owning handle, the kernel's parameters and the queue memory.</summary>
internal readonly unsafe struct RingMemory
{
    internal RingMemory(RingHandle handle, in io_uring_params parameters, byte* sqRing, byte* cqRing, byte* sqes, RingGeometry geometry)
    {
        Handle = handle;
        Parameters = parameters;
        SqRing = sqRing;
        CqRing = cqRing;
        Sqes = sqes;
        Geometry = geometry;
    }

    internal RingHandle Handle { get; }

    internal io_uring_params Parameters { get; }

    internal byte* SqRing { get; }

    internal byte* CqRing { get; }

    internal byte* Sqes { get; }

    internal RingGeometry Geometry { get; }
}

/// <summary>Creates the ring and maps its queues as io_uring_setup(2) describes.</summary>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_setup.2.html"/>
internal static unsafe class RingSetup
{
    internal static RingMemory Run(uint entries, io_uring_params p, RingGeometry geometry, bool dontFork)
    {
        // Slots that rings disposed on other threads, or finalized, left in this thread's table go first: a
        // REGISTERED_FD_ONLY ring needs a free one (16 per thread), and the kernel rings they keep alive can go.
        RegisteredRingTable.ReleaseLeftSlots();
        var handle = new RingHandle();
        bool noMmap = (p.flags & IORING_SETUP_NO_MMAP) != 0;
        byte* sqRing;
        byte* cqRing;
        byte* sqes;
        try
        {
            if (noMmap)
            {
                // NO_MMAP: the application provides the memory, page aligned (anonymous mappings are),
                // sq_off.user_addr for the SQE array and cq_off.user_addr for the rings (io_uring_setup(2)).
                sqes = MapAnonymous(handle, PageAlign(geometry.SqesBytes));
                sqRing = cqRing = MapAnonymous(handle, PageAlign(geometry.RingsBytesUpperBound));
                p.sq_off.user_addr = (ulong)sqes;
                p.cq_off.user_addr = (ulong)sqRing;
            }
            else
            {
                sqRing = cqRing = sqes = null;
            }

            int fd = Syscalls.io_uring_setup(entries, &p);
            if (fd < 0)
            {
                handle.ReleaseRegions();
                IoUringException.Throw(-fd, "io_uring_setup");
            }

            handle.SetFd(fd, isRegisteredIndex: (p.flags & IORING_SETUP_REGISTERED_FD_ONLY) != 0);
            geometry = geometry with { SqEntries = p.sq_entries, CqEntries = p.cq_entries };

            if (!noMmap)
            {
                nuint cqeSize = (nuint)geometry.CqeSize;
                nuint sqRingBytes = p.sq_off.array + (nuint)p.sq_entries * sizeof(uint);
                nuint cqRingBytes = p.cq_off.cqes + (nuint)p.cq_entries * cqeSize;
                if ((p.features & IORING_FEAT_SINGLE_MMAP) != 0)
                {
                    // One mapping serves both rings (Linux 5.4+): map the larger of the two sizes.
                    sqRing = cqRing = MapRing(handle, fd, Math.Max(sqRingBytes, cqRingBytes), IORING_OFF_SQ_RING);
                }
                else
                {
                    sqRing = MapRing(handle, fd, sqRingBytes, IORING_OFF_SQ_RING);
                    cqRing = MapRing(handle, fd, cqRingBytes, IORING_OFF_CQ_RING);
                }

                sqes = MapRing(handle, fd, (nuint)p.sq_entries * (nuint)geometry.SqeSize, IORING_OFF_SQES);
            }

            if (dontFork)
            {
                handle.ForEachRegion(static (address, length) =>
                {
                    if (Libc.madvise((void*)address, length, Libc.MADV_DONTFORK) != 0)
                    {
                        IoUringException.Throw(Marshal.GetLastPInvokeError(), "madvise(MADV_DONTFORK)");
                    }
                });
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new RingMemory(handle, p, sqRing, cqRing, sqes, geometry);
    }

    internal static byte* MapRing(RingHandle handle, int fd, nuint length, ulong offset)
    {
        void* address = Libc.mmap(null, length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_POPULATE, fd, (long)offset);
        if (address == Libc.MAP_FAILED)
        {
            IoUringException.Throw(Marshal.GetLastPInvokeError(), "mmap");
        }

        handle.AddRegion(address, length);
        return (byte*)address;
    }

    private static byte* MapAnonymous(RingHandle handle, nuint length)
    {
        void* address = Libc.mmap(null, length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_POPULATE, -1, 0);
        if (address == Libc.MAP_FAILED)
        {
            handle.ReleaseRegions();
            IoUringException.Throw(Marshal.GetLastPInvokeError(), "mmap");
        }

        handle.AddRegion(address, length);
        return (byte*)address;
    }

    private static nuint PageAlign(nuint length)
    {
        nuint page = (nuint)Environment.SystemPageSize;
        return (length + page - 1) & ~(page - 1);
    }
}
