using System.Runtime.Versioning;

// The transport runs on the io_uring engine, which exists only on Linux; the platform analyzer (CA1416) tells callers
// on other platforms. Where a Linux kernel refuses io_uring, the factory falls back to Kestrel's Sockets transport.
[assembly: SupportedOSPlatform("linux")]
