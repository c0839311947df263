using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Registers the ring's parameter memory region described by <paramref name="region"/> (the kernel writes back its mmap offset); with <paramref name="registeredWaitArguments"/> the region holds <c>io_uring_reg_wait</c> entries that enter can name by offset (IORING_ENTER_EXT_ARG_REG).</summary>
    /// <remarks>
    /// <para>A ring has at most one such region (EBUSY after that). Registered wait arguments need a ring built with
    /// <see cref="RingBuilder.SetupRDisabled"/>, registered before <see cref="RegisterEnableRings"/>.</para>
    /// <para><b>Safety:</b> with IORING_MEM_REGION_TYPE_USER, the memory at <c>user_addr</c> (page-aligned,
    /// <c>size</c> bytes) must stay valid and mapped for the life of the ring: the kernel pins and reads it.</para>
    /// <para>Available since Linux 6.13.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_register.2.html"/>
    public unsafe void RegisterMemRegion(ref io_uring_region_desc region, bool registeredWaitArguments = false)
    {
        ThrowIfDisposed();
        fixed (io_uring_region_desc* desc = &region)
        {
            var register = new io_uring_mem_region_reg
            {
                region_uptr = (ulong)desc,
                flags = registeredWaitArguments ? (ulong)IORING_MEM_REGION_REG_WAIT_ARG : 0,
            };
            int result;
            do result = Syscalls.RegisterMemRegion(EnterFd, in register, RegisteredRing); while (result == Interrupted);
            Checked(result, nameof(io_uring_register_op.IORING_REGISTER_MEM_REGION));
        }
    }
}
