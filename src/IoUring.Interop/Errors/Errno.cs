namespace IoUring.Interop;

/// <summary>The Linux errno values a system call or a completion can report, named as in C and the man pages (<c>Errno.EAGAIN</c>).</summary>
/// <remarks>
/// <para>A failed completion carries the negated value in <see cref="CompletionEntry.Result"/>; <see cref="CompletionEntry.Error"/>
/// turns it into this enum, and <see cref="IoUringException.Error"/> carries it for a failed call. The names are the C ones
/// on purpose (as in Mono.Unix.Native.Errno): the man pages list each call's errors by them, and <c>ToString()</c> prints
/// the name a reader searches for. <see cref="ErrnoExtensions.GetMessage"/> gives the C library's text.</para>
/// <para>Every value of asm-generic/errno-base.h and asm-generic/errno.h (x86-64 uses that numbering). The aliases
/// <c>EWOULDBLOCK</c> (= <see cref="EAGAIN"/>), <c>EDEADLOCK</c> (= <see cref="EDEADLK"/>) and <c>ENOTSUP</c>
/// (= <see cref="EOPNOTSUPP"/>) are not separate members, so each value prints one name.</para>
/// <para>Available since Linux 5.1.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/errno.3.html"/>
public enum Errno
{
    /// <summary>No error: the value of <see cref="CompletionEntry.Error"/> for a successful completion.</summary>
    None = 0,

    /// <summary>Operation not permitted (<c>EPERM</c>, 1).</summary>
    EPERM = 1,

    /// <summary>No such file or directory (<c>ENOENT</c>, 2).</summary>
    ENOENT = 2,

    /// <summary>No such process (<c>ESRCH</c>, 3).</summary>
    ESRCH = 3,

    /// <summary>Interrupted system call (<c>EINTR</c>, 4).</summary>
    EINTR = 4,

    /// <summary>Input/output error (<c>EIO</c>, 5).</summary>
    EIO = 5,

    /// <summary>No such device or address (<c>ENXIO</c>, 6).</summary>
    ENXIO = 6,

    /// <summary>Argument list too long (<c>E2BIG</c>, 7).</summary>
    E2BIG = 7,

    /// <summary>Exec format error (<c>ENOEXEC</c>, 8).</summary>
    ENOEXEC = 8,

    /// <summary>Bad file descriptor (<c>EBADF</c>, 9).</summary>
    EBADF = 9,

    /// <summary>No child processes (<c>ECHILD</c>, 10).</summary>
    ECHILD = 10,

    /// <summary>Resource temporarily unavailable (<c>EAGAIN</c>, 11).</summary>
    EAGAIN = 11,

    /// <summary>Cannot allocate memory (<c>ENOMEM</c>, 12).</summary>
    ENOMEM = 12,

    /// <summary>Permission denied (<c>EACCES</c>, 13).</summary>
    EACCES = 13,

    /// <summary>Bad address (<c>EFAULT</c>, 14).</summary>
    EFAULT = 14,

    /// <summary>Block device required (<c>ENOTBLK</c>, 15).</summary>
    ENOTBLK = 15,

    /// <summary>Device or resource busy (<c>EBUSY</c>, 16).</summary>
    EBUSY = 16,

    /// <summary>File exists (<c>EEXIST</c>, 17).</summary>
    EEXIST = 17,

    /// <summary>Invalid cross-device link (<c>EXDEV</c>, 18).</summary>
    EXDEV = 18,

    /// <summary>No such device (<c>ENODEV</c>, 19).</summary>
    ENODEV = 19,

    /// <summary>Not a directory (<c>ENOTDIR</c>, 20).</summary>
    ENOTDIR = 20,

    /// <summary>Is a directory (<c>EISDIR</c>, 21).</summary>
    EISDIR = 21,

    /// <summary>Invalid argument (<c>EINVAL</c>, 22).</summary>
    EINVAL = 22,

    /// <summary>Too many open files in system (<c>ENFILE</c>, 23).</summary>
    ENFILE = 23,

    /// <summary>Too many open files (<c>EMFILE</c>, 24).</summary>
    EMFILE = 24,

    /// <summary>Inappropriate ioctl for device (<c>ENOTTY</c>, 25).</summary>
    ENOTTY = 25,

    /// <summary>Text file busy (<c>ETXTBSY</c>, 26).</summary>
    ETXTBSY = 26,

