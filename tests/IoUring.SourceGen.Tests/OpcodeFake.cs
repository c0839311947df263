namespace IoUring.SourceGen.Tests;

/// <summary>A small stand-in for the Native layer and the safe layer's entry types, and an opcode table over them.</summary>
internal static class OpcodeFake
{
    /// <summary>io_uring_op as an older header has it, io_uring_sqe with the fields the table uses, and the entry plumbing.</summary>
    public const string Native = """
        using System.Runtime.InteropServices;

        namespace IoUring.Interop.Native
        {
            public enum io_uring_op : byte
            {
                IORING_OP_NOP = 0,
                IORING_OP_READ = 22,
                IORING_OP_LAST = 23,
            }

            [StructLayout(LayoutKind.Explicit, Size = 64)]
            public struct io_uring_sqe
            {
                [FieldOffset(0)] public byte opcode;
                [FieldOffset(1)] public byte flags;
                [FieldOffset(2)] public ushort ioprio;
                [FieldOffset(4)] public int fd;
                [FieldOffset(8)] public ulong off;
                [FieldOffset(16)] public ulong addr;
                [FieldOffset(24)] public uint len;
                [FieldOffset(28)] public uint rw_flags;
                [FieldOffset(32)] public ulong user_data;
                [FieldOffset(40)] public ushort buf_group;
                [FieldOffset(44)] public uint file_index;
            }

            public static class Constants
            {
                public const uint IOSQE_FIXED_FILE = 1;
                public const uint IOSQE_BUFFER_SELECT = 32;
            }
        }

        namespace IoUring.Interop
        {
            public enum Opcode : byte { Nop = 0, Read = 22 }

            public readonly record struct Fd(int Value);

            public readonly struct FileTarget
            {
                private FileTarget(int value, bool isFixed) { Value = value; IsFixed = isFixed; }
                public bool IsFixed { get; }
                public int Value { get; }
                public static implicit operator FileTarget(Fd fd) => new(fd.Value, false);
            }

            public readonly struct DestinationSlot
            {
                private DestinationSlot(uint fileIndex) => FileIndex = fileIndex;
                public static DestinationSlot At(uint slot) => new(slot + 1);
                internal uint FileIndex { get; }
            }

            public struct SubmissionEntry
            {
                internal Native.io_uring_sqe Sqe;
            }
        }

        namespace IoUring.Interop.Opcodes
        {
            internal static class EntryStart
            {
                internal static SubmissionEntry New(Opcode op, int fd)
                {
                    SubmissionEntry entry = default;
                    entry.Sqe.opcode = (byte)op;
                    entry.Sqe.fd = fd;
                    return entry;
                }

                internal static SubmissionEntry New(Opcode op, FileTarget target)
                {
                    SubmissionEntry entry = New(op, target.Value);
                    if (target.IsFixed) entry.Sqe.flags |= (byte)Native.Constants.IOSQE_FIXED_FILE;
                    return entry;
                }

                internal static void SelectBuffer(ref SubmissionEntry entry, ushort? group)
                {
                    if (group is ushort value)
                    {
                        entry.Sqe.flags |= (byte)Native.Constants.IOSQE_BUFFER_SELECT;
                        entry.Sqe.buf_group = value;
                    }
                }
            }
        }
        """;

    /// <summary>The same enum from a "newer header": one more opcode.</summary>
    public static readonly string NewerNative = Native.Replace(
        "IORING_OP_LAST = 23,",
        "IORING_OP_FAKE_NEW = 23,\n                IORING_OP_LAST = 24,");

    /// <summary>A table with a slot-built builder (every kind of field), an encoder row and a handwritten one.</summary>
    public const string Table = """
        using IoUring.Interop.Native;
        using IoUring.Interop.SourceGeneration;

        namespace IoUring.Interop.Opcodes
        {
            [OpcodeBuilder("Nop", nameof(io_uring_op.IORING_OP_NOP), "5.1", "Does no I/O.", Man = "man3/io_uring_prep_nop.3", Liburing = "io_uring_prep_nop")]
            [OpcodeBuilder("Read", nameof(io_uring_op.IORING_OP_READ), "5.6", "Reads a file.", Safety = "keep the buffer alive.", Set = new[] { "ioprio| = 4" })]
            [OpcodeField("Read", "Fd", typeof(FileTarget), "File to read.", Required = true, Slot = "fd")]
            [OpcodeField("Read", "Buffer", typeof(byte*), "Destination.", Required = true, Slot = "addr", SpanLength = "Length")]
            [OpcodeField("Read", "Length", typeof(uint), "Bytes to read.", Required = true, Parameter = "count", Slot = "len")]
            [OpcodeField("Read", "Offset", typeof(long), "File offset.", Slot = "off")]
            [OpcodeField("Read", "RwFlags", typeof(int), "RWF_* flags.", Slot = "rw_flags")]
            [OpcodeField("Read", "BufferGroup", typeof(ushort?), "Provided-buffer group.", Slot = "buffer_select")]
            [OpcodeField("Read", "FileIndex", typeof(DestinationSlot?), "Direct slot.", Slot = "file_index")]
            internal static partial class OpcodeTable
            {
            }
        }
        """;

    /// <summary>Runs the checks inside the compiled output, so tests see the generated Build()'s bytes.</summary>
    public const string Checks = """
        using IoUring.Interop;
        using IoUring.Interop.Opcodes;

        public static unsafe class Checks
        {
            public static byte[] Bytes(SubmissionEntry entry)
            {
                var bytes = new byte[64];
                System.Runtime.InteropServices.MemoryMarshal.Write(bytes, in entry.Sqe);
                return bytes;
            }

            public static byte[] ReadAllSet() => Bytes(new Read(new Fd(5), (byte*)0x1000, count: 64)
            {
                Offset = 7, RwFlags = 2, BufferGroup = 3, FileIndex = DestinationSlot.At(4),
            }.Build());

            public static byte[] ReadDefaults() => Bytes(new Read(new Fd(5), null, 0).Build());

            public static byte[] ReadSpan()
            {
                System.Span<byte> buffer = stackalloc byte[24];
                return Bytes(new Read(new Fd(5), buffer).Build());
            }

            public static byte[] Nop() => Bytes(new Nop().Build());

            public static byte Code() => (byte)IoUring.Interop.Opcodes.Read.Code;
        }
        """;
}
