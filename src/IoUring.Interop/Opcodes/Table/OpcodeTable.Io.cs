using IoUring.Interop.Native;
using IoUring.Interop.SourceGeneration;

namespace IoUring.Interop.Opcodes;

// The opcode table (file I/O, buffers and descriptors): one [OpcodeBuilder] row per builder and one [OpcodeField] row per field, with the
// io_uring_sqe slot the kernel reads it from (io_uring/*.c prep functions). generator/IoUring.SourceGen/Opcodes writes
// the builder structs from it; Encode names a shared encoder (EntryStart.*), CustomBuild means the builder's own file
// holds Build().
[OpcodeBuilder("Nop", nameof(io_uring_op.IORING_OP_NOP), "5.1",
    "Does no I/O; completes with 0, or with <see cref=\"InjectResult\"/> when set.",
    Man = "man3/io_uring_prep_nop.3", Liburing = "io_uring_prep_nop", CustomBuild = true)]
[OpcodeField("Nop", "InjectResult", typeof(int?), "When set, the completion carries this result (IORING_NOP_INJECT_RESULT, Linux 6.10): a way to test error paths and links.")]
[OpcodeField("Nop", "Flags", typeof(NopFlags), "Further IORING_NOP_* flags passed through unchanged.")]

[OpcodeBuilder("Nop128", nameof(io_uring_op.IORING_OP_NOP128), "6.19",
    "A 128-byte no-op: occupies a big SQE slot on an SQE_MIXED ring (or any slot on an SQE128 ring).",
    Man = "man3/io_uring_prep_nop.3", Rust = "-", Liburing = "io_uring_prep_nop128", Entry128 = true, CustomBuild = true)]
[OpcodeField("Nop128", "InjectResult", typeof(int?), "When set, the completion carries this result (IORING_NOP_INJECT_RESULT).")]
[OpcodeField("Nop128", "Flags", typeof(NopFlags), "Further IORING_NOP_* flags passed through unchanged.")]

[OpcodeBuilder("Read", nameof(io_uring_op.IORING_OP_READ), "5.6",
    "Reads from a file into a buffer, like <c>pread(2)</c> (or <c>read(2)</c> at the file position when <see cref=\"Offset\"/> is -1).",
    Man = "man2/pread.2", Liburing = "io_uring_prep_read", Safety = "the kernel writes into <c>buffer</c> after submission: the memory must stay valid and unmoved until the completion arrives.", Encode = "EntryStart.ReadSelect(Code, Fd, (ulong)Buffer, Length, BufferGroup, Offset, IoPrio, RwFlags, ProtectionInfo)")]
[OpcodeField("Read", "Fd", typeof(FileTarget), "File to read.", Required = true)]
[OpcodeField("Read", "Buffer", typeof(byte*), "Destination buffer.", Required = true, SpanLength = "Length")]
[OpcodeField("Read", "Length", typeof(uint), "Bytes to read.", Required = true)]
[OpcodeField("Read", "Offset", typeof(long), "File offset; -1 uses and advances the file position. Must be 0 or -1 for non-seekable files.")]
[OpcodeField("Read", "IoPrio", typeof(ushort), "I/O priority (<c>ioprio_set(2)</c> encoding).")]
[OpcodeField("Read", "RwFlags", typeof(int), "Per-I/O <c>RWF_*</c> flags as in <c>preadv2(2)</c>.")]
[OpcodeField("Read", "BufferGroup", typeof(ushort?), "When set, the kernel picks a buffer from this provided-buffer group (IOSQE_BUFFER_SELECT) instead of <see cref=\"Buffer\"/>.")]
[OpcodeField("Read", "ProtectionInfo", typeof(ProtectionInformation*), "Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).", Remarks = "<b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.")]

[OpcodeBuilder("Write", nameof(io_uring_op.IORING_OP_WRITE), "5.6",
    "Writes a buffer to a file, like <c>pwrite(2)</c> (or <c>write(2)</c> at the file position when <see cref=\"Offset\"/> is -1).",
    Man = "man2/pwrite.2", Liburing = "io_uring_prep_write", Safety = "the kernel reads <c>buffer</c> after submission: the memory must stay valid and unmoved until the completion arrives.", Encode = "EntryStart.ReadWrite(Code, Fd, (ulong)Buffer, Length, Offset, IoPrio, RwFlags, ProtectionInfo)")]