    /// <summary>File too large (<c>EFBIG</c>, 27).</summary>
    EFBIG = 27,

    /// <summary>No space left on device (<c>ENOSPC</c>, 28).</summary>
    ENOSPC = 28,

    /// <summary>Illegal seek (<c>ESPIPE</c>, 29).</summary>
    ESPIPE = 29,

    /// <summary>Read-only file system (<c>EROFS</c>, 30).</summary>
    EROFS = 30,

    /// <summary>Too many links (<c>EMLINK</c>, 31).</summary>
    EMLINK = 31,

    /// <summary>Broken pipe (<c>EPIPE</c>, 32).</summary>
    EPIPE = 32,

    /// <summary>Numerical argument out of domain (<c>EDOM</c>, 33).</summary>
    EDOM = 33,

    /// <summary>Numerical result out of range (<c>ERANGE</c>, 34).</summary>
    ERANGE = 34,

    /// <summary>Resource deadlock avoided (<c>EDEADLK</c>, 35).</summary>
    EDEADLK = 35,

    /// <summary>File name too long (<c>ENAMETOOLONG</c>, 36).</summary>
    ENAMETOOLONG = 36,

    /// <summary>No locks available (<c>ENOLCK</c>, 37).</summary>
    ENOLCK = 37,

    /// <summary>Function not implemented (<c>ENOSYS</c>, 38).</summary>
    ENOSYS = 38,

    /// <summary>Directory not empty (<c>ENOTEMPTY</c>, 39).</summary>
    ENOTEMPTY = 39,

    /// <summary>Too many levels of symbolic links (<c>ELOOP</c>, 40).</summary>
    ELOOP = 40,

    /// <summary>No message of desired type (<c>ENOMSG</c>, 42).</summary>
    ENOMSG = 42,

    /// <summary>Identifier removed (<c>EIDRM</c>, 43).</summary>
    EIDRM = 43,

    /// <summary>Channel number out of range (<c>ECHRNG</c>, 44).</summary>
    ECHRNG = 44,

    /// <summary>Level 2 not synchronized (<c>EL2NSYNC</c>, 45).</summary>
    EL2NSYNC = 45,

    /// <summary>Level 3 halted (<c>EL3HLT</c>, 46).</summary>
    EL3HLT = 46,

    /// <summary>Level 3 reset (<c>EL3RST</c>, 47).</summary>
    EL3RST = 47,

    /// <summary>Link number out of range (<c>ELNRNG</c>, 48).</summary>
    ELNRNG = 48,

    /// <summary>Protocol driver not attached (<c>EUNATCH</c>, 49).</summary>
    EUNATCH = 49,

    /// <summary>No CSI structure available (<c>ENOCSI</c>, 50).</summary>
    ENOCSI = 50,

    /// <summary>Level 2 halted (<c>EL2HLT</c>, 51).</summary>
    EL2HLT = 51,

    /// <summary>Invalid exchange (<c>EBADE</c>, 52).</summary>
    EBADE = 52,

    /// <summary>Invalid request descriptor (<c>EBADR</c>, 53).</summary>
    EBADR = 53,

    /// <summary>Exchange full (<c>EXFULL</c>, 54).</summary>
    EXFULL = 54,

    /// <summary>No anode (<c>ENOANO</c>, 55).</summary>
    ENOANO = 55,

    /// <summary>Invalid request code (<c>EBADRQC</c>, 56).</summary>
    EBADRQC = 56,

    /// <summary>Invalid slot (<c>EBADSLT</c>, 57).</summary>
    EBADSLT = 57,

    /// <summary>Bad font file format (<c>EBFONT</c>, 59).</summary>
    EBFONT = 59,

    /// <summary>Device not a stream (<c>ENOSTR</c>, 60).</summary>
    ENOSTR = 60,

    /// <summary>No data available (<c>ENODATA</c>, 61).</summary>
    ENODATA = 61,

    /// <summary>Timer expired (<c>ETIME</c>, 62).</summary>
    ETIME = 62,

    /// <summary>Out of streams resources (<c>ENOSR</c>, 63).</summary>
    ENOSR = 63,

    /// <summary>Machine is not on the network (<c>ENONET</c>, 64).</summary>
    ENONET = 64,

    /// <summary>Package not installed (<c>ENOPKG</c>, 65).</summary>
    ENOPKG = 65,

    /// <summary>Object is remote (<c>EREMOTE</c>, 66).</summary>
    EREMOTE = 66,

