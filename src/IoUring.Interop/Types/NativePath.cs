using System;
using System.Runtime.InteropServices;
using System.Text;

namespace IoUring.Interop;

/// <summary>A string in native memory as the kernel reads paths and names: UTF-8, NUL-terminated, never moved.</summary>
/// <remarks>Builders that take a path or an xattr name take one (<c>new OpenAt(AT_FDCWD, path)</c>).
/// Available since Linux 5.1.
/// <para><b>Lifetime:</b> the kernel may read the string after submission (when the request goes async or is linked):
/// keep the NativePath undisposed until the operation's completion arrives. Disposing frees the memory.</para></remarks>
public sealed unsafe class NativePath : IDisposable
{
    private byte* _bytes;

    /// <summary>Copies <paramref name="path"/> to native memory as NUL-terminated UTF-8.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> contains a NUL character, where the kernel would end it.</exception>
    public NativePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int nul = path.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            throw new ArgumentException($"The path contains a NUL character at index {nul}; the kernel would read only the part before it.", nameof(path));
        }

        Text = path;
        Length = Encoding.UTF8.GetByteCount(path);
        _bytes = (byte*)NativeMemory.Alloc((nuint)Length + 1);
        Encoding.UTF8.GetBytes(path, new Span<byte>(_bytes, Length));
        _bytes[Length] = 0;
    }

    /// <summary>Frees the memory if <see cref="Dispose"/> was not called.</summary>
    ~NativePath() => Free();

    /// <summary>The string as given.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public string Text { get; }

    /// <summary>The UTF-8 length in bytes, without the terminating NUL.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public int Length { get; }

    /// <summary>The NUL-terminated bytes, for a builder's pointer form.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    /// <exception cref="ObjectDisposedException">The NativePath was disposed.</exception>
    public byte* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_bytes == null, this);
            return _bytes;
        }
    }

    /// <summary>Frees the native memory; call it only after the completion of every operation that uses it.</summary>
    /// <remarks>Available since Linux 5.1.</remarks>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private void Free()
    {
        byte* bytes = _bytes;
        _bytes = null;
        if (bytes != null)
        {
            NativeMemory.Free(bytes);
        }
    }
}
