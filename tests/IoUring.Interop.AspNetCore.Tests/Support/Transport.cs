namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>Which Kestrel transport a test server runs on.</summary>
public enum Transport
{
    /// <summary>This repository's io_uring transport (the test skips if the kernel refuses io_uring).</summary>
    IoUring,

    /// <summary>The io_uring transport with <see cref="IoUringTransportOptions.MultishotReceive"/> on.</summary>
    IoUringMultishot,

    /// <summary>Kestrel's default Sockets transport, the reference behaviour.</summary>
    Sockets,
}