[OpcodeField("Write", "Fd", typeof(FileTarget), "File to write.", Required = true)]
[OpcodeField("Write", "Buffer", typeof(byte*), "Source bytes.", Required = true, SpanLength = "Length", ReadOnly = true)]
[OpcodeField("Write", "Length", typeof(uint), "Bytes to write.", Required = true)]
[OpcodeField("Write", "Offset", typeof(long), "File offset; -1 uses and advances the file position.")]
[OpcodeField("Write", "IoPrio", typeof(ushort), "I/O priority (<c>ioprio_set(2)</c> encoding).")]
[OpcodeField("Write", "RwFlags", typeof(int), "Per-I/O <c>RWF_*</c> flags as in <c>pwritev2(2)</c>.")]
[OpcodeField("Write", "ProtectionInfo", typeof(ProtectionInformation*), "Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).", Remarks = "<b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.")]

[OpcodeBuilder("Readv", nameof(io_uring_op.IORING_OP_READV), "5.1",
    "Vectored read, like <c>preadv2(2)</c>.",
    Man = "man2/preadv2.2", Liburing = "io_uring_prep_readv2", Safety = "the kernel writes into the iovec array and the memory it describes after submission: both must stay valid and unmoved until the completion arrives.", Encode = "EntryStart.ReadSelect(Code, Fd, (ulong)IoVecs, Count, BufferGroup, Offset, IoPrio, RwFlags, ProtectionInfo)")]
[OpcodeField("Readv", "Fd", typeof(FileTarget), "Target file.", Required = true)]
[OpcodeField("Readv", "IoVecs", typeof(IoVector*), "First element of the iovec array.", Required = true, Parameter = "iovecs")]
[OpcodeField("Readv", "Count", typeof(uint), "Number of iovecs.", Required = true)]
[OpcodeField("Readv", "Offset", typeof(long), "File offset; -1 uses and advances the file position.")]
[OpcodeField("Readv", "IoPrio", typeof(ushort), "I/O priority (<c>ioprio_set(2)</c> encoding).")]
[OpcodeField("Readv", "RwFlags", typeof(int), "Per-I/O <c>RWF_*</c> flags as in <c>preadv2(2)</c>.")]
[OpcodeField("Readv", "BufferGroup", typeof(ushort?), "When set, the kernel picks a provided buffer from this group (IOSQE_BUFFER_SELECT); <c>iovecs</c> then describes one iovec the kernel fills in.")]
[OpcodeField("Readv", "ProtectionInfo", typeof(ProtectionInformation*), "Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).", Remarks = "<b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.")]

[OpcodeBuilder("Writev", nameof(io_uring_op.IORING_OP_WRITEV), "5.1",
    "Vectored write, like <c>pwritev2(2)</c>.",
    Man = "man2/pwritev2.2", Liburing = "io_uring_prep_writev2", Safety = "the kernel reads the iovec array and the memory it describes after submission: both must stay valid and unmoved until the completion arrives.", Encode = "EntryStart.ReadWrite(Code, Fd, (ulong)IoVecs, Count, Offset, IoPrio, RwFlags, ProtectionInfo)")]
[OpcodeField("Writev", "Fd", typeof(FileTarget), "Target file.", Required = true)]
[OpcodeField("Writev", "IoVecs", typeof(IoVector*), "First element of the iovec array.", Required = true, Parameter = "iovecs")]
[OpcodeField("Writev", "Count", typeof(uint), "Number of iovecs.", Required = true)]
[OpcodeField("Writev", "Offset", typeof(long), "File offset; -1 uses and advances the file position.")]
[OpcodeField("Writev", "IoPrio", typeof(ushort), "I/O priority (<c>ioprio_set(2)</c> encoding).")]
[OpcodeField("Writev", "RwFlags", typeof(int), "Per-I/O <c>RWF_*</c> flags as in <c>pwritev2(2)</c>.")]
[OpcodeField("Writev", "ProtectionInfo", typeof(ProtectionInformation*), "Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).", Remarks = "<b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.")]

[OpcodeBuilder("ReadFixed", nameof(io_uring_op.IORING_OP_READ_FIXED), "5.1",
    "Reads through a buffer registered with Submitter.RegisterBuffers, like <c>pread(2)</c>.",
    Man = "man2/pread.2", Liburing = "io_uring_prep_read_fixed", Safety = "<c>buffer</c> .. <c>buffer + length</c> must lie inside registered buffer <c>bufferIndex</c>, which the kernel writes into after submission.", Encode = "EntryStart.ReadWriteFixed(Code, Fd, (ulong)Buffer, Length, BufferIndex, Offset, IoPrio, RwFlags, ProtectionInfo)")]
