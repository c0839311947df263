using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Async;

/// <summary>Closing a descriptor in the kernel without pulling it from under the engine's own requests.</summary>
public sealed partial class RingEngine
{
    /// <summary>Closes <paramref name="handle"/>'s descriptor in the kernel (IORING_OP_CLOSE) and marks the handle closed.</summary>
    /// <remarks>The handle is marked closed at once (<see cref="SafeHandle.SetHandleAsInvalid"/>): operations started on
    /// it afterwards throw <see cref="ObjectDisposedException"/>. The descriptor itself is closed only after every
    /// operation of this engine that took its reference before has reached the ring (the kernel holds the file of an
    /// issued request until it completes), so none of them can act on a closed number or on another file that reused
    /// it. References held elsewhere (another engine, a synchronous call on another thread) are not tracked: close a
    /// handle they may still use with <see cref="SafeHandle.Dispose()"/> instead, which closes when the last reference
    /// goes (docs/lifetimes.md). Available since Linux 5.6.</remarks>
    /// <param name="handle">A file or socket handle.</param>
    /// <exception cref="ObjectDisposedException">The handle is already closed, or the engine is disposed.</exception>
    /// <exception cref="IoUringException">The kernel refused.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/close.2.html"/>
    public ValueTask CloseAsync(SafeHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ThrowIfStopped();
        bool added = false;
        handle.DangerousAddRef(ref added);

        // From here the number is ours to close (the SafeHandle will never close it) and no new reference can be taken.
        int fd = (int)handle.DangerousGetHandle();
        handle.SetHandleAsInvalid();
        handle.DangerousRelease();
        return HasUnsubmittedHolder(handle) ? CloseAfterHolders(handle, fd) : StartClose(fd);
    }

    // Rare: an operation referenced the handle before it was marked closed but has not reached the ring yet (it waits
    // for an in-flight slot, or its thread was preempted). The close must enter the ring after it.
    private async ValueTask CloseAfterHolders(SafeHandle handle, int fd)
    {
        while (HasUnsubmittedHolder(handle))
        {
            await Task.Delay(1).ConfigureAwait(false);
        }

        await StartClose(fd).ConfigureAwait(false);
    }

    private ValueTask StartClose(int fd)
    {
        try
        {
            return Start(Prepare("close", RingOperation.ErrorKind.Errno, CancellationToken.None, fd, static (_, fd) => new Close(new Fd(fd)).Build()));
        }
        catch (ObjectDisposedException)
        {
            // The engine stopped meanwhile; the handle no longer owns the number, so close it here rather than leak it.
            new SafeFileHandle(fd, ownsHandle: true).Dispose();
            throw;
        }
    }

    // Whether an operation of this engine holds a reference on handle and is not in the ring yet. Operations publish the
    // handle before their reference (RingOperation.AddRef) and the engine sets InKernel once their entry is in the
    // submission queue, ahead of any entry pushed later.
    private bool HasUnsubmittedHolder(SafeHandle handle)
    {
        int count = Volatile.Read(ref _tableCount);
        EngineOperation?[] table = Volatile.Read(ref _table);
        for (int i = 0; i < Math.Min(count, table.Length); i++)
        {
            switch (Volatile.Read(ref table[i]))
            {
                case RingOperation operation when operation.HeldHandle == handle && !Volatile.Read(ref operation.InKernel):
                // A stream re-arming on the number: it checked the handle before it was marked closed (MultishotOperation).
                case MultishotOperation stream when stream.HeldHandle == handle && stream.ArmPending:
                    return true;
            }
        }

        return false;
    }
}
