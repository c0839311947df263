using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using IoUring.Interop.Opcodes;

namespace IoUring.Interop.Async;

/// <summary>Timers and readiness: a kernel timeout as a delay, and poll on any descriptor.</summary>
public sealed unsafe partial class RingEngine
{
    /// <summary>Completes after <paramref name="delay"/> (IORING_OP_TIMEOUT on the monotonic clock).</summary>
    /// <remarks>Available since Linux 5.4.</remarks>
    /// <param name="delay">How long to wait (non-negative).</param>
    /// <param name="cancellationToken">Cancels the timer in the kernel.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_timeout.3.html"/>
    public ValueTask DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Start(Prepare("timeout", RingOperation.ErrorKind.Errno, cancellationToken, delay, static (operation, delay) =>
        {
            *operation.Time = Timespec.FromTimeSpan(delay);

            // ETIME is how a timeout that ran its course completes.
            operation.TreatAsSuccess((int)Errno.ETIME);
            return new TimeoutAdd(operation.Time).Build();
        }));
    }

    /// <summary>Waits until <paramref name="handle"/> is ready for one of <paramref name="events"/> (IORING_OP_POLL_ADD, one shot).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <param name="handle">Any pollable descriptor (socket, pipe, eventfd...).</param>
    /// <param name="events">What to wait for; <see cref="PollEvents.Error"/> and <see cref="PollEvents.HangUp"/> are always reported.</param>
    /// <param name="cancellationToken">Cancels the poll in the kernel.</param>
    /// <returns>The events that are ready.</returns>
    /// <exception cref="IoUringException">The kernel refused.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/poll.2.html"/>
    public ValueTask<PollEvents> PollAsync(SafeHandle handle, PollEvents events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return Start<PollEvents>(Prepare("poll_add", RingOperation.ErrorKind.Errno, cancellationToken, (handle, events), static (operation, args) =>
            new PollAdd(new Fd(operation.AddRef(args.handle)), (uint)args.events).Build()));
    }
}