[OpcodeField("ReadFixed", "Fd", typeof(FileTarget), "Target file.", Required = true)]
[OpcodeField("ReadFixed", "Buffer", typeof(byte*), "Start address inside the registered buffer.", Required = true, SpanLength = "Length")]
[OpcodeField("ReadFixed", "Length", typeof(uint), "Bytes to transfer.", Required = true)]
[OpcodeField("ReadFixed", "BufferIndex", typeof(ushort), "Index of the registered buffer.", Required = true)]
[OpcodeField("ReadFixed", "Offset", typeof(long), "File offset; -1 uses and advances the file position.")]
[OpcodeField("ReadFixed", "IoPrio", typeof(ushort), "I/O priority (<c>ioprio_set(2)</c> encoding).")]
[OpcodeField("ReadFixed", "RwFlags", typeof(int), "Per-I/O <c>RWF_*</c> flags.")]
[OpcodeField("ReadFixed", "ProtectionInfo", typeof(ProtectionInformation*), "Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).", Remarks = "<b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.")]

[OpcodeBuilder("WriteFixed", nameof(io_uring_op.IORING_OP_WRITE_FIXED), "5.1",
    "Writes through a buffer registered with Submitter.RegisterBuffers, like <c>pwrite(2)</c>.",
    Man = "man2/pwrite.2", Liburing = "io_uring_prep_write_fixed", Safety = "<c>buffer</c> .. <c>buffer + length</c> must lie inside registered buffer <c>bufferIndex</c>, which the kernel reads after submission.", Encode = "EntryStart.ReadWriteFixed(Code, Fd, (ulong)Buffer, Length, BufferIndex, Offset, IoPrio, RwFlags, ProtectionInfo)")]
[OpcodeField("WriteFixed", "Fd", typeof(FileTarget), "Target file.", Required = true)]
[OpcodeField("WriteFixed", "Buffer", typeof(byte*), "Start address inside the registered buffer.", Required = true, SpanLength = "Length", ReadOnly = true)]
[OpcodeField("WriteFixed", "Length", typeof(uint), "Bytes to transfer.", Required = true)]
[OpcodeField("WriteFixed", "BufferIndex", typeof(ushort), "Index of the registered buffer.", Required = true)]
[OpcodeField("WriteFixed", "Offset", typeof(long), "File offset; -1 uses and advances the file position.")]
[OpcodeField("WriteFixed", "IoPrio", typeof(ushort), "I/O priority (<c>ioprio_set(2)</c> encoding).")]
[OpcodeField("WriteFixed", "RwFlags", typeof(int), "Per-I/O <c>RWF_*</c> flags.")]
[OpcodeField("WriteFixed", "ProtectionInfo", typeof(ProtectionInformation*), "Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).", Remarks = "<b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.")]

[OpcodeBuilder("ReadvFixed", nameof(io_uring_op.IORING_OP_READV_FIXED), "6.15",
    "Vectored read, like <c>preadv2(2)</c> using a registered buffer.",
    Man = "man2/preadv2.2", Liburing = "io_uring_prep_readv_fixed", Safety = "the kernel writes into the iovec array and the memory it describes after submission: both must stay valid and unmoved until the completion arrives. The iovecs must point inside the registered buffer <c>bufferIndex</c>.", Encode = "EntryStart.ReadWriteFixed(Code, Fd, (ulong)IoVecs, Count, BufferIndex, Offset, IoPrio, RwFlags, ProtectionInfo)")]
[OpcodeField("ReadvFixed", "Fd", typeof(FileTarget), "Target file.", Required = true)]
[OpcodeField("ReadvFixed", "IoVecs", typeof(IoVector*), "First element of the iovec array.", Required = true, Parameter = "iovecs")]
[OpcodeField("ReadvFixed", "Count", typeof(uint), "Number of iovecs.", Required = true)]
[OpcodeField("ReadvFixed", "BufferIndex", typeof(ushort), "Index of the registered buffer (Submitter.RegisterBuffers) that every iovec points into.", Required = true)]
[OpcodeField("ReadvFixed", "Offset", typeof(long), "File offset; -1 uses and advances the file position.")]
[OpcodeField("ReadvFixed", "IoPrio", typeof(ushort), "I/O priority (<c>ioprio_set(2)</c> encoding).")]
[OpcodeField("ReadvFixed", "RwFlags", typeof(int), "Per-I/O <c>RWF_*</c> flags as in <c>preadv2(2)</c>.")]
[OpcodeField("ReadvFixed", "ProtectionInfo", typeof(ProtectionInformation*), "Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).", Remarks = "<b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.")]

