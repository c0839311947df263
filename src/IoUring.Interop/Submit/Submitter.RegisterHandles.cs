using System;
using System.Buffers;
using System.Runtime.InteropServices;

namespace IoUring.Interop;

// SafeHandle overloads of the fd-taking register calls (the CsWin32 friendly-overload pattern): each handle is
// AddRef'd for the duration of the call only. That is enough because io_uring_register(2) takes the kernel's own
// reference to every file it stores (io_uring/rsrc.c fget, io_uring/eventfd.c eventfd_ctx_fdget): the caller may close
// or dispose the handle as soon as the call returns, and the registered file stays open until it is unregistered.
public sealed partial class Submitter
{
    // Up to this many handles, their fds live on the stack; beyond it, in a pooled array.
    private const int StackHandles = 64;

    /// <summary>Registers the files of <paramref name="handles"/> (SafeFileHandle, SafeSocketHandle...) as the ring's fixed-file table.</summary>
    /// <remarks>
    /// <para><b>Lifetime:</b> each handle is referenced only during the call; the kernel keeps its own reference to
    /// each file, so the handles may be disposed afterwards without affecting the registered files.</para>
    /// <para>Available since Linux 5.1.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="handles"/> is empty, or one of them is null, closed or invalid.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_files.3.html"/>
    public void RegisterFiles(ReadOnlySpan<SafeHandle> handles)
    {
        ThrowIfDisposed();
        if (handles.IsEmpty)
            throw new ArgumentException("At least one handle is required.", nameof(handles));
        WithFds(handles, nameof(handles), fds => RegisterFiles(fds));
    }

    /// <summary>Replaces registered files from slot <paramref name="offset"/> on with the files of <paramref name="handles"/> and returns how many slots were updated.</summary>
    /// <remarks>
    /// <para><b>Lifetime:</b> as for <see cref="RegisterFiles(ReadOnlySpan{SafeHandle})"/>: the handles may be disposed once the call returns.</para>
    /// <para>Available since Linux 5.5.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="handles"/> is empty, or one of them is null, closed or invalid.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_files_update.3.html"/>
    public int RegisterFilesUpdate(int offset, ReadOnlySpan<SafeHandle> handles)
    {
        ThrowIfDisposed();
        if (handles.IsEmpty)
            throw new ArgumentException("At least one handle is required.", nameof(handles));
        int updated = 0;
        WithFds(handles, nameof(handles), fds => updated = RegisterFilesUpdate(offset, fds));
        return updated;
    }

    /// <summary>Registers the eventfd behind <paramref name="eventfd"/>; the kernel signals it whenever a completion is posted.</summary>
    /// <remarks>
    /// <para><b>Lifetime:</b> the handle is referenced only during the call; the kernel keeps its own reference to the
    /// eventfd until <see cref="UnregisterEventfd"/> or the ring's disposal.</para>
    /// <para>Available since Linux 5.2.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="eventfd"/> is closed or invalid.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_eventfd.3.html"/>
    public void RegisterEventfd(SafeHandle eventfd)
    {
        ThrowIfDisposed();
        WithFd(eventfd, nameof(eventfd), RegisterEventfd);
    }

    /// <summary>Like <see cref="RegisterEventfd(SafeHandle)"/>, but signals only completions of requests that went asynchronous.</summary>
    /// <remarks>
    /// <para><b>Lifetime:</b> as for <see cref="RegisterEventfd(SafeHandle)"/>.</para>
    /// <para>Available since Linux 5.6.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="eventfd"/> is closed or invalid.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_eventfd_async.3.html"/>
    public void RegisterEventfdAsync(SafeHandle eventfd)
    {
        ThrowIfDisposed();
        WithFd(eventfd, nameof(eventfd), RegisterEventfdAsync);
    }

    private delegate void FdsAction(ReadOnlySpan<int> fds);

    private static void WithFd(SafeHandle handle, string paramName, Action<int> call)
    {
        ArgumentNullException.ThrowIfNull(handle, paramName);
        bool added = false;
        try
        {
            AddRef(handle, paramName, ref added);
            call((int)handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    private static void WithFds(ReadOnlySpan<SafeHandle> handles, string paramName, FdsAction call)
    {
        int[]? rented = handles.Length > StackHandles ? ArrayPool<int>.Shared.Rent(handles.Length) : null;
        Span<int> fds = rented is null ? stackalloc int[handles.Length] : rented.AsSpan(0, handles.Length);
        int referenced = 0;
        try
        {
            for (; referenced < handles.Length; referenced++)
            {
                SafeHandle handle = handles[referenced] ?? throw new ArgumentException($"Handle {referenced} is null.", paramName);
                bool added = false;
                AddRef(handle, $"{paramName}[{referenced}]", ref added);
                fds[referenced] = (int)handle.DangerousGetHandle();
            }

            call(fds);
        }
        finally
        {
            for (int i = 0; i < referenced; i++)
                handles[i].DangerousRelease();
            if (rented is not null)
                ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static void AddRef(SafeHandle handle, string paramName, ref bool added)
    {
        if (handle.IsInvalid)
            throw new ArgumentException("The handle is invalid (no file descriptor).", paramName);
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException e)
        {
            throw new ArgumentException("The handle is closed.", paramName, e);
        }
    }
}
