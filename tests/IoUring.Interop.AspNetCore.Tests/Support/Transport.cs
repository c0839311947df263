namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>Which Kestrel transport a test server runs on.</summary>
public enum Transport
{
    /// <summary>This repository's io_uring transport (the test skips if the kernel refuses io_uring).</summary>
    IoUring,

    /// <summary>Kestrel's default Sockets transport, the reference behaviour.</summary>
    Sockets,
}
