using System;
using System.Runtime.CompilerServices;
using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>An io_uring instance: the ring file descriptor, its submission and completion queues, and the submitter.</summary>
/// <remarks>Rust's <c>IoUring</c>. Dispose unmaps the queues and closes the fd; every member then throws
/// <see cref="ObjectDisposedException"/>. The submission queue has one producer and the completion queue one
/// consumer at a time: share them across threads only with your own synchronization.
/// Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
public sealed unsafe partial class Ring : IDisposable
{
    private readonly RingHandle _handle;
    private readonly Submitter _submitter;
    private RingParameters _parameters;
    private SubmissionQueue _submissionQueue;
    private CompletionQueue _completionQueue;
    private volatile bool _disposed;

    /// <summary>Creates a ring with <paramref name="entries"/> submission queue entries and default options; see <see cref="Builder"/> for more.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <param name="entries">The submission queue size (rounded up to a power of two, at most 32768); the completion queue gets twice as many.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="entries"/> is 0 or above 32768.</exception>
    /// <exception cref="IoUringException">io_uring_setup(2) or a mapping failed.</exception>
    public Ring(int entries)
        : this(RingSetup.Run(Entries(entries), default, RingGeometry.Validate(Entries(entries), 0, 0), dontFork: false))
    {
    }

    private Ring(RingMemory memory)
    {
        _handle = memory.Handle;
        _parameters = new RingParameters(memory.Parameters);
        _submissionQueue = new SubmissionQueue(memory);
        _completionQueue = new CompletionQueue(this, memory);
        _submitter = new Submitter(this, _submissionQueue, _parameters);
    }

    // Counts are int in the public surface (.NET's convention); a negative one is refused here, before it could wrap.
    internal static uint Entries(int entries) =>
        entries > 0 ? (uint)entries : throw new ArgumentOutOfRangeException(nameof(entries), entries, "A ring needs at least one entry (1 to 32768).");

    internal static Ring Create(uint entries, in io_uring_params parameters, RingGeometry geometry, bool dontFork) =>
        new(RingSetup.Run(entries, parameters, geometry, dontFork));

    /// <summary>Starts a <see cref="RingBuilder"/> to choose setup options.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public static RingBuilder Builder() => new();

    /// <summary>The submitter: submits queued entries, waits for completions and registers resources.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public Submitter Submitter
    {
        get
        {
            ThrowIfDisposed();
            return _submitter;
        }
    }

    /// <summary>The parameters the kernel returned: setup flags, features and queue sizes.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public RingParameters Parameters
    {
        get
        {
            ThrowIfDisposed();
            return _parameters;
        }
    }

    /// <summary>Submits every queued entry; see <see cref="Submitter.Submit"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <returns>The number of entries submitted.</returns>
    public int Submit() => Submitter.Submit();

    /// <summary>Submits every queued entry and waits for at least <paramref name="want"/> completions; see <see cref="Submitter.SubmitAndWait"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <returns>The number of entries submitted.</returns>
    public int SubmitAndWait(int want) => Submitter.SubmitAndWait(want);

    /// <summary>The submitter, submission queue and completion queue, to use the parts independently.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public (Submitter Submitter, SubmissionQueue SubmissionQueue, CompletionQueue CompletionQueue) Split()
    {
        ThrowIfDisposed();
        return (_submitter, _submissionQueue, _completionQueue);
    }

    /// <summary>The submission queue, where requests are pushed.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public SubmissionQueue SubmissionQueue
    {
        get
        {
            ThrowIfDisposed();
            return _submissionQueue;
        }
    }

    /// <summary>The completion queue, where results arrive.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public CompletionQueue CompletionQueue
    {
        get
        {
            ThrowIfDisposed();
            return _completionQueue;
        }
    }

    /// <summary>The ring's file descriptor (not the <see cref="Interop.Fd"/> target type of the opcode builders).</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <exception cref="InvalidOperationException">The ring was built with <see cref="RingBuilder.SetupRegisteredFdOnly"/> and has no fd.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public int FileDescriptor
    {
        get
        {
            ThrowIfDisposed();
            if (_handle.IsRegisteredIndex)
            {
                throw new InvalidOperationException("The ring was created with IORING_SETUP_REGISTERED_FD_ONLY and has no file descriptor.");
            }

            return _handle.Value;
        }
    }

    /// <summary>The ring's file descriptor: the old name of <see cref="FileDescriptor"/>, kept until every branch is merged.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    [Obsolete("Use FileDescriptor; Fd is also the name of the opcode builders' file target type.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public int Fd => FileDescriptor;

    /// <summary>Unmaps the queues and closes the ring (unregistering its registered ring index first, if any); safe to call twice.</summary>
    /// <remarks>
    /// <para>May run on any thread, once no other thread uses the ring. A registered ring index
    /// (<see cref="Submitter.RegisterRingFd"/>, <see cref="RingBuilder.SetupRegisteredFdOnly"/>) lives in the registering
    /// thread's table: on that thread it is unregistered here; on another thread it cannot be, so the kernel ring stays
    /// alive until that thread creates a ring, registers or disposes one, or exits. A ring never disposed is released by
    /// the finalizer the same way. This call also releases slots of this thread's table that other threads left to it.</para>
    /// <para>Available since Linux 5.1.</para>
    /// </remarks>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _submissionQueue.Retire(ViewRetirement.RingDisposed);
        _completionQueue.Retire(ViewRetirement.RingDisposed);
        _handle.Dispose();
        RegisteredRingTable.ReleaseLeftSlots();
    }

    /// <summary>The handle owning the fd and the queue memory.</summary>
    internal RingHandle Handle => _handle;

    /// <summary>Whether <see cref="Dispose"/> ran.</summary>
    internal bool IsDisposed => _disposed;

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the ring is disposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ThrowIfDisposed()
    {
        if (_disposed)
        {
            ThrowDisposed();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(Ring));
}
