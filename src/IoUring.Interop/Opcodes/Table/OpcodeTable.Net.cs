using IoUring.Interop.Native;
using IoUring.Interop.SourceGeneration;

namespace IoUring.Interop.Opcodes;

// The opcode table (sockets): one [OpcodeBuilder] row per builder and one [OpcodeField] row per field, with the
// io_uring_sqe slot the kernel reads it from (io_uring/*.c prep functions). generator/IoUring.SourceGen/Opcodes writes
// the builder structs from it; Encode names a shared encoder (EntryStart.*), CustomBuild means the builder's own file
// holds Build().
[OpcodeBuilder("Accept", nameof(io_uring_op.IORING_OP_ACCEPT), "5.5",
    "Accepts a connection, like <c>accept4(2)</c>.",
    Man = "man2/accept4.2", Liburing = "io_uring_prep_accept, io_uring_prep_accept_direct", Safety = "the kernel writes the address and its length after submission.")]
[OpcodeField("Accept", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true, Slot = "fd")]
[OpcodeField("Accept", "Address", typeof(void*), "Receives the peer address, or null.", Required = true, Slot = "addr")]
[OpcodeField("Accept", "AddressLength", typeof(uint*), "In: size of the address buffer; out: the address length. Null when Address is null.", Required = true, Slot = "addr2")]
[OpcodeField("Accept", "Flags", typeof(int), "SOCK_NONBLOCK / SOCK_CLOEXEC.", Slot = "accept_flags")]
[OpcodeField("Accept", "IoUringFlags", typeof(AcceptFlags), "IORING_ACCEPT_DONTWAIT / IORING_ACCEPT_POLL_FIRST.", Slot = "ioprio|")]
[OpcodeField("Accept", "FileIndex", typeof(DestinationSlot?), "When set, the accepted socket becomes a direct descriptor in this slot.", Slot = "file_index")]

[OpcodeBuilder("AcceptMulti", nameof(io_uring_op.IORING_OP_ACCEPT), "5.19",
    "Multishot accept: one completion per connection while CqeFlags.More is set.",
    Man = "man3/io_uring_prep_multishot_accept.3", Liburing = "io_uring_prep_multishot_accept, io_uring_prep_multishot_accept_direct", Remarks = "No peer address is returned: use getpeername(2) on the new socket.", CustomBuild = true)]
