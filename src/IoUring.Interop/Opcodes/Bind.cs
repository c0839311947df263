using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Binds a socket to an address, like <c>bind(2)</c>.</summary>
/// <remarks>
/// Available since Linux 6.11.
/// <para><b>Safety:</b> the address must stay valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/bind.2.html"/>
public unsafe struct Bind
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Bind;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="address">The sockaddr.</param>
    /// <param name="addressLength">Its length.</param>
    public Bind(FileTarget fd, void* address, uint addressLength)
    {
        Fd = fd;
        Address = address;
        AddressLength = addressLength;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>The sockaddr.</summary>
    public void* Address { get; set; }

    /// <summary>Its length.</summary>
    public uint AddressLength { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.SocketAddress(Code, Fd, Address, AddressLength);
}
