using System.Runtime.InteropServices;

namespace IoUring.Interop;

/// <summary>The Linux x86-64 errno values the library meets, with their symbolic names.</summary>
/// <remarks>Values from asm-generic/errno-base.h and asm-generic/errno.h (the kernel's numbering on x86-64).</remarks>
internal static class Errno
{
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int ENXIO = 6;
    internal const int E2BIG = 7;
    internal const int EBADF = 9;
    internal const int EAGAIN = 11;
    internal const int ENOMEM = 12;
    internal const int EACCES = 13;
    internal const int EFAULT = 14;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int EXDEV = 18;
    internal const int ENODEV = 19;
    internal const int ENOTDIR = 20;
    internal const int EISDIR = 21;
    internal const int EINVAL = 22;
    internal const int ENFILE = 23;
    internal const int EMFILE = 24;
    internal const int ENOSPC = 28;
    internal const int ESPIPE = 29;
    internal const int EPIPE = 32;
    internal const int ERANGE = 34;
    internal const int ENOSYS = 38;
    internal const int ENODATA = 61;
    internal const int ETIME = 62;
    internal const int EOVERFLOW = 75;
    internal const int EBADFD = 77;
    internal const int ENOTSOCK = 88;
    internal const int EOPNOTSUPP = 95;
    internal const int EADDRINUSE = 98;
    internal const int ECONNRESET = 104;
    internal const int ENOBUFS = 105;
    internal const int ENOTCONN = 107;
    internal const int ETIMEDOUT = 110;
    internal const int ECONNREFUSED = 111;
    internal const int EALREADY = 114;
    internal const int EINPROGRESS = 115;
    internal const int ECANCELED = 125;
    internal const int EOWNERDEAD = 130;

    /// <summary>The symbolic name of <paramref name="errno"/> ("EINVAL"), or "E?(n)" when unknown.</summary>
    internal static string Name(int errno) =>
        (uint)errno < (uint)Names.Length && Names[errno] is { } name
            ? name
            : "E?(" + errno.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

    // Every errno of asm-generic/errno-base.h and asm-generic/errno.h, indexed by value (x86-64 uses the generic
    // numbering). A completion's res can carry any of them, not only those the library names above. Aliases
    // (EWOULDBLOCK, EDEADLOCK, ENOTSUP) are defined by name there, so each value keeps its primary name.
    private static readonly string?[] Names =
    [
        null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG",
        "ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK",
        "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE",
        "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK",
        "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY",
        "ELOOP", null, "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST",
        "ELNRNG", "EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO",
        "EBADRQC", "EBADSLT", null, "EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR",
        "ENONET", "ENOPKG", "EREMOTE", "ENOLINK", "EADV", "ESRMNT", "ECOMM", "EPROTO",
        "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG", "ELIBACC",
        "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE", "EUSERS",
        "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP",
        "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED",
        "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED",
        "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL",
        "EISNAM", "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED",
        "EKEYREVOKED", "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON",
    ];

    /// <summary>The C library's description of <paramref name="errno"/> (strerror).</summary>
    internal static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