    /// <summary>Link has been severed (<c>ENOLINK</c>, 67).</summary>
    ENOLINK = 67,

    /// <summary>Advertise error (<c>EADV</c>, 68).</summary>
    EADV = 68,

    /// <summary>Srmount error (<c>ESRMNT</c>, 69).</summary>
    ESRMNT = 69,

    /// <summary>Communication error on send (<c>ECOMM</c>, 70).</summary>
    ECOMM = 70,

    /// <summary>Protocol error (<c>EPROTO</c>, 71).</summary>
    EPROTO = 71,

    /// <summary>Multihop attempted (<c>EMULTIHOP</c>, 72).</summary>
    EMULTIHOP = 72,

    /// <summary>RFS specific error (<c>EDOTDOT</c>, 73).</summary>
    EDOTDOT = 73,

    /// <summary>Bad message (<c>EBADMSG</c>, 74).</summary>
    EBADMSG = 74,

    /// <summary>Value too large for defined data type (<c>EOVERFLOW</c>, 75).</summary>
    EOVERFLOW = 75,

    /// <summary>Name not unique on network (<c>ENOTUNIQ</c>, 76).</summary>
    ENOTUNIQ = 76,

    /// <summary>File descriptor in bad state (<c>EBADFD</c>, 77).</summary>
    EBADFD = 77,

    /// <summary>Remote address changed (<c>EREMCHG</c>, 78).</summary>
    EREMCHG = 78,

    /// <summary>Can not access a needed shared library (<c>ELIBACC</c>, 79).</summary>
    ELIBACC = 79,

    /// <summary>Accessing a corrupted shared library (<c>ELIBBAD</c>, 80).</summary>
    ELIBBAD = 80,

    /// <summary>.lib section in a.out corrupted (<c>ELIBSCN</c>, 81).</summary>
    ELIBSCN = 81,

    /// <summary>Attempting to link in too many shared libraries (<c>ELIBMAX</c>, 82).</summary>
    ELIBMAX = 82,

    /// <summary>Cannot exec a shared library directly (<c>ELIBEXEC</c>, 83).</summary>
    ELIBEXEC = 83,

    /// <summary>Invalid or incomplete multibyte or wide character (<c>EILSEQ</c>, 84).</summary>
    EILSEQ = 84,

    /// <summary>Interrupted system call should be restarted (<c>ERESTART</c>, 85).</summary>
    ERESTART = 85,

    /// <summary>Streams pipe error (<c>ESTRPIPE</c>, 86).</summary>
    ESTRPIPE = 86,

    /// <summary>Too many users (<c>EUSERS</c>, 87).</summary>
    EUSERS = 87,

    /// <summary>Socket operation on non-socket (<c>ENOTSOCK</c>, 88).</summary>
    ENOTSOCK = 88,

    /// <summary>Destination address required (<c>EDESTADDRREQ</c>, 89).</summary>
    EDESTADDRREQ = 89,

    /// <summary>Message too long (<c>EMSGSIZE</c>, 90).</summary>
    EMSGSIZE = 90,

    /// <summary>Protocol wrong type for socket (<c>EPROTOTYPE</c>, 91).</summary>
    EPROTOTYPE = 91,

    /// <summary>Protocol not available (<c>ENOPROTOOPT</c>, 92).</summary>
    ENOPROTOOPT = 92,

    /// <summary>Protocol not supported (<c>EPROTONOSUPPORT</c>, 93).</summary>
    EPROTONOSUPPORT = 93,

    /// <summary>Socket type not supported (<c>ESOCKTNOSUPPORT</c>, 94).</summary>
    ESOCKTNOSUPPORT = 94,

    /// <summary>Operation not supported (<c>EOPNOTSUPP</c>, 95).</summary>
    EOPNOTSUPP = 95,

    /// <summary>Protocol family not supported (<c>EPFNOSUPPORT</c>, 96).</summary>
    EPFNOSUPPORT = 96,

    /// <summary>Address family not supported by protocol (<c>EAFNOSUPPORT</c>, 97).</summary>
    EAFNOSUPPORT = 97,

    /// <summary>Address already in use (<c>EADDRINUSE</c>, 98).</summary>
    EADDRINUSE = 98,

    /// <summary>Cannot assign requested address (<c>EADDRNOTAVAIL</c>, 99).</summary>
    EADDRNOTAVAIL = 99,

