using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Creates a pipe, like <c>pipe2(2)</c>; with <see cref="FileIndex"/> both ends become direct descriptors.</summary>
/// <remarks>
/// Available since Linux 6.16.
/// <para><b>Safety:</b> the kernel writes the two ints after submission; the array must stay valid until completion.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/pipe2.2.html"/>
public unsafe struct Pipe
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Pipe;

    /// <summary>Creates the builder.</summary>
    /// <param name="fds">Receives the two fds (or slots): read end, then write end.</param>
    public Pipe(int* fds)
    {
        Fds = fds;
    }

    /// <summary>Receives the two fds (or slots): read end, then write end.</summary>
    public int* Fds { get; set; }

    /// <summary>O_CLOEXEC, O_NONBLOCK, O_DIRECT.</summary>
    public int Flags { get; set; }

    /// <summary>Direct-descriptor slot for the read end (the write end takes the next), or DestinationSlot.Auto.</summary>
    public DestinationSlot? FileIndex { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.fd = 0;
        sqe.addr = (ulong)Fds;
        sqe.pipe_flags = (uint)Flags;
        if (FileIndex is DestinationSlot slot)
        {
            sqe.file_index = slot.FileIndex;
        }

        return entry;
    }
}
