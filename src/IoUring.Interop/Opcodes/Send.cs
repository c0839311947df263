using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Sends bytes on a socket, like <c>send(2)</c>, or <c>sendto(2)</c> with <see cref="DestinationAddress"/>.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// <para><b>Safety:</b> the kernel reads the buffer (and destination address) after submission: they must stay valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/send.2.html"/>
public unsafe struct Send
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Send;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="buffer">Bytes to send.</param>
    /// <param name="length">Byte count.</param>
    public Send(FileTarget fd, byte* buffer, uint length)
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

    /// <summary>io_uring send flags (IORING_RECVSEND_POLL_FIRST...).</summary>
    public RecvSendFlags IoUringFlags { get; set; }

    /// <summary>sendto(2) address, or null (Linux 6.6).</summary>
    public void* DestinationAddress { get; set; }

    /// <summary>Its length.</summary>
    public ushort DestinationAddressLength { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.Transfer(Code, Fd, Buffer, Length, Flags, (uint)IoUringFlags);
        EntryStart.Destination(ref entry, DestinationAddress, DestinationAddressLength);
        return entry;
    }
}
