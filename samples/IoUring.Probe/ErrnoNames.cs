using System.Collections.Generic;
using System.Globalization;

namespace IoUring.Samples.Probe;

/// <summary>Names for the errno values io_uring_setup(2) returns (asm-generic/errno-base.h, errno.h).</summary>
internal static class ErrnoNames
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "EPERM", [9] = "EBADF", [12] = "ENOMEM", [13] = "EACCES", [14] = "EFAULT", [22] = "EINVAL",
        [24] = "EMFILE", [38] = "ENOSYS", [95] = "EOPNOTSUPP",
    };

    public static string Describe(int errno) =>
        Names.TryGetValue(errno, out string? name) ? name : "errno " + errno.ToString(CultureInfo.InvariantCulture);
}
