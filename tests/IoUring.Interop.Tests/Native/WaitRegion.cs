using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Tests.Native;

/// <summary>Registers user memory as a ring's registered-wait region (IORING_REGISTER_MEM_REGION with IORING_MEM_REGION_REG_WAIT_ARG).</summary>
internal static unsafe class WaitRegion
{
    /// <summary>The raw result of registering <paramref name="memory"/> on <paramref name="ring"/>; the ring must still be disabled (IORING_SETUP_R_DISABLED).</summary>
    public static int Register(NativeRing ring, PageMemory memory)
    {
        io_uring_region_desc region = default;
        region.user_addr = memory.Address;
        region.size = (ulong)memory.Length;
        region.flags = IORING_MEM_REGION_TYPE_USER;
        io_uring_mem_region_reg reg = default;
        reg.region_uptr = (ulong)&region;
        reg.flags = IORING_MEM_REGION_REG_WAIT_ARG;
        return Syscalls.RegisterMemRegion(ring.Fd, reg);
    }
}
