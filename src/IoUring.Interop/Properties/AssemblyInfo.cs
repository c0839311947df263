using System.Runtime.Versioning;

// io_uring is a Linux system call interface: the platform analyzer (CA1416) warns callers on other platforms.
[assembly: SupportedOSPlatform("linux")]
