using System;
using System.Threading;

namespace IoUring.Interop.Async;

/// <summary>The one preparation path of the typed operations: rent, take pins and references, build the entry.</summary>
public sealed partial class RingEngine
{
    /// <summary>Rents an operation and lets <paramref name="prepare"/> take its pins and handle references and build
    /// its entry; if any step throws, everything taken so far is released and the operation goes back to the pool.</summary>
    /// <remarks>A step may fail half-way (a closed handle, a <see cref="System.Buffers.MemoryManager{T}"/> whose Pin
    /// throws, a path with a NUL after the handle was referenced): without this, the reference would keep the
    /// descriptor open forever and the pooled object would be lost. <paramref name="prepare"/> should be a static
    /// lambda and <paramref name="args"/> a value tuple, so the hot path allocates nothing.</remarks>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    internal RingOperation Prepare<TArgs>(string name, RingOperation.ErrorKind errors, CancellationToken cancellationToken, TArgs args, Func<RingOperation, TArgs, SubmissionEntry> prepare)
    {
        RingOperation operation = Rent(name, errors, cancellationToken);
        try
        {
            operation.Entry = prepare(operation, args);
        }
        catch
        {
            operation.Discard();
            throw;
        }

        return operation;
    }
}
