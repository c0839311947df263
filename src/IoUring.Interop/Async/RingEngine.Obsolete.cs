using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Async;

/// <summary>Old names kept as forwarders, so code written against them keeps compiling with a warning that names the new one.</summary>
public sealed partial class RingEngine
{
    /// <summary>Use <see cref="FlushToDiskAsync"/>: this is fsync(2), which .NET calls FlushToDisk; a Stream's Flush
    /// means something far cheaper.</summary>
    /// <param name="file">The file.</param>
    /// <param name="dataOnly">fdatasync(2) semantics.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    [Obsolete("FlushAsync is fsync(2); use FlushToDiskAsync, the name RandomAccess.FlushToDisk uses.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask FlushAsync(SafeFileHandle file, bool dataOnly = false, CancellationToken cancellationToken = default) =>
        FlushToDiskAsync(file, dataOnly, cancellationToken);
}
