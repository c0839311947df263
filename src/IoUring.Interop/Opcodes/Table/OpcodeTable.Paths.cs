using IoUring.Interop.Native;
using IoUring.Interop.SourceGeneration;

namespace IoUring.Interop.Opcodes;

// The opcode table (path-based file system operations): one [OpcodeBuilder] row per builder and one [OpcodeField] row per field, with the
// io_uring_sqe slot the kernel reads it from (io_uring/*.c prep functions). generator/IoUring.SourceGen/Opcodes writes
// the builder structs from it; Encode names a shared encoder (EntryStart.*), CustomBuild means the builder's own file
// holds Build().
[OpcodeBuilder("OpenAt", nameof(io_uring_op.IORING_OP_OPENAT), "5.6",
    "Opens a file, like <c>openat(2)</c>.",
    Man = "man2/openat.2", Liburing = "io_uring_prep_openat, io_uring_prep_openat_direct", Safety = "the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).")]
[OpcodeField("OpenAt", "DirFd", typeof(int), "Directory fd for relative paths, or AT_FDCWD (-100).", Required = true, Slot = "fd")]
[OpcodeField("OpenAt", "Path", typeof(byte*), "NUL-terminated path.", Required = true, Slot = "addr", Text = true)]
[OpcodeField("OpenAt", "Flags", typeof(int), "O_* open flags.", Slot = "open_flags")]
[OpcodeField("OpenAt", "Mode", typeof(uint), "Permission bits for O_CREAT/O_TMPFILE.", Slot = "len")]
[OpcodeField("OpenAt", "FileIndex", typeof(DestinationSlot?), "When set, the new file goes into a direct-descriptor slot (or an auto-allocated one) instead of the fd table; the result is then the slot.", Slot = "file_index")]

[OpcodeBuilder("OpenAt2", nameof(io_uring_op.IORING_OP_OPENAT2), "5.6",
    "Opens a file with an <see cref=\"OpenHow\"/>, like <c>openat2(2)</c>.",
    Man = "man2/openat2.2", Liburing = "io_uring_prep_openat2, io_uring_prep_openat2_direct", Safety = "the path and the OpenHow must stay valid until the completion arrives.", Set = new[] { "len = (uint)sizeof(OpenHow)" })]
[OpcodeField("OpenAt2", "DirFd", typeof(int), "Directory fd for relative paths, or AT_FDCWD (-100).", Required = true, Slot = "fd")]
[OpcodeField("OpenAt2", "Path", typeof(byte*), "NUL-terminated path.", Required = true, Slot = "addr", Text = true)]
[OpcodeField("OpenAt2", "How", typeof(OpenHow*), "The open_how argument.", Required = true, Slot = "off")]
[OpcodeField("OpenAt2", "FileIndex", typeof(DestinationSlot?), "When set, the new file goes into a direct-descriptor slot (or an auto-allocated one) instead of the fd table; the result is then the slot.", Slot = "file_index")]

[OpcodeBuilder("Statx", nameof(io_uring_op.IORING_OP_STATX), "5.6",
    "Gets file status, like <c>statx(2)</c>.",
    Man = "man2/statx.2", Liburing = "io_uring_prep_statx", Safety = "the kernel writes the statx buffer after submission; path and buffer must stay valid until completion.", Remarks = "The kernel fills a <see cref=\"StatxBuffer\"/> (<c>struct statx</c>).")]
[OpcodeField("Statx", "DirFd", typeof(int), "Directory fd for relative paths, AT_FDCWD (-100), or the file itself with AT_EMPTY_PATH.", Required = true, Slot = "fd")]
[OpcodeField("Statx", "Path", typeof(byte*), "NUL-terminated path.", Required = true, Slot = "addr", Text = true)]
[OpcodeField("Statx", "Buffer", typeof(StatxBuffer*), "Receives the struct statx.", Required = true, Slot = "off")]
[OpcodeField("Statx", "Flags", typeof(int), "AT_* flags.", Slot = "statx_flags")]
[OpcodeField("Statx", "Mask", typeof(uint), "STATX_* fields wanted.", Slot = "len")]

