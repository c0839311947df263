using IoUring.Interop.Native;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Enables NAPI busy polling with the settings in <paramref name="napi"/>, which the kernel overwrites with the settings in force before the call.</summary>
    /// <remarks>Available since Linux 6.9 (static tracking since 6.13).</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_napi.3.html"/>
    public void RegisterNapi(ref Napi napi)
    {
        ThrowIfDisposed();
        napi.Native.opcode = (byte)io_uring_napi_op.IO_URING_NAPI_REGISTER_OP;
        int result;
        do result = Syscalls.RegisterNapi(EnterFd, ref napi.Native, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_NAPI));
    }

    /// <summary>Disables NAPI busy polling; the kernel writes the settings that were in force into <paramref name="napi"/>.</summary>
    /// <remarks>Available since Linux 6.9.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_unregister_napi.3.html"/>
    public void UnregisterNapi(ref Napi napi)
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.UnregisterNapi(EnterFd, ref napi.Native, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_UNREGISTER_NAPI));
    }

    /// <summary>Adds a NAPI id to the ring's busy-poll list; the ring must use <see cref="NapiTracking.Static"/>.</summary>
    /// <remarks>Available since Linux 6.13.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_napi.3.html"/>
    public void RegisterNapiAddId(uint napiId) => NapiStatic(io_uring_napi_op.IO_URING_NAPI_STATIC_ADD_ID, napiId);

    /// <summary>Removes a NAPI id from the ring's busy-poll list; the ring must use <see cref="NapiTracking.Static"/>.</summary>
    /// <remarks>Available since Linux 6.13.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_napi.3.html"/>
    public void RegisterNapiDelId(uint napiId) => NapiStatic(io_uring_napi_op.IO_URING_NAPI_STATIC_DEL_ID, napiId);

    private void NapiStatic(io_uring_napi_op op, uint napiId)
    {
        ThrowIfDisposed();
        var napi = new io_uring_napi { opcode = (byte)op, op_param = napiId };
        int result;
        do result = Syscalls.RegisterNapi(EnterFd, ref napi, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_NAPI));
    }
}