[OpcodeBuilder("WritevFixed", nameof(io_uring_op.IORING_OP_WRITEV_FIXED), "6.15",
    "Vectored write, like <c>pwritev2(2)</c> using a registered buffer.",
    Man = "man2/pwritev2.2", Liburing = "io_uring_prep_writev_fixed", Safety = "the kernel reads the iovec array and the memory it describes after submission: both must stay valid and unmoved until the completion arrives. The iovecs must point inside the registered buffer <c>bufferIndex</c>.", Encode = "EntryStart.ReadWriteFixed(Code, Fd, (ulong)IoVecs, Count, BufferIndex, Offset, IoPrio, RwFlags, ProtectionInfo)")]
[OpcodeField("WritevFixed", "Fd", typeof(FileTarget), "Target file.", Required = true)]
[OpcodeField("WritevFixed", "IoVecs", typeof(IoVector*), "First element of the iovec array.", Required = true, Parameter = "iovecs")]
[OpcodeField("WritevFixed", "Count", typeof(uint), "Number of iovecs.", Required = true)]
[OpcodeField("WritevFixed", "BufferIndex", typeof(ushort), "Index of the registered buffer (Submitter.RegisterBuffers) that every iovec points into.", Required = true)]
[OpcodeField("WritevFixed", "Offset", typeof(long), "File offset; -1 uses and advances the file position.")]
[OpcodeField("WritevFixed", "IoPrio", typeof(ushort), "I/O priority (<c>ioprio_set(2)</c> encoding).")]
[OpcodeField("WritevFixed", "RwFlags", typeof(int), "Per-I/O <c>RWF_*</c> flags as in <c>pwritev2(2)</c>.")]
[OpcodeField("WritevFixed", "ProtectionInfo", typeof(ProtectionInformation*), "Protection information (T10 PI) for the transfer, or null (IORING_RW_ATTR_FLAG_PI; Linux 6.15, Features.RwAttr).", Remarks = "<b>Safety:</b> the kernel reads the attribute and the metadata buffer it points to after submission.")]

[OpcodeBuilder("ReadMulti", nameof(io_uring_op.IORING_OP_READ_MULTISHOT), "6.7",
    "Multishot read: keeps reading into provided buffers from <see cref=\"BufferGroup\"/>, one completion per chunk, until an error or EOF.",
    Man = "man3/io_uring_prep_read_multishot.3", Liburing = "io_uring_prep_read_multishot", Remarks = "Completions carry CqeFlags.More while the request stays armed; the file must be pollable (a pipe, a socket, an eventfd...).")]
[OpcodeField("ReadMulti", "Fd", typeof(FileTarget), "Pollable file to read.", Required = true, Slot = "fd")]
[OpcodeField("ReadMulti", "Length", typeof(uint), "Bytes per read; 0 means the whole provided buffer.", Required = true, Slot = "len")]
[OpcodeField("ReadMulti", "BufferGroup", typeof(ushort), "Provided-buffer group.", Required = true, Slot = "buffer_select")]
[OpcodeField("ReadMulti", "Offset", typeof(long), "File offset (0 or -1 for streams).", Slot = "off")]

[OpcodeBuilder("Fsync", nameof(io_uring_op.IORING_OP_FSYNC), "5.1",
    "Flushes a file to storage, like <c>fsync(2)</c>/<c>fdatasync(2)</c>, optionally limited to a byte range.",
    Man = "man2/fsync.2", Liburing = "io_uring_prep_fsync", Remarks = "Completions are unordered: link it after the writes it must cover (SqeFlags.IoLink).")]
