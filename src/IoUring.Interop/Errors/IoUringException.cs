using System;
using System.Globalization;
using System.IO;

namespace IoUring.Interop;

/// <summary>An io_uring system call or ring operation failed with an errno.</summary>
/// <remarks>The message reads "&lt;operation&gt; failed: EINVAL (22): Invalid argument". Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/errno.3.html"/>
public class IoUringException : IOException
{
    /// <summary>Creates the exception with a generic message and no errno.</summary>
    public IoUringException()
        : this("An io_uring operation failed.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and no errno.</summary>
    /// <param name="message">What failed.</param>
    public IoUringException(string? message)
        : base(message)
    {
        Operation = string.Empty;
    }

    /// <summary>Creates the exception with <paramref name="message"/>, caused by <paramref name="innerException"/>, and no errno.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public IoUringException(string? message, Exception? innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    /// <summary>Creates the exception for <paramref name="errno"/> returned by <paramref name="operation"/>.</summary>
    /// <param name="errno">The errno value; a negated one (the kernel's -22) is accepted and stored as 22.</param>
    /// <param name="operation">What failed, e.g. "io_uring_enter".</param>
    public IoUringException(int errno, string operation)
        : this((Errno)Math.Abs(errno), operation)
    {
    }

    /// <summary>Creates the exception for <paramref name="error"/> returned by <paramref name="operation"/>.</summary>
    /// <param name="error">The errno.</param>
    /// <param name="operation">What failed, e.g. "io_uring_enter" or "read of chunk 3".</param>
    public IoUringException(Errno error, string operation)
        : base(FormatMessage(error, operation))
    {
        Error = error;
        Operation = operation;
        HResult = (int)error;
    }

    /// <summary>Creates the exception for <paramref name="error"/> returned by <paramref name="operation"/>, with a
    /// message of the caller's (the async layer's .NET-style messages that name a path).</summary>
    internal IoUringException(Errno error, string operation, string message)
        : base(message)
    {
        Error = error;
        Operation = operation;
        HResult = (int)error;
    }

    /// <summary>The errno (<see cref="Interop.Errno.EINVAL"/>); <see cref="Interop.Errno.None"/> when the exception was created from a message alone.</summary>
    public Errno Error { get; }

    /// <summary>The positive errno value (22 for EINVAL).</summary>
    public int Errno => (int)Error;

    /// <summary>The symbolic errno name ("EINVAL").</summary>
    public string ErrnoName => Error.Name();

    /// <summary>The operation that failed (a system call or register opcode name); empty when created from a message alone.</summary>
    public string Operation { get; }

    /// <summary>Returns <paramref name="result"/> when it is not negative; otherwise throws for the errno <c>-result</c>.</summary>
    /// <remarks>The kernel's convention, which the raw <c>Syscalls</c> keep: a negative result is a negated errno.</remarks>
    internal static int ThrowIfError(int result, string operation)
    {
        if (result < 0)
        {
            Throw(-result, operation);
        }

        return result;
    }

    /// <summary>Throws an <see cref="IoUringException"/> for <paramref name="errno"/>; kept out of line so callers stay small.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void Throw(int errno, string operation) => throw new IoUringException(errno, operation);

    private static string FormatMessage(Errno error, string operation) =>
        string.Format(CultureInfo.InvariantCulture, "{0} failed: {1} ({2}): {3}", operation, error.Name(), (int)error, error.GetMessage());
}
