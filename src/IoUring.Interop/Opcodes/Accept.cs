using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Accepts a connection, like <c>accept4(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.5.
/// <para><b>Safety:</b> the kernel writes the address and its length after submission.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/accept4.2.html"/>
public unsafe struct Accept
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Accept;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="address">Receives the peer address, or null.</param>
    /// <param name="addressLength">In: size of the address buffer; out: the address length. Null when Address is null.</param>
    public Accept(FileTarget fd, void* address, uint* addressLength)
    {
        Fd = fd;
        Address = address;
        AddressLength = addressLength;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Receives the peer address, or null.</summary>
    public void* Address { get; set; }

    /// <summary>In: size of the address buffer; out: the address length. Null when Address is null.</summary>
    public uint* AddressLength { get; set; }

    /// <summary>SOCK_NONBLOCK / SOCK_CLOEXEC.</summary>
    public int Flags { get; set; }

    /// <summary>IORING_ACCEPT_DONTWAIT / IORING_ACCEPT_POLL_FIRST.</summary>
    public AcceptFlags IoUringFlags { get; set; }

    /// <summary>When set, the accepted socket becomes a direct descriptor in this slot.</summary>
    public DestinationSlot? FileIndex { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)Address;
        sqe.addr2 = (ulong)AddressLength;
        sqe.accept_flags = (uint)Flags;
        EntryStart.OrIoPrio(ref entry, (uint)IoUringFlags);
        if (FileIndex is DestinationSlot slot)
        {
            sqe.file_index = slot.FileIndex;
        }

        return entry;
    }
}