[OpcodeBuilder("RenameAt", nameof(io_uring_op.IORING_OP_RENAMEAT), "5.11",
    "Renames a file, like <c>renameat2(2)</c>.",
    Man = "man2/renameat2.2", Liburing = "io_uring_prep_renameat", Safety = "the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).", CustomBuild = true)]
[OpcodeField("RenameAt", "OldDirFd", typeof(int), "Directory of the old path.", Required = true)]
[OpcodeField("RenameAt", "OldPath", typeof(byte*), "NUL-terminated old path.", Required = true, Text = true)]
[OpcodeField("RenameAt", "NewDirFd", typeof(int), "Directory of the new path.", Required = true)]
[OpcodeField("RenameAt", "NewPath", typeof(byte*), "NUL-terminated new path.", Required = true, Text = true)]
[OpcodeField("RenameAt", "Flags", typeof(uint), "RENAME_* flags.")]

[OpcodeBuilder("UnlinkAt", nameof(io_uring_op.IORING_OP_UNLINKAT), "5.11",
    "Removes a file or (with AT_REMOVEDIR) a directory, like <c>unlinkat(2)</c>.",
    Man = "man2/unlinkat.2", Liburing = "io_uring_prep_unlinkat", Safety = "the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).")]
[OpcodeField("UnlinkAt", "DirFd", typeof(int), "Directory for a relative path.", Required = true, Slot = "fd")]
[OpcodeField("UnlinkAt", "Path", typeof(byte*), "NUL-terminated path.", Required = true, Slot = "addr", Text = true)]
[OpcodeField("UnlinkAt", "Flags", typeof(int), "0 or AT_REMOVEDIR (0x200).", Slot = "unlink_flags")]

[OpcodeBuilder("MkDirAt", nameof(io_uring_op.IORING_OP_MKDIRAT), "5.15",
    "Creates a directory, like <c>mkdirat(2)</c>.",
    Man = "man2/mkdirat.2", Liburing = "io_uring_prep_mkdirat", Safety = "the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).")]
[OpcodeField("MkDirAt", "DirFd", typeof(int), "Directory for a relative path.", Required = true, Slot = "fd")]
[OpcodeField("MkDirAt", "Path", typeof(byte*), "NUL-terminated path.", Required = true, Slot = "addr", Text = true)]
[OpcodeField("MkDirAt", "Mode", typeof(uint), "Permission bits.", Slot = "len")]

[OpcodeBuilder("SymlinkAt", nameof(io_uring_op.IORING_OP_SYMLINKAT), "5.15",
    "Creates a symbolic link, like <c>symlinkat(2)</c>.",
    Man = "man2/symlinkat.2", Liburing = "io_uring_prep_symlinkat", Safety = "the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).")]
[OpcodeField("SymlinkAt", "NewDirFd", typeof(int), "Directory for a relative link path.", Required = true, Slot = "fd")]
[OpcodeField("SymlinkAt", "Target", typeof(byte*), "NUL-terminated link contents.", Required = true, Slot = "addr", Text = true)]
[OpcodeField("SymlinkAt", "LinkPath", typeof(byte*), "NUL-terminated path of the new link.", Required = true, Slot = "addr2", Text = true)]

[OpcodeBuilder("HardLinkAt", nameof(io_uring_op.IORING_OP_LINKAT), "5.15",
    "Creates a hard link, like <c>linkat(2)</c> (the Rust crate calls it LinkAt).",
    Man = "man2/linkat.2", Rust = "LinkAt", Liburing = "io_uring_prep_linkat", Safety = "the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).", CustomBuild = true)]
[OpcodeField("HardLinkAt", "OldDirFd", typeof(int), "Directory of the existing path.", Required = true)]
[OpcodeField("HardLinkAt", "OldPath", typeof(byte*), "NUL-terminated existing path.", Required = true, Text = true)]
[OpcodeField("HardLinkAt", "NewDirFd", typeof(int), "Directory of the new path.", Required = true)]
[OpcodeField("HardLinkAt", "NewPath", typeof(byte*), "NUL-terminated new path.", Required = true, Text = true)]
[OpcodeField("HardLinkAt", "Flags", typeof(int), "AT_SYMLINK_FOLLOW or AT_EMPTY_PATH.")]

