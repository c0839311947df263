using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary>The file an operation acts on: either a raw <see cref="Fd"/> or a registered <see cref="Fixed"/> slot.</summary>
/// <remarks>Rust's sealed <c>Target</c>: builders put <see cref="Value"/> in <c>sqe.fd</c> and set <c>IOSQE_FIXED_FILE</c> when <see cref="IsFixed"/>.
/// A .NET handle (<see cref="SafeHandle"/> such as <c>SafeFileHandle</c> or <c>SafeSocketHandle</c>, or a <see cref="Socket"/>) converts
/// to its descriptor. Available since Linux 5.1.</remarks>
public readonly struct FileTarget
{
    private FileTarget(int value, bool isFixed)
    {
        Value = value;
        IsFixed = isFixed;
    }

    /// <summary>Whether <see cref="Value"/> is an index into the registered file table.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public bool IsFixed { get; }

    /// <summary>The file descriptor, or the registered-file index when <see cref="IsFixed"/>.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public int Value { get; }

    /// <summary>Targets a raw file descriptor.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public static implicit operator FileTarget(Fd fd) => new(fd.Value, isFixed: false);

    /// <summary>Targets a registered file slot.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public static implicit operator FileTarget(Fixed fixedFile) => new(unchecked((int)fixedFile.Index), isFixed: true);

    /// <summary>Targets the descriptor <paramref name="handle"/> wraps (<c>SafeFileHandle</c>, <c>SafeSocketHandle</c>, <c>SafePipeHandle</c>...).</summary>
    /// <remarks>Available since Linux 5.1.
    /// <para><b>Lifetime:</b> the entry carries the descriptor number only; the handle is not referenced. The caller keeps
    /// <paramref name="handle"/> open until the operation's completion arrives: closed earlier, the number may already
    /// name another file when the kernel looks it up.</para></remarks>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed (the kernel would answer EBADF, or act on a reused number).</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid (-1).</exception>
    public static FileTarget From(SafeHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ObjectDisposedException.ThrowIf(handle.IsClosed, handle);
        if (handle.IsInvalid)
        {
            throw new ArgumentException($"The {handle.GetType().Name} is invalid (descriptor {handle.DangerousGetHandle()}); the kernel would answer EBADF.", nameof(handle));
        }

        return new(checked((int)handle.DangerousGetHandle()), isFixed: false);
    }

    /// <summary>Targets the descriptor of <paramref name="socket"/>.</summary>
    /// <remarks>Available since Linux 5.1.
    /// <para><b>Lifetime:</b> the entry carries the descriptor number only. The caller keeps <paramref name="socket"/>
    /// undisposed until the operation's completion arrives.</para></remarks>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="socket"/> is disposed.</exception>
    public static FileTarget From(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        SafeHandle handle = socket.SafeHandle;
        ObjectDisposedException.ThrowIf(handle.IsClosed || handle.IsInvalid, socket);
        return From(handle);
    }

    /// <summary>Targets the descriptor <paramref name="handle"/> wraps; see <see cref="From(SafeHandle)"/> for who keeps it open.</summary>
    /// <remarks>Available since Linux 5.1. The caller keeps the handle open until the completion.</remarks>
    public static implicit operator FileTarget(SafeHandle handle) => From(handle);

    /// <summary>Targets the descriptor of <paramref name="socket"/>; see <see cref="From(Socket)"/> for who keeps it open.</summary>
    /// <remarks>Available since Linux 5.1. The caller keeps the socket undisposed until the completion.</remarks>
    public static implicit operator FileTarget(Socket socket) => From(socket);

    /// <inheritdoc/>
    public override string ToString() => IsFixed ? $"Fixed({(uint)Value})" : $"Fd({Value})";
}
