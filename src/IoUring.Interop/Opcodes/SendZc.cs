using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Zero-copy send: completes once with the result (CqeFlags.More set), then posts a notification (CqeFlags.Notif) when the buffer is free again.</summary>
/// <remarks>
/// Available since Linux 6.0.
/// <para><b>Safety:</b> the buffer must stay untouched until the notification completion, not only the first one.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_send_zc.3.html"/>
public unsafe struct SendZc
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.SendZc;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="buffer">Bytes to send.</param>
    /// <param name="length">Byte count.</param>
    public SendZc(FileTarget fd, byte* buffer, uint length)
    {
        Fd = fd;
        Buffer = buffer;
        Length = length;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Bytes to send.</summary>
    public byte* Buffer { get; set; }

    /// <summary>Byte count.</summary>
    public uint Length { get; set; }

    /// <summary>MSG_* flags.</summary>
    public int Flags { get; set; }

    /// <summary>IORING_RECVSEND_POLL_FIRST / IORING_SEND_ZC_REPORT_USAGE.</summary>
    public RecvSendFlags ZcFlags { get; set; }

    /// <summary>Registered buffer the bytes lie in (sets IORING_RECVSEND_FIXED_BUF).</summary>
    public ushort? BufferIndex { get; set; }

    /// <summary>sendto(2) address, or null.</summary>
    public void* DestinationAddress { get; set; }

    /// <summary>Its length.</summary>
    public ushort DestinationAddressLength { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.Transfer(Code, Fd, Buffer, Length, Flags, (uint)ZcFlags);
        if (BufferIndex is ushort index)
        {
            EntryStart.OrIoPrio(ref entry, IORING_RECVSEND_FIXED_BUF);
            entry.Sqe.buf_index = index;
        }

        EntryStart.Destination(ref entry, DestinationAddress, DestinationAddressLength);
        return entry;
    }
}