[OpcodeBuilder("FGetXattr", nameof(io_uring_op.IORING_OP_FGETXATTR), "5.19",
    "Reads an extended attribute of an open file, like <c>fgetxattr(2)</c>.",
    Man = "man2/fgetxattr.2", Liburing = "io_uring_prep_fgetxattr", Safety = "name, value and path must stay valid until the completion arrives; for the get forms the kernel writes the value buffer.", CustomBuild = true)]
[OpcodeField("FGetXattr", "Fd", typeof(FileTarget), "Target file (raw fd or registered index).", Required = true)]
[OpcodeField("FGetXattr", "Name", typeof(byte*), "NUL-terminated attribute name.", Required = true, Text = true)]
[OpcodeField("FGetXattr", "Value", typeof(byte*), "Receives the value.", Required = true)]
[OpcodeField("FGetXattr", "Length", typeof(uint), "Size of the value buffer.", Required = true)]

[OpcodeBuilder("FSetXattr", nameof(io_uring_op.IORING_OP_FSETXATTR), "5.19",
    "Sets an extended attribute of an open file, like <c>fsetxattr(2)</c>.",
    Man = "man2/fsetxattr.2", Liburing = "io_uring_prep_fsetxattr", Safety = "name, value and path must stay valid until the completion arrives; for the get forms the kernel writes the value buffer.", CustomBuild = true)]
[OpcodeField("FSetXattr", "Fd", typeof(FileTarget), "Target file (raw fd or registered index).", Required = true)]
[OpcodeField("FSetXattr", "Name", typeof(byte*), "NUL-terminated attribute name.", Required = true, Text = true)]
[OpcodeField("FSetXattr", "Value", typeof(byte*), "The value.", Required = true)]
[OpcodeField("FSetXattr", "Length", typeof(uint), "Length of the value.", Required = true)]
[OpcodeField("FSetXattr", "Flags", typeof(int), "XATTR_CREATE or XATTR_REPLACE.")]

[OpcodeBuilder("GetXattr", nameof(io_uring_op.IORING_OP_GETXATTR), "5.19",
    "Reads an extended attribute of a path, like <c>getxattr(2)</c>.",
    Man = "man2/getxattr.2", Liburing = "io_uring_prep_getxattr", Safety = "name, value and path must stay valid until the completion arrives; for the get forms the kernel writes the value buffer.", CustomBuild = true)]
[OpcodeField("GetXattr", "Name", typeof(byte*), "NUL-terminated attribute name.", Required = true, Text = true)]
[OpcodeField("GetXattr", "Value", typeof(byte*), "Receives the value.", Required = true)]
[OpcodeField("GetXattr", "Length", typeof(uint), "Size of the value buffer.", Required = true)]
[OpcodeField("GetXattr", "Path", typeof(byte*), "NUL-terminated path.", Required = true, Text = true)]

[OpcodeBuilder("SetXattr", nameof(io_uring_op.IORING_OP_SETXATTR), "5.19",
    "Sets an extended attribute of a path, like <c>setxattr(2)</c>.",
    Man = "man2/setxattr.2", Liburing = "io_uring_prep_setxattr", Safety = "name, value and path must stay valid until the completion arrives; for the get forms the kernel writes the value buffer.", CustomBuild = true)]
[OpcodeField("SetXattr", "Name", typeof(byte*), "NUL-terminated attribute name.", Required = true, Text = true)]
[OpcodeField("SetXattr", "Value", typeof(byte*), "The value.", Required = true)]
[OpcodeField("SetXattr", "Path", typeof(byte*), "NUL-terminated path.", Required = true, Text = true)]
[OpcodeField("SetXattr", "Length", typeof(uint), "Length of the value.", Required = true)]
[OpcodeField("SetXattr", "Flags", typeof(int), "XATTR_CREATE or XATTR_REPLACE.")]
internal static partial class OpcodeTable
{
}