[OpcodeField("Fsync", "Fd", typeof(FileTarget), "Target file (raw fd or registered index).", Required = true, Slot = "fd")]
[OpcodeField("Fsync", "Flags", typeof(FsyncFlags), "FsyncFlags.Datasync gives fdatasync(2) semantics.", Slot = "fsync_flags")]
[OpcodeField("Fsync", "Offset", typeof(ulong), "Start of the range to sync (with <see cref=\"Length\"/>).", Slot = "off")]
[OpcodeField("Fsync", "Length", typeof(uint), "Bytes to sync from <see cref=\"Offset\"/>; with both 0 the whole file is synced.", Slot = "len")]

[OpcodeBuilder("SyncFileRange", nameof(io_uring_op.IORING_OP_SYNC_FILE_RANGE), "5.2",
    "Syncs a file segment, like <c>sync_file_range(2)</c>.",
    Man = "man2/sync_file_range.2", Liburing = "io_uring_prep_sync_file_range")]
[OpcodeField("SyncFileRange", "Fd", typeof(FileTarget), "Target file (raw fd or registered index).", Required = true, Slot = "fd")]
[OpcodeField("SyncFileRange", "Length", typeof(uint), "Bytes to sync.", Required = true, Slot = "len")]
[OpcodeField("SyncFileRange", "Offset", typeof(long), "Start of the range.", Slot = "off")]
[OpcodeField("SyncFileRange", "Flags", typeof(uint), "SYNC_FILE_RANGE_* flags.", Slot = "sync_range_flags")]

// Fallocate: fallocate keeps its 64-bit length in sqe->addr and the mode in sqe->len.
[OpcodeBuilder("Fallocate", nameof(io_uring_op.IORING_OP_FALLOCATE), "5.6",
    "Allocates or deallocates file space, like <c>fallocate(2)</c>.",
    Man = "man2/fallocate.2", Liburing = "io_uring_prep_fallocate")]
[OpcodeField("Fallocate", "Fd", typeof(FileTarget), "Target file (raw fd or registered index).", Required = true, Slot = "fd")]
[OpcodeField("Fallocate", "Length", typeof(long), "Bytes to allocate.", Required = true, Slot = "addr")]
[OpcodeField("Fallocate", "Offset", typeof(long), "Start of the range.", Slot = "off")]
[OpcodeField("Fallocate", "Mode", typeof(int), "FALLOC_FL_* mode bits.", Slot = "len")]

[OpcodeBuilder("Fadvise", nameof(io_uring_op.IORING_OP_FADVISE), "5.6",
    "Declares an access pattern for file data, like <c>posix_fadvise(2)</c>.",
    Man = "man2/posix_fadvise.2", Liburing = "io_uring_prep_fadvise64", CustomBuild = true)]
[OpcodeField("Fadvise", "Fd", typeof(FileTarget), "Target file (raw fd or registered index).", Required = true)]
[OpcodeField("Fadvise", "Length", typeof(long), "Length of the range; 0 means to the end of the file.", Required = true)]
[OpcodeField("Fadvise", "Advice", typeof(int), "POSIX_FADV_* advice.", Required = true)]
[OpcodeField("Fadvise", "Offset", typeof(long), "Start of the range.")]

[OpcodeBuilder("Madvise", nameof(io_uring_op.IORING_OP_MADVISE), "5.6",
    "Gives advice about a memory range, like <c>madvise(2)</c>.",
    Man = "man2/madvise.2", Liburing = "io_uring_prep_madvise64", Safety = "the range must be mapped in this process when the request runs.", CustomBuild = true)]
[OpcodeField("Madvise", "Address", typeof(void*), "Start of the range (page aligned).", Required = true)]
[OpcodeField("Madvise", "Length", typeof(long), "Length of the range.", Required = true)]
[OpcodeField("Madvise", "Advice", typeof(int), "MADV_* advice.", Required = true)]

[OpcodeBuilder("Ftruncate", nameof(io_uring_op.IORING_OP_FTRUNCATE), "6.9",
    "Truncates a file to a length, like <c>ftruncate(2)</c>.",
    Man = "man2/ftruncate.2", Liburing = "io_uring_prep_ftruncate")]
[OpcodeField("Ftruncate", "Fd", typeof(FileTarget), "Target file (raw fd or registered index).", Required = true, Slot = "fd")]
[OpcodeField("Ftruncate", "Length", typeof(long), "New file size.", Required = true, Slot = "off")]

[OpcodeBuilder("Splice", nameof(io_uring_op.IORING_OP_SPLICE), "5.7",
    "Moves data between two files, one of them a pipe, like <c>splice(2)</c>.",
    Man = "man2/splice.2", Liburing = "io_uring_prep_splice", CustomBuild = true)]
