using System.Globalization;
using System.IO;

namespace IoUring.Interop;

/// <summary>An io_uring system call or ring operation failed with an errno.</summary>
/// <remarks>The message reads "&lt;operation&gt; failed: EINVAL (22): Invalid argument".</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/errno.3.html"/>
public class IoUringException : IOException
{
    /// <summary>Creates the exception for <paramref name="errno"/> returned by <paramref name="operation"/>.</summary>
    /// <param name="errno">The positive errno value.</param>
    /// <param name="operation">What failed, e.g. "io_uring_enter".</param>
    public IoUringException(int errno, string operation)
        : base(FormatMessage(errno, operation))
    {
        Errno = errno;
        Operation = operation;
        HResult = errno;
    }

    /// <summary>The positive errno value (22 for EINVAL).</summary>
    public int Errno { get; }

    /// <summary>The symbolic errno name ("EINVAL").</summary>
    public string ErrnoName => Interop.Errno.Name(Errno);

    /// <summary>The operation that failed (a system call or register opcode name).</summary>
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

    private static string FormatMessage(int errno, string operation) =>
        string.Format(CultureInfo.InvariantCulture, "{0} failed: {1} ({2}): {3}", operation, Interop.Errno.Name(errno), errno, Interop.Errno.Describe(errno));
}
