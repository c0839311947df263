using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Receives bytes from a socket, like <c>recv(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// <para><b>Safety:</b> the kernel writes the buffer after submission: it must stay valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/recv.2.html"/>
public unsafe struct Recv
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Recv;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="buffer">Destination; null when <see cref="BufferGroup"/> is set.</param>
    /// <param name="length">Buffer size.</param>
    public Recv(FileTarget fd, byte* buffer, uint length)
    {
        Fd = fd;
        Buffer = buffer;
        Length = length;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Destination; null when <see cref="BufferGroup"/> is set.</summary>
    public byte* Buffer { get; set; }

    /// <summary>Buffer size.</summary>
    public uint Length { get; set; }

    /// <summary>MSG_* flags.</summary>
    public int Flags { get; set; }

    /// <summary>io_uring recv flags (IORING_RECVSEND_POLL_FIRST...).</summary>
    public RecvSendFlags IoUringFlags { get; set; }

    /// <summary>When set, the kernel picks a provided buffer from this group.</summary>
    public ushort? BufferGroup { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.Transfer(Code, Fd, Buffer, Length, Flags, (uint)IoUringFlags);
        EntryStart.SelectBuffer(ref entry, BufferGroup);
        return entry;
    }
}