    /// <summary>Network is down (<c>ENETDOWN</c>, 100).</summary>
    ENETDOWN = 100,

    /// <summary>Network is unreachable (<c>ENETUNREACH</c>, 101).</summary>
    ENETUNREACH = 101,

    /// <summary>Network dropped connection on reset (<c>ENETRESET</c>, 102).</summary>
    ENETRESET = 102,

    /// <summary>Software caused connection abort (<c>ECONNABORTED</c>, 103).</summary>
    ECONNABORTED = 103,

    /// <summary>Connection reset by peer (<c>ECONNRESET</c>, 104).</summary>
    ECONNRESET = 104,

    /// <summary>No buffer space available (<c>ENOBUFS</c>, 105).</summary>
    ENOBUFS = 105,

    /// <summary>Transport endpoint is already connected (<c>EISCONN</c>, 106).</summary>
    EISCONN = 106,

    /// <summary>Transport endpoint is not connected (<c>ENOTCONN</c>, 107).</summary>
    ENOTCONN = 107,

    /// <summary>Cannot send after transport endpoint shutdown (<c>ESHUTDOWN</c>, 108).</summary>
    ESHUTDOWN = 108,

    /// <summary>Too many references: cannot splice (<c>ETOOMANYREFS</c>, 109).</summary>
    ETOOMANYREFS = 109,

    /// <summary>Connection timed out (<c>ETIMEDOUT</c>, 110).</summary>
    ETIMEDOUT = 110,

    /// <summary>Connection refused (<c>ECONNREFUSED</c>, 111).</summary>
    ECONNREFUSED = 111,

    /// <summary>Host is down (<c>EHOSTDOWN</c>, 112).</summary>
    EHOSTDOWN = 112,

    /// <summary>No route to host (<c>EHOSTUNREACH</c>, 113).</summary>
    EHOSTUNREACH = 113,

    /// <summary>Operation already in progress (<c>EALREADY</c>, 114).</summary>
    EALREADY = 114,

    /// <summary>Operation now in progress (<c>EINPROGRESS</c>, 115).</summary>
    EINPROGRESS = 115,

    /// <summary>Stale file handle (<c>ESTALE</c>, 116).</summary>
    ESTALE = 116,

    /// <summary>Structure needs cleaning (<c>EUCLEAN</c>, 117).</summary>
    EUCLEAN = 117,

    /// <summary>Not a XENIX named type file (<c>ENOTNAM</c>, 118).</summary>
    ENOTNAM = 118,

    /// <summary>No XENIX semaphores available (<c>ENAVAIL</c>, 119).</summary>
    ENAVAIL = 119,

    /// <summary>Is a named type file (<c>EISNAM</c>, 120).</summary>
    EISNAM = 120,

    /// <summary>Remote I/O error (<c>EREMOTEIO</c>, 121).</summary>
    EREMOTEIO = 121,

    /// <summary>Disk quota exceeded (<c>EDQUOT</c>, 122).</summary>
    EDQUOT = 122,

    /// <summary>No medium found (<c>ENOMEDIUM</c>, 123).</summary>
    ENOMEDIUM = 123,

    /// <summary>Wrong medium type (<c>EMEDIUMTYPE</c>, 124).</summary>
    EMEDIUMTYPE = 124,

    /// <summary>Operation canceled (<c>ECANCELED</c>, 125).</summary>
    ECANCELED = 125,

    /// <summary>Required key not available (<c>ENOKEY</c>, 126).</summary>
    ENOKEY = 126,

    /// <summary>Key has expired (<c>EKEYEXPIRED</c>, 127).</summary>
    EKEYEXPIRED = 127,

    /// <summary>Key has been revoked (<c>EKEYREVOKED</c>, 128).</summary>
    EKEYREVOKED = 128,

    /// <summary>Key was rejected by service (<c>EKEYREJECTED</c>, 129).</summary>
    EKEYREJECTED = 129,

    /// <summary>Owner died (<c>EOWNERDEAD</c>, 130).</summary>
    EOWNERDEAD = 130,

    /// <summary>State not recoverable (<c>ENOTRECOVERABLE</c>, 131).</summary>
    ENOTRECOVERABLE = 131,

    /// <summary>Operation not possible due to RF-kill (<c>ERFKILL</c>, 132).</summary>
    ERFKILL = 132,

    /// <summary>Memory page has hardware error (<c>EHWPOISON</c>, 133).</summary>
    EHWPOISON = 133,
}
