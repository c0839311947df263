namespace IoUring.SourceGen.Tests;

/// <summary>
/// A small stand-in for the Native layer the header tool generates (same names and shapes, few members),
/// whose raw syscalls record their arguments instead of entering the kernel.
/// </summary>
internal static class FakeNative
{
    /// <summary>io_uring_register_op as an older header has it: members 0..3, 8, 9, 10, 13, 19, 24, 25, 35, LAST and the flag.</summary>
    public const string RegisterOpEnum = """
        namespace IoUring.Interop.Native
        {
            public enum io_uring_register_op : uint
            {
                IORING_REGISTER_BUFFERS = 0,
                IORING_UNREGISTER_BUFFERS = 1,
                IORING_REGISTER_FILES = 2,
                IORING_UNREGISTER_FILES = 3,
                IORING_REGISTER_PROBE = 8,
                IORING_REGISTER_PERSONALITY = 9,
                IORING_UNREGISTER_PERSONALITY = 10,
                IORING_REGISTER_FILES2 = 13,
                IORING_REGISTER_IOWQ_AFF = 17,
                IORING_REGISTER_IOWQ_MAX_WORKERS = 19,
                IORING_REGISTER_RING_FDS = 20,
                IORING_REGISTER_SYNC_CANCEL = 24,
                IORING_REGISTER_FILE_ALLOC_RANGE = 25,
                IORING_REGISTER_FILES_UPDATE = 6,
                IORING_REGISTER_QUERY = 35,
                IORING_REGISTER_LAST = 38,
                IORING_REGISTER_USE_REGISTERED_RING = 2147483648U,
            }
        }
        """;

    /// <summary>The same enum from a "newer header": one more opcode.</summary>
    public static readonly string NewerRegisterOpEnum = RegisterOpEnum.Replace(
        "IORING_REGISTER_LAST = 38,",
        "IORING_REGISTER_FAKE_NEW = 38,\n                IORING_REGISTER_LAST = 39,");

    public const string Types = """
        using System.Runtime.InteropServices;

        namespace IoUring.Interop.Native
        {
            public unsafe struct iovec { public void* iov_base; public nuint iov_len; }

            [StructLayout(LayoutKind.Explicit, Size = 64)]
            public struct io_uring_sync_cancel_reg { [FieldOffset(0)] public ulong addr; [FieldOffset(8)] public int fd; }

            [StructLayout(LayoutKind.Explicit, Size = 32)]
            public struct io_uring_rsrc_register { [FieldOffset(0)] public uint nr; [FieldOffset(4)] public uint flags; [FieldOffset(16)] public ulong data; [FieldOffset(24)] public ulong tags; }

            [StructLayout(LayoutKind.Explicit, Size = 16)]
            public struct io_uring_rsrc_update { [FieldOffset(0)] public uint offset; [FieldOffset(8)] public ulong data; }

            [StructLayout(LayoutKind.Explicit, Size = 16)]
            public struct io_uring_file_index_range { [FieldOffset(0)] public uint off; [FieldOffset(4)] public uint len; }

            [StructLayout(LayoutKind.Explicit, Size = 40)]
            public struct io_uring_query_hdr { [FieldOffset(0)] public ulong next_entry; [FieldOffset(24)] public int result; }

            [StructLayout(LayoutKind.Explicit, Size = 16)]
            public struct io_uring_probe { [FieldOffset(0)] public byte last_op; [FieldOffset(1)] public byte ops_len; }

            [StructLayout(LayoutKind.Explicit, Size = 24)]
            public struct io_uring_getevents_arg { [FieldOffset(0)] public ulong sigmask; [FieldOffset(8)] public uint sigmask_sz; [FieldOffset(16)] public ulong ts; }

            [StructLayout(LayoutKind.Explicit, Size = 64)]
            public struct io_uring_reg_wait { [FieldOffset(16)] public uint min_wait_usec; }

            public enum io_uring_register_pbuf_ring_flags : uint { IOU_PBUF_RING_MMAP = 1, IOU_PBUF_RING_INC = 2 }

            public enum io_uring_register_restriction_op : uint
            {
                IORING_RESTRICTION_REGISTER_OP = 0,
                IORING_RESTRICTION_SQE_OP = 1,
                IORING_RESTRICTION_SQE_FLAGS_ALLOWED = 2,
                IORING_RESTRICTION_SQE_FLAGS_REQUIRED = 3,
                IORING_RESTRICTION_LAST = 4,
            }
        }
        """;

    public const string Constants = """
        namespace IoUring.Interop.Native
        {
            public static partial class Constants
            {
                public const uint IOSQE_FIXED_FILE_BIT = 0;
                public const uint IOSQE_IO_DRAIN_BIT = 1;
                public const uint IOSQE_FIXED_FILE = 1;
                public const uint IOSQE_IO_DRAIN = 2;
                public const uint IOSQE_CQE_SKIP_SUCCESS = 64;
                public const uint IORING_SETUP_IOPOLL = 1;
                public const uint IORING_SETUP_SQPOLL = 2;
                public const uint IORING_SETUP_SQ_AFF = 4;
                public const uint IORING_SETUP_CQSIZE = 8;
                public const uint IORING_ENTER_GETEVENTS = 1;
                public const uint IORING_ENTER_SQ_WAKEUP = 2;
                public const uint IORING_ENTER_EXT_ARG = 8;
                public const uint IORING_ENTER_EXT_ARG_REG = 64;
                public const uint IORING_TIMEOUT_ABS = 1;
                public const uint IORING_TIMEOUT_UPDATE = 2;
                public const uint IORING_TIMEOUT_BOOTTIME = 4;
                public const uint IORING_TIMEOUT_REALTIME = 8;
                public const uint IORING_LINK_TIMEOUT_UPDATE = 16;
                public const uint IORING_TIMEOUT_CLOCK_MASK = 12;
                public const uint IORING_TIMEOUT_UPDATE_MASK = 18;
                public const uint IORING_CQE_F_BUFFER = 1;
                public const uint IORING_CQE_F_32 = 32768;
                public const int IORING_CQE_BUFFER_SHIFT = 16;
                public const int IORING_REGISTER_FILES_SKIP = -2;
            }
        }
        """;

    /// <summary>The handwritten half of Syscalls: raw calls that record what they were given.</summary>
    public const string Syscalls = """
        namespace IoUring.Interop.Native
        {
            public static unsafe partial class Syscalls
            {
                public static int LastFd;
                public static uint LastOpcode;
                public static nint LastArg;
                public static ulong LastCount;
                public static uint LastFlags;

                public static int io_uring_register(int fd, uint opcode, void* arg, uint nrArgs)
                {
                    LastFd = fd; LastOpcode = opcode; LastArg = (nint)arg; LastCount = nrArgs;
                    return 7;
                }

                public static int io_uring_enter(int fd, uint toSubmit, uint minComplete, uint flags, void* arg, nuint argsz)
                {
                    LastFd = fd; LastFlags = flags; LastArg = (nint)arg; LastCount = argsz;
                    return (int)toSubmit;
                }
            }
        }
        """;

    /// <summary>The whole fake Native layer with the older enum.</summary>
    public static string[] Layer => [RegisterOpEnum, Types, Constants, Syscalls];
}