[OpcodeField("Splice", "FdIn", typeof(FileTarget), "Source file.", Required = true)]
[OpcodeField("Splice", "OffsetIn", typeof(long), "Source offset; -1 for a pipe or the file position.", Required = true)]
[OpcodeField("Splice", "FdOut", typeof(FileTarget), "Destination file.", Required = true)]
[OpcodeField("Splice", "OffsetOut", typeof(long), "Destination offset; -1 for a pipe or the file position.", Required = true)]
[OpcodeField("Splice", "Length", typeof(uint), "Bytes to move.", Required = true)]
[OpcodeField("Splice", "Flags", typeof(uint), "SPLICE_F_* flags.")]

[OpcodeBuilder("Tee", nameof(io_uring_op.IORING_OP_TEE), "5.8",
    "Duplicates pipe content into another pipe, like <c>tee(2)</c>.",
    Man = "man2/tee.2", Liburing = "io_uring_prep_tee", CustomBuild = true)]
[OpcodeField("Tee", "FdIn", typeof(FileTarget), "Source pipe.", Required = true)]
[OpcodeField("Tee", "FdOut", typeof(FileTarget), "Destination pipe.", Required = true)]
[OpcodeField("Tee", "Length", typeof(uint), "Bytes to duplicate.", Required = true)]
[OpcodeField("Tee", "Flags", typeof(uint), "SPLICE_F_* flags.")]

[OpcodeBuilder("FilesUpdate", nameof(io_uring_op.IORING_OP_FILES_UPDATE), "5.6",
    "Updates registered files asynchronously, like Submitter.RegisterFilesUpdate.",
    Man = "man3/io_uring_prep_files_update.3", Liburing = "io_uring_prep_files_update", Safety = "the kernel reads (and with allocation writes) the fd array after submission.")]
[OpcodeField("FilesUpdate", "Fds", typeof(int*), "Array of fds (-1 clears a slot, IORING_REGISTER_FILES_SKIP keeps it).", Required = true, Slot = "addr")]
[OpcodeField("FilesUpdate", "Count", typeof(uint), "Number of fds.", Required = true, Slot = "len")]
[OpcodeField("FilesUpdate", "Offset", typeof(int), "First slot to update; IORING_FILE_INDEX_ALLOC (-1) allocates slots and writes the chosen ones back into the array.", Slot = "off", Value = "(ulong)(long)Offset")]

[OpcodeBuilder("Close", nameof(io_uring_op.IORING_OP_CLOSE), "5.6",
    "Closes a file descriptor, like <c>close(2)</c>, or a direct descriptor slot when given a Fixed target.",
    Man = "man2/close.2", Liburing = "io_uring_prep_close, io_uring_prep_close_direct", CustomBuild = true)]
[OpcodeField("Close", "Fd", typeof(FileTarget), "Target file (raw fd or registered index).", Required = true)]

[OpcodeBuilder("FixedFdInstall", nameof(io_uring_op.IORING_OP_FIXED_FD_INSTALL), "6.8",
    "Installs a direct descriptor into the process fd table; the result is the new fd.",
    Man = "man3/io_uring_prep_fixed_fd_install.3", Liburing = "io_uring_prep_fixed_fd_install", CustomBuild = true)]
[OpcodeField("FixedFdInstall", "Fd", typeof(Fixed), "The registered file slot.", Required = true)]
[OpcodeField("FixedFdInstall", "Flags", typeof(FixedFdFlags), "IORING_FIXED_FD_NO_CLOEXEC to leave O_CLOEXEC off.")]

// ProvideBuffers: Provide-buffers encodes its count in sqe->fd and the first buffer id in sqe->off.
[OpcodeBuilder("ProvideBuffers", nameof(io_uring_op.IORING_OP_PROVIDE_BUFFERS), "5.7",
    "Hands a contiguous set of equal-size buffers to the kernel as provided-buffer group <see cref=\"GroupId\"/> (the legacy form; see BufferRing).",
    Man = "man3/io_uring_prep_provide_buffers.3", Liburing = "io_uring_prep_provide_buffers", Safety = "the kernel writes into these buffers whenever a request selects them, until they are consumed or removed.", StartFd = 0)]