[OpcodeField("AcceptMulti", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("AcceptMulti", "Flags", typeof(int), "SOCK_NONBLOCK / SOCK_CLOEXEC.")]
[OpcodeField("AcceptMulti", "AllocateFileIndex", typeof(bool), "Accepted sockets become auto-allocated direct descriptors.")]

[OpcodeBuilder("Connect", nameof(io_uring_op.IORING_OP_CONNECT), "5.5",
    "Connects a socket, like <c>connect(2)</c>.",
    Man = "man2/connect.2", Liburing = "io_uring_prep_connect", Safety = "the kernel may read the address after submission.", Encode = "EntryStart.SocketAddress(Code, Fd, Address, AddressLength)")]
[OpcodeField("Connect", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("Connect", "Address", typeof(void*), "The sockaddr.", Required = true)]
[OpcodeField("Connect", "AddressLength", typeof(uint), "Its length.", Required = true)]

[OpcodeBuilder("Bind", nameof(io_uring_op.IORING_OP_BIND), "6.11",
    "Binds a socket to an address, like <c>bind(2)</c>.",
    Man = "man2/bind.2", Liburing = "io_uring_prep_bind", Safety = "the address must stay valid until the completion arrives.", Encode = "EntryStart.SocketAddress(Code, Fd, Address, AddressLength)")]
[OpcodeField("Bind", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("Bind", "Address", typeof(void*), "The sockaddr.", Required = true)]
[OpcodeField("Bind", "AddressLength", typeof(uint), "Its length.", Required = true)]

[OpcodeBuilder("Listen", nameof(io_uring_op.IORING_OP_LISTEN), "6.11",
    "Marks a socket as listening, like <c>listen(2)</c>.",
    Man = "man2/listen.2", Liburing = "io_uring_prep_listen")]
[OpcodeField("Listen", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true, Slot = "fd")]
[OpcodeField("Listen", "Backlog", typeof(int), "Pending-connection queue length.", Required = true, Slot = "len")]

// CreateSocket: socket(2)'s three arguments travel in sqe->fd, sqe->off and sqe->len.
[OpcodeBuilder("CreateSocket", nameof(io_uring_op.IORING_OP_SOCKET), "5.19",
    "Creates a socket, like <c>socket(2)</c>; the result is the fd (or the slot with <see cref=\"FileIndex\"/>).",
    Man = "man2/socket.2", Rust = "Socket", Liburing = "io_uring_prep_socket, io_uring_prep_socket_direct")]
[OpcodeField("CreateSocket", "Domain", typeof(int), "AF_* family.", Required = true, Slot = "fd")]
[OpcodeField("CreateSocket", "Type", typeof(int), "SOCK_* type, optionally ORed with SOCK_NONBLOCK/SOCK_CLOEXEC.", Required = true, Slot = "off", Value = "(ulong)(uint)Type")]
[OpcodeField("CreateSocket", "Protocol", typeof(int), "Protocol, usually 0.", Required = true, Slot = "len")]
[OpcodeField("CreateSocket", "FileIndex", typeof(DestinationSlot?), "When set, the socket becomes a direct descriptor in this slot.", Slot = "file_index")]

[OpcodeBuilder("Shutdown", nameof(io_uring_op.IORING_OP_SHUTDOWN), "5.11",
    "Shuts down part of a connection, like <c>shutdown(2)</c>.",
    Man = "man2/shutdown.2", Liburing = "io_uring_prep_shutdown")]
[OpcodeField("Shutdown", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true, Slot = "fd")]
[OpcodeField("Shutdown", "How", typeof(int), "SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2).", Required = true, Slot = "len")]

[OpcodeBuilder("Send", nameof(io_uring_op.IORING_OP_SEND), "5.6",
    "Sends bytes on a socket, like <c>send(2)</c>, or <c>sendto(2)</c> with <see cref=\"DestinationAddress\"/>.",
    Man = "man2/send.2", Liburing = "io_uring_prep_send, io_uring_prep_sendto", Safety = "the kernel reads the buffer (and destination address) after submission: they must stay valid until the completion arrives.", CustomBuild = true)]
[OpcodeField("Send", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("Send", "Buffer", typeof(byte*), "Bytes to send.", Required = true, SpanLength = "Length", ReadOnly = true)]
[OpcodeField("Send", "Length", typeof(uint), "Byte count.", Required = true)]
[OpcodeField("Send", "Flags", typeof(int), "MSG_* flags.")]
[OpcodeField("Send", "IoUringFlags", typeof(RecvSendFlags), "io_uring send flags (IORING_RECVSEND_POLL_FIRST...).")]
[OpcodeField("Send", "DestinationAddress", typeof(void*), "sendto(2) address, or null (Linux 6.6).")]
[OpcodeField("Send", "DestinationAddressLength", typeof(ushort), "Its length.")]

[OpcodeBuilder("SendBundle", nameof(io_uring_op.IORING_OP_SEND), "6.10",
    "Bundled send: sends as many consecutive buffers of a provided-buffer group as are ready, in one request.",
    Man = "man3/io_uring_prep_send_bundle.3", Liburing = "io_uring_prep_send_bundle", Remarks = "Check Features for IORING_FEAT_RECVSEND_BUNDLE; the completion names the first buffer id and its result is the byte count.", Encode = "EntryStart.SelectedTransfer(Code, Fd, Length, Flags, IORING_RECVSEND_BUNDLE, BufferGroup)")]
[OpcodeField("SendBundle", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("SendBundle", "BufferGroup", typeof(ushort), "Provided-buffer group holding the data to send.", Required = true)]
[OpcodeField("SendBundle", "Flags", typeof(int), "MSG_* flags.")]
[OpcodeField("SendBundle", "Length", typeof(uint), "Most bytes to send; 0 means all queued buffers.")]

[OpcodeBuilder("SendZc", nameof(io_uring_op.IORING_OP_SEND_ZC), "6.0",
    "Zero-copy send: completes once with the result (CqeFlags.More set), then posts a notification (CqeFlags.Notif) when the buffer is free again.",
    Man = "man3/io_uring_prep_send_zc.3", Liburing = "io_uring_prep_send_zc, io_uring_prep_send_zc_fixed", Safety = "the buffer must stay untouched until the notification completion, not only the first one.", CustomBuild = true)]
[OpcodeField("SendZc", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("SendZc", "Buffer", typeof(byte*), "Bytes to send.", Required = true, SpanLength = "Length", ReadOnly = true)]
[OpcodeField("SendZc", "Length", typeof(uint), "Byte count.", Required = true)]
[OpcodeField("SendZc", "Flags", typeof(int), "MSG_* flags.")]
[OpcodeField("SendZc", "ZcFlags", typeof(RecvSendFlags), "IORING_RECVSEND_POLL_FIRST / IORING_SEND_ZC_REPORT_USAGE.")]
[OpcodeField("SendZc", "BufferIndex", typeof(ushort?), "Registered buffer the bytes lie in (sets IORING_RECVSEND_FIXED_BUF).")]
[OpcodeField("SendZc", "DestinationAddress", typeof(void*), "sendto(2) address, or null.")]
[OpcodeField("SendZc", "DestinationAddressLength", typeof(ushort), "Its length.")]

[OpcodeBuilder("SendMsg", nameof(io_uring_op.IORING_OP_SENDMSG), "5.3",
    "Sends a message on a socket, like <c>sendmsg(2)</c>.",
    Man = "man2/sendmsg.2", Liburing = "io_uring_prep_sendmsg", Safety = "the kernel reads the msghdr, its iovecs, name and control buffers (and for receives writes them) after submission: all must stay valid until the completion arrives.", Encode = "EntryStart.Message(Code, Fd, Message, (ushort)IoPrio, Flags)")]
[OpcodeField("SendMsg", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("SendMsg", "Message", typeof(MsgHdr*), "The message header.", Required = true)]
[OpcodeField("SendMsg", "IoPrio", typeof(RecvSendFlags), "io_uring send flags (IORING_RECVSEND_POLL_FIRST...).")]
[OpcodeField("SendMsg", "Flags", typeof(uint), "MSG_* flags.")]

[OpcodeBuilder("SendMsgZc", nameof(io_uring_op.IORING_OP_SENDMSG_ZC), "6.1",
    "Zero-copy <c>sendmsg(2)</c>: completes once with the result (CqeFlags.More set), then posts a notification (CqeFlags.Notif) when the kernel no longer needs the buffers.",
    Man = "man3/io_uring_prep_sendmsg_zc.3", Liburing = "io_uring_prep_sendmsg_zc", Safety = "the data buffers must stay untouched until the notification completion, not only the first one; the kernel reads the msghdr, its iovecs, name and control buffers (and for receives writes them) after submission: all must stay valid until the completion arrives.", Encode = "EntryStart.Message(Code, Fd, Message, (ushort)IoPrio, Flags)")]
[OpcodeField("SendMsgZc", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("SendMsgZc", "Message", typeof(MsgHdr*), "The message header.", Required = true)]
[OpcodeField("SendMsgZc", "IoPrio", typeof(RecvSendFlags), "io_uring send flags (IORING_RECVSEND_POLL_FIRST, IORING_SEND_ZC_REPORT_USAGE...).")]
[OpcodeField("SendMsgZc", "Flags", typeof(uint), "MSG_* flags.")]

[OpcodeBuilder("Recv", nameof(io_uring_op.IORING_OP_RECV), "5.6",
    "Receives bytes from a socket, like <c>recv(2)</c>.",
    Man = "man2/recv.2", Liburing = "io_uring_prep_recv", Safety = "the kernel writes the buffer after submission: it must stay valid until the completion arrives.", CustomBuild = true)]
[OpcodeField("Recv", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("Recv", "Buffer", typeof(byte*), "Destination; null when <see cref=\"BufferGroup\"/> is set.", Required = true, SpanLength = "Length")]
[OpcodeField("Recv", "Length", typeof(uint), "Buffer size.", Required = true)]
[OpcodeField("Recv", "Flags", typeof(int), "MSG_* flags.")]
[OpcodeField("Recv", "IoUringFlags", typeof(RecvSendFlags), "io_uring recv flags (IORING_RECVSEND_POLL_FIRST...).")]
[OpcodeField("Recv", "BufferGroup", typeof(ushort?), "When set, the kernel picks a provided buffer from this group.")]

[OpcodeBuilder("RecvBundle", nameof(io_uring_op.IORING_OP_RECV), "6.10",
    "Bundled recv: fills as many consecutive provided buffers as the data needs, in one completion (first buffer id in the flags, byte count in the result).",
    Man = "man3/io_uring_prep_recv.3", Liburing = "io_uring_prep_recv with IORING_RECVSEND_BUNDLE", Encode = "EntryStart.SelectedTransfer(Code, Fd, Length, Flags, IORING_RECVSEND_BUNDLE, BufferGroup)")]
[OpcodeField("RecvBundle", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("RecvBundle", "BufferGroup", typeof(ushort), "Provided-buffer group.", Required = true)]
[OpcodeField("RecvBundle", "Flags", typeof(int), "MSG_* flags.")]
[OpcodeField("RecvBundle", "Length", typeof(uint), "Most bytes per completion; 0 means the whole buffer(s).")]

[OpcodeBuilder("RecvMulti", nameof(io_uring_op.IORING_OP_RECV), "6.0",
    "Multishot recv: one completion per chunk received, each in a buffer from the group, while CqeFlags.More is set.",
    Man = "man3/io_uring_prep_recv_multishot.3", Liburing = "io_uring_prep_recv_multishot", Encode = "EntryStart.SelectedTransfer(Code, Fd, Length, Flags, IORING_RECV_MULTISHOT, BufferGroup)")]
[OpcodeField("RecvMulti", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("RecvMulti", "BufferGroup", typeof(ushort), "Provided-buffer group.", Required = true)]
[OpcodeField("RecvMulti", "Flags", typeof(int), "MSG_* flags.")]
[OpcodeField("RecvMulti", "Length", typeof(uint), "Most bytes per completion; 0 means the whole buffer(s).")]

[OpcodeBuilder("RecvMultiBundle", nameof(io_uring_op.IORING_OP_RECV), "6.10",
    "Multishot bundled recv: each completion covers as many consecutive provided buffers as were filled.",
    Man = "man3/io_uring_prep_recv_multishot.3", Liburing = "io_uring_prep_recv_multishot with IORING_RECVSEND_BUNDLE", Encode = "EntryStart.SelectedTransfer(Code, Fd, Length, Flags, IORING_RECV_MULTISHOT | IORING_RECVSEND_BUNDLE, BufferGroup)")]
[OpcodeField("RecvMultiBundle", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("RecvMultiBundle", "BufferGroup", typeof(ushort), "Provided-buffer group.", Required = true)]
[OpcodeField("RecvMultiBundle", "Flags", typeof(int), "MSG_* flags.")]
[OpcodeField("RecvMultiBundle", "Length", typeof(uint), "Most bytes per completion; 0 means the whole buffer(s).")]

[OpcodeBuilder("RecvMsg", nameof(io_uring_op.IORING_OP_RECVMSG), "5.3",
    "Receives a message from a socket, like <c>recvmsg(2)</c>.",
    Man = "man2/recvmsg.2", Liburing = "io_uring_prep_recvmsg", Safety = "the kernel reads the msghdr, its iovecs, name and control buffers (and for receives writes them) after submission: all must stay valid until the completion arrives.", CustomBuild = true)]
[OpcodeField("RecvMsg", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("RecvMsg", "Message", typeof(MsgHdr*), "The message header.", Required = true)]
[OpcodeField("RecvMsg", "IoPrio", typeof(RecvSendFlags), "io_uring recv flags (IORING_RECVSEND_POLL_FIRST...).")]
[OpcodeField("RecvMsg", "Flags", typeof(uint), "MSG_* flags.")]
[OpcodeField("RecvMsg", "BufferGroup", typeof(ushort?), "When set, the payload goes to a buffer from this provided-buffer group.")]

[OpcodeBuilder("RecvMsgMulti", nameof(io_uring_op.IORING_OP_RECVMSG), "6.0",
    "Multishot <c>recvmsg(2)</c>: one completion per message, each in a provided buffer laid out as RecvMsgOut parses it.",
    Man = "man3/io_uring_prep_recvmsg_multishot.3", Liburing = "io_uring_prep_recvmsg_multishot", Safety = "the template msghdr must stay valid until the request ends (a completion without CqeFlags.More).", CustomBuild = true)]
[OpcodeField("RecvMsgMulti", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("RecvMsgMulti", "Message", typeof(MsgHdr*), "Template header: only its name and control lengths are read (they size the areas in each buffer).", Required = true)]
[OpcodeField("RecvMsgMulti", "BufferGroup", typeof(ushort), "Provided-buffer group.", Required = true)]
[OpcodeField("RecvMsgMulti", "IoPrio", typeof(RecvSendFlags), "Further io_uring recv flags.")]
[OpcodeField("RecvMsgMulti", "Flags", typeof(uint), "MSG_* flags.")]

[OpcodeBuilder("RecvZc", nameof(io_uring_op.IORING_OP_RECV_ZC), "6.15",
    "Zero-copy receive into a registered zcrx interface queue (Submitter.RegisterIfq); always multishot.",
    Man = "man3/io_uring_prep_recv_zc.3", CustomBuild = true)]
[OpcodeField("RecvZc", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("RecvZc", "Length", typeof(uint), "Most bytes to receive; 0 means unlimited.", Required = true)]
[OpcodeField("RecvZc", "IfqIndex", typeof(uint), "Index of the registered interface queue.", Required = true)]
[OpcodeField("RecvZc", "IoUringFlags", typeof(RecvSendFlags), "Further recv flags (IORING_RECVSEND_POLL_FIRST).")]

[OpcodeBuilder("GetSockOpt", nameof(io_uring_op.IORING_OP_URING_CMD), "6.7",
    "Socket command getsockopt: like <c>getsockopt(2)</c>, the result is the option length.",
    Man = "man3/io_uring_prep_cmd_sock.3", Rust = "-", Liburing = "io_uring_prep_cmd_sock (SOCKET_URING_OP_GETSOCKOPT)", Safety = "the kernel reads (or writes) the option value after submission.", Remarks = "Only SOL_SOCKET options (the kernel answers EOPNOTSUPP for other levels).", Encode = "EntryStart.SocketOption(Code, Fd, io_uring_socket_op.SOCKET_URING_OP_GETSOCKOPT, Level, OptionName, Value, Length)")]
[OpcodeField("GetSockOpt", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("GetSockOpt", "Level", typeof(int), "SOL_SOCKET (1).", Required = true)]
[OpcodeField("GetSockOpt", "OptionName", typeof(int), "SO_* option.", Required = true)]
[OpcodeField("GetSockOpt", "Value", typeof(void*), "Receives the value.", Required = true)]
[OpcodeField("GetSockOpt", "Length", typeof(int), "Size of the value buffer.", Required = true)]

[OpcodeBuilder("SetSockOpt", nameof(io_uring_op.IORING_OP_URING_CMD), "6.7",
    "Socket command setsockopt, like <c>setsockopt(2)</c>.",
    Man = "man3/io_uring_prep_cmd_sock.3", Liburing = "io_uring_prep_cmd_sock (SOCKET_URING_OP_SETSOCKOPT)", Safety = "the kernel reads (or writes) the option value after submission.", Encode = "EntryStart.SocketOption(Code, Fd, io_uring_socket_op.SOCKET_URING_OP_SETSOCKOPT, Level, OptionName, Value, Length)")]
[OpcodeField("SetSockOpt", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("SetSockOpt", "Level", typeof(int), "Option level (SOL_SOCKET...).", Required = true)]
[OpcodeField("SetSockOpt", "OptionName", typeof(int), "Option name.", Required = true)]
[OpcodeField("SetSockOpt", "Value", typeof(void*), "The value.", Required = true)]
[OpcodeField("SetSockOpt", "Length", typeof(int), "Its length.", Required = true)]

[OpcodeBuilder("SiocInq", nameof(io_uring_op.IORING_OP_URING_CMD), "6.7",
    "Socket command SIOCINQ: the result is the number of unread bytes queued on the socket.",
    Man = "man3/io_uring_prep_cmd_sock.3", Rust = "-", Liburing = "io_uring_prep_cmd_sock (SOCKET_URING_OP_SIOCINQ)", Encode = "EntryStart.SocketCommand(Code, Fd, io_uring_socket_op.SOCKET_URING_OP_SIOCINQ)")]
[OpcodeField("SiocInq", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]

[OpcodeBuilder("SiocOutq", nameof(io_uring_op.IORING_OP_URING_CMD), "6.7",
    "Socket command SIOCOUTQ: the result is the number of unsent bytes queued on the socket.",
    Man = "man3/io_uring_prep_cmd_sock.3", Rust = "-", Liburing = "io_uring_prep_cmd_sock (SOCKET_URING_OP_SIOCOUTQ)", Encode = "EntryStart.SocketCommand(Code, Fd, io_uring_socket_op.SOCKET_URING_OP_SIOCOUTQ)")]
[OpcodeField("SiocOutq", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]

[OpcodeBuilder("GetSockName", nameof(io_uring_op.IORING_OP_URING_CMD), "6.19",
    "Socket command getsockname (or getpeername with <see cref=\"Peer\"/>).",
    Man = "man2/getsockname.2", Rust = "-", Liburing = "io_uring_prep_cmd_getsockname", Safety = "the kernel writes the address and its length after submission.", CustomBuild = true)]
[OpcodeField("GetSockName", "Fd", typeof(FileTarget), "Socket (raw fd or registered index).", Required = true)]
[OpcodeField("GetSockName", "Address", typeof(void*), "Receives the address.", Required = true)]
[OpcodeField("GetSockName", "AddressLength", typeof(uint*), "In: buffer size; out: address length.", Required = true)]
[OpcodeField("GetSockName", "Peer", typeof(bool), "Return the peer's address, like getpeername(2).")]
internal static partial class OpcodeTable
{
}
