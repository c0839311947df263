using System;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>
/// Parses the buffer a multishot RecvMsg fills: an <c>io_uring_recvmsg_out</c> header, then the name
/// area, then the control area (each as large as the msghdr given at submission said), then the payload.
/// </summary>
/// <remarks>Available since Linux 6.0.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_recvmsg_out.3.html"/>
public readonly ref struct RecvMsgOut
{
    // recvmsg(2): MSG_TRUNC says the datagram was longer than the buffer, MSG_CTRUNC the control data.
    private const uint MsgTrunc = 0x20;
    private const uint MsgCtrunc = 0x08;

    private RecvMsgOut(io_uring_recvmsg_out header, ReadOnlySpan<byte> name, ReadOnlySpan<byte> control, ReadOnlySpan<byte> payload, bool nameTruncated)
    {
        Header = header;
        Name = name;
        ControlData = control;
        Payload = payload;
        IsNameTruncated = nameTruncated;
    }

    /// <summary>The raw header.</summary>
    public io_uring_recvmsg_out Header { get; }

    /// <summary>The source address, cut to the name area's size.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>Ancillary data, cut to the control area's size.</summary>
    public ReadOnlySpan<byte> ControlData { get; }

    /// <summary>The received bytes that fit in the buffer.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The source address was longer than the name area.</summary>
    public bool IsNameTruncated { get; }

    /// <summary>The control data did not fit (MSG_CTRUNC).</summary>
    public bool IsControlDataTruncated => (Header.flags & MsgCtrunc) != 0;

    /// <summary>The datagram was longer than the payload area (MSG_TRUNC): the rest of it is lost.</summary>
    public bool IsPayloadTruncated => (Header.flags & MsgTrunc) != 0;

    /// <summary>The payload length the kernel reported: the bytes it copied, at most the payload area.</summary>
    public uint IncomingPayloadLength => Header.payloadlen;

    /// <summary>The MSG_* flags of the message.</summary>
    public uint Flags => Header.flags;

    /// <summary>Parses <paramref name="buffer"/> (the provided buffer a completion names, cut to the completion's result).</summary>
    /// <param name="buffer">Bytes the kernel wrote.</param>
    /// <param name="msg">The msghdr given to RecvMsgMulti: only its name and control lengths matter.</param>
    /// <param name="result">The parsed view.</param>
    /// <returns>False when the buffer is too short for the header and the two areas.</returns>
    public static bool TryParse(ReadOnlySpan<byte> buffer, in MsgHdr msg, out RecvMsgOut result)
    {
        int headerSize = Marshal.SizeOf<io_uring_recvmsg_out>();
        ulong nameArea = msg.NameLength;
        ulong controlArea = msg.ControlLength;
        if ((ulong)buffer.Length < (ulong)headerSize + nameArea + controlArea)
        {
            result = default;
            return false;
        }

        io_uring_recvmsg_out header = MemoryMarshal.Read<io_uring_recvmsg_out>(buffer);
        int nameStart = headerSize;
        int controlStart = nameStart + (int)nameArea;
        int payloadStart = controlStart + (int)controlArea;
        ReadOnlySpan<byte> name = buffer.Slice(nameStart, (int)Math.Min(header.namelen, nameArea));
        ReadOnlySpan<byte> control = buffer.Slice(controlStart, (int)Math.Min(header.controllen, controlArea));
        ReadOnlySpan<byte> payload = buffer.Slice(payloadStart, (int)Math.Min(header.payloadlen, (ulong)(buffer.Length - payloadStart)));
        result = new RecvMsgOut(header, name, control, payload, header.namelen > nameArea);
        return true;
    }
}
