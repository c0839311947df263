using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Multishot accept: one completion per connection while CqeFlags.More is set.</summary>
/// <remarks>
/// Available since Linux 5.19.
/// No peer address is returned: use getpeername(2) on the new socket.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_multishot_accept.3.html"/>
public struct AcceptMulti
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Accept;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    public AcceptMulti(FileTarget fd)
    {
        Fd = fd;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>SOCK_NONBLOCK / SOCK_CLOEXEC.</summary>
    public int Flags { get; set; }

    /// <summary>Accepted sockets become auto-allocated direct descriptors.</summary>
    public bool AllocateFileIndex { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.ioprio = (ushort)IORING_ACCEPT_MULTISHOT;
        sqe.accept_flags = (uint)Flags;
        if (AllocateFileIndex)
        {
            sqe.file_index = IORING_FILE_INDEX_ALLOC;
        }

        return entry;
    }
}
