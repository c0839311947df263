using System.Runtime.InteropServices;

namespace IoUring.Interop.Native;

/// <summary>
/// The three io_uring system calls, raw: each returns the kernel's result, or the negated errno on
/// failure (the kernel's own convention), and never throws. The typed register/enter wrappers are
/// generated into this class from the attribute table in <c>RegisterTable.cs</c>.
/// </summary>
/// <remarks>The numbers are the same on every architecture (system calls added since Linux 5.1 share one numbering):
/// x86-64's syscall_64.tbl and arm64's asm-generic unistd.h both say 425-427.</remarks>
public static unsafe partial class Syscalls
{
    private const long SYS_io_uring_setup = 425;
    private const long SYS_io_uring_enter = 426;
    private const long SYS_io_uring_register = 427;

    /// <summary>io_uring_setup(2): creates a ring; returns its fd or -errno.</summary>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_setup.2.html"/>
    public static int io_uring_setup(uint entries, io_uring_params* p)
        => Result(syscall(SYS_io_uring_setup, entries, (nint)p, 0, 0, 0, 0));

    /// <summary>io_uring_enter(2): submits and/or waits; returns the number submitted or -errno.</summary>
    /// <remarks><paramref name="argsz"/> is the sigset size (8, the kernel's sigset_t) or the size of the extended argument.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    public static int io_uring_enter(int fd, uint toSubmit, uint minComplete, uint flags, void* arg, nuint argsz)
        => Result(syscall(SYS_io_uring_enter, fd, toSubmit, minComplete, flags, (nint)arg, (nint)argsz));

    /// <summary>io_uring_register(2): registers or queries resources; returns the opcode's result or -errno.</summary>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_register.2.html"/>
    public static int io_uring_register(int fd, uint opcode, void* arg, uint nrArgs)
        => Result(syscall(SYS_io_uring_register, fd, opcode, (nint)arg, nrArgs, 0, 0));

    // glibc's syscall(2) returns -1 and sets errno; fold that back into the kernel's -errno form.
    // errno is read only on failure: SetLastError = true would clear errno before and copy it after
    // every call (two native calls and a thread-local store on the hot path of io_uring_enter).
    // Reading it here, after the return to managed code, is what the SetLastError stub itself does.
    private static int Result(long ret) => ret == -1 ? -Marshal.GetLastSystemError() : (int)ret;

    // syscall(2) is variadic, but on x86-64 its integer arguments travel in the same registers as a
    // fixed six-argument call, which is how glibc's assembly stub reads them.
    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
}