[OpcodeField("ProvideBuffers", "Address", typeof(byte*), "Start of the first buffer.", Required = true, Slot = "addr")]
[OpcodeField("ProvideBuffers", "Length", typeof(int), "Size of each buffer.", Required = true, Slot = "len")]
[OpcodeField("ProvideBuffers", "Count", typeof(ushort), "Number of buffers.", Required = true, Slot = "fd")]
[OpcodeField("ProvideBuffers", "GroupId", typeof(ushort), "Buffer group id.", Required = true, Slot = "buf_group")]
[OpcodeField("ProvideBuffers", "FirstBufferId", typeof(ushort), "Id of the first buffer; the others follow.", Required = true, Slot = "off")]

[OpcodeBuilder("RemoveBuffers", nameof(io_uring_op.IORING_OP_REMOVE_BUFFERS), "5.7",
    "Removes up to <see cref=\"Count\"/> buffers from a provided-buffer group; the result is the number removed.",
    Man = "man3/io_uring_prep_remove_buffers.3", Liburing = "io_uring_prep_remove_buffers", StartFd = 0)]
[OpcodeField("RemoveBuffers", "Count", typeof(ushort), "Most buffers to remove.", Required = true, Slot = "fd")]
[OpcodeField("RemoveBuffers", "GroupId", typeof(ushort), "Buffer group id.", Required = true, Slot = "buf_group")]

[OpcodeBuilder("EpollCtl", nameof(io_uring_op.IORING_OP_EPOLL_CTL), "5.6",
    "Adds, modifies or removes an fd of an epoll instance, like <c>epoll_ctl(2)</c>.",
    Man = "man2/epoll_ctl.2", Liburing = "io_uring_prep_epoll_ctl", Safety = "the event must stay valid until the completion arrives.")]
[OpcodeField("EpollCtl", "EpollFd", typeof(FileTarget), "The epoll instance.", Required = true, Slot = "fd")]
[OpcodeField("EpollCtl", "Fd", typeof(int), "The fd to watch.", Required = true, Slot = "off", Value = "(ulong)(uint)Fd")]
[OpcodeField("EpollCtl", "Operation", typeof(int), "EPOLL_CTL_ADD (1), _DEL (2) or _MOD (3).", Required = true, Slot = "len")]
[OpcodeField("EpollCtl", "Event", typeof(EpollEvent*), "The event description (ignored for DEL).", Required = true, Parameter = "@event", Slot = "addr")]

[OpcodeBuilder("EpollWait", nameof(io_uring_op.IORING_OP_EPOLL_WAIT), "6.15",
    "Waits for events on an epoll instance, like <c>epoll_wait(2)</c> with no timeout; the result is the number of events.",
    Man = "man2/epoll_wait.2", Liburing = "io_uring_prep_epoll_wait", Safety = "the kernel writes the events array after submission.")]
[OpcodeField("EpollWait", "EpollFd", typeof(FileTarget), "The epoll instance.", Required = true, Slot = "fd")]
[OpcodeField("EpollWait", "Events", typeof(EpollEvent*), "Receives the events, <see cref=\"EpollEvent.Size\"/> bytes each (12 on x86-64, 16 on arm64): allocate <c>EpollEvent[MaxEvents]</c> and read element i with <see cref=\"EpollEvent.At\"/>.", Required = true, Slot = "addr")]
[OpcodeField("EpollWait", "MaxEvents", typeof(uint), "Capacity of the events array.", Required = true, Slot = "len")]

[OpcodeBuilder("Pipe", nameof(io_uring_op.IORING_OP_PIPE), "6.16",
    "Creates a pipe, like <c>pipe2(2)</c>; with <see cref=\"FileIndex\"/> both ends become direct descriptors.",
    Man = "man2/pipe2.2", Liburing = "io_uring_prep_pipe, io_uring_prep_pipe_direct", Safety = "the kernel writes the two ints after submission; the array must stay valid until completion.", Set = new[] { "fd = 0" })]
[OpcodeField("Pipe", "Fds", typeof(int*), "Receives the two fds (or slots): read end, then write end.", Required = true, Slot = "addr")]
[OpcodeField("Pipe", "Flags", typeof(int), "O_CLOEXEC, O_NONBLOCK, O_DIRECT.", Slot = "pipe_flags")]
[OpcodeField("Pipe", "FileIndex", typeof(DestinationSlot?), "Direct-descriptor slot for the read end (the write end takes the next), or DestinationSlot.Auto.", Slot = "file_index")]
internal static partial class OpcodeTable
{
}
