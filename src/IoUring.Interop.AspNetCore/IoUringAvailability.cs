using System;
using System.Globalization;
using System.IO;

namespace IoUring.Interop.AspNetCore;

/// <summary>Whether this process can use io_uring, and if not, the errno io_uring_setup(2) returned and why.</summary>
/// <remarks>Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_setup.2.html"/>
public sealed class IoUringAvailability
{
    private const string DisabledSysctl = "/proc/sys/kernel/io_uring_disabled";

    private IoUringAvailability(bool isAvailable, int errno, string reason)
    {
        IsAvailable = isAvailable;
        Errno = errno;
        Reason = reason;
    }

    /// <summary>True when a ring could be created.</summary>
    public bool IsAvailable { get; }

    /// <summary>The errno io_uring_setup returned (0 when available).</summary>
    public int Errno { get; }

    /// <summary>One sentence saying what the probe found.</summary>
    public string Reason { get; }

    /// <summary>Tries io_uring_setup (a two-entry ring, closed at once) and reports the outcome.</summary>
    /// <remarks>
    /// Creating a ring is the only honest test: the sysctl kernel.io_uring_disabled, a seccomp filter (Docker's default
    /// profile blocks io_uring_setup with EPERM), an LSM or an old kernel (ENOSYS) all show up as its errno.
    /// </remarks>
    public static IoUringAvailability Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Unavailable(0, "io_uring is a Linux interface and this is not Linux");
        }

        try
        {
            using var ring = new Ring(2);
            return new IoUringAvailability(true, 0, "io_uring_setup succeeded");
        }
        catch (IoUringException e)
        {
            return FromErrno(e.Errno);
        }
        catch (EntryPointNotFoundException)
        {
            return Unavailable(38, "io_uring_setup is not available in this process (ENOSYS)");
        }
    }

    /// <summary>The availability io_uring_setup's <paramref name="errno"/> means (0: available), with the likely cause.</summary>
    /// <param name="errno">The positive errno, or 0.</param>
    public static IoUringAvailability FromErrno(int errno)
    {
        if (errno == 0)
        {
            return new IoUringAvailability(true, 0, "io_uring_setup succeeded");
        }

        // IoUringException knows the errno names; the table itself is internal to IoUring.Interop.
        string name = new IoUringException(errno, "io_uring_setup").ErrnoName;
        string cause = errno switch
        {
            1 => SysctlSays() ?? "blocked by a seccomp filter or security module (containers often block io_uring_setup)",
            38 => "the kernel has no io_uring (built without CONFIG_IO_URING, or older than 5.1)",
            12 => "the kernel could not allocate the ring's memory",
            24 => "too many open files",
            _ => "io_uring_setup failed",
        };
        return Unavailable(errno, string.Format(CultureInfo.InvariantCulture, "io_uring_setup failed with {0} ({1}): {2}", name, errno, cause));
    }

    /// <inheritdoc/>
    public override string ToString() => Reason;

    private static IoUringAvailability Unavailable(int errno, string reason) => new(false, errno, reason);

    // kernel.io_uring_disabled (6.6+): 1 = only members of kernel.io_uring_group, 2 = nobody; both give EPERM.
    private static string? SysctlSays()
    {
        try
        {
            string value = File.ReadAllText(DisabledSysctl).Trim();
            return value switch
            {
                "2" => "io_uring is disabled by the sysctl kernel.io_uring_disabled=2",
                "1" => "io_uring is limited by the sysctl kernel.io_uring_disabled=1 to the group kernel.io_uring_group",
                _ => null,
            };
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
