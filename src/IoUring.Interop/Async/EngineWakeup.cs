using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Async;

/// <summary>The engine's doorbell: an eventfd that the engine reads through its own ring before it sleeps, and that
/// other threads write to wake it (netty's io_uring transport does the same).</summary>
/// <remarks>The fd lives in a <see cref="SafeFileHandle"/>: a late writer racing with the engine's shutdown takes a
/// reference, so it never writes into a reused fd number.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/eventfd.2.html"/>
internal static unsafe partial class EngineWakeup
{
    private const int EFD_CLOEXEC = 0x80000;

    /// <summary>Creates the eventfd.</summary>
    internal static SafeFileHandle Create()
    {
        int fd = eventfd(0, EFD_CLOEXEC);
        if (fd < 0)
        {
            IoUringException.Throw(Marshal.GetLastPInvokeError(), "eventfd");
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Adds one to the counter, which completes the engine's pending read; a closed handle is ignored.</summary>
    internal static void Ring(SafeFileHandle handle)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            ulong one = 1;
            _ = write((int)handle.DangerousGetHandle(), &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // The engine already stopped: nobody to wake.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, void* buffer, nuint count);
}
