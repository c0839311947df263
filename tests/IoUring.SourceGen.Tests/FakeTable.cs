namespace IoUring.SourceGen.Tests;

/// <summary>Table sources written like the real RegisterTable.cs, against <see cref="FakeNative"/>.</summary>
internal static class FakeTable
{
    /// <summary>One row per argument shape, every other member of the fake enum skipped.</summary>
    public const string AllShapes = """
        using IoUring.Interop.SourceGeneration;

        namespace IoUring.Interop.Native
        {
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_BUFFERS), ArgShape.Array, typeof(iovec), "5.1", "Registers fixed buffers.")]
            [RegisterOp(nameof(io_uring_register_op.IORING_UNREGISTER_BUFFERS), ArgShape.None, "5.1", "Unregisters the fixed buffers.")]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_FILES), ArgShape.Array, typeof(int), "5.1", "Registers fixed files.")]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_PROBE), ArgShape.PointerWithCount, typeof(io_uring_probe), "5.6", "Probes the supported opcodes.", Count = 256, ParameterName = "probe", CountParameterName = "opsLength")]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_PERSONALITY), ArgShape.None, "5.6", "Registers the credentials as a personality.", Result = ResultKind.Id)]
            [RegisterOp(nameof(io_uring_register_op.IORING_UNREGISTER_PERSONALITY), ArgShape.Value, "5.6", "Unregisters a personality.")]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_FILES2), ArgShape.StructSized, typeof(io_uring_rsrc_register), "5.13", "Registers fixed files with tags.")]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_FILES_UPDATE), ArgShape.StructWithCount, typeof(io_uring_rsrc_update), "5.5", "Updates fixed files.", Result = ResultKind.Count)]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_IOWQ_AFF), ArgShape.Bytes, "5.14", "Sets the io-wq CPU affinity.")]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_IOWQ_MAX_WORKERS), ArgShape.FixedArray, typeof(uint), "5.15", "Sets the io-wq worker limits.", Count = 2, InOut = true)]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_RING_FDS), ArgShape.Array, typeof(io_uring_rsrc_update), "5.18", "Registers ring fds.", InOut = true, Result = ResultKind.Count)]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_SYNC_CANCEL), ArgShape.Struct, typeof(io_uring_sync_cancel_reg), "6.0", "Cancels requests synchronously.")]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_FILE_ALLOC_RANGE), ArgShape.StructNrZero, typeof(io_uring_file_index_range), "6.0", "Sets the file allocation range.")]
            [RegisterOp(nameof(io_uring_register_op.IORING_REGISTER_QUERY), ArgShape.StructNrZero, typeof(io_uring_query_hdr), "6.18", "Queries io_uring.", InOut = true, AllowsNoRing = true)]
            [RegisterOpSkip(nameof(io_uring_register_op.IORING_UNREGISTER_FILES), "not in this test")]
            [RegisterOpSkip(nameof(io_uring_register_op.IORING_REGISTER_LAST), "sentinel")]
            [RegisterOpSkip(nameof(io_uring_register_op.IORING_REGISTER_USE_REGISTERED_RING), "flag")]
            internal static partial class RegisterTable
            {
            }
        }
        """;

    public const string Enter = """
        using IoUring.Interop.SourceGeneration;

        namespace IoUring.Interop.Native
        {
            [EnterOverload(EnterArgKind.None, "5.1", "Submits and waits.")]
            [EnterOverload(EnterArgKind.Sigset, "5.1", "Submits and waits with a signal mask.")]
            [EnterOverload(EnterArgKind.GeteventsArg, "5.11", "Submits and waits with an extended argument.")]
            [EnterOverload(EnterArgKind.RegisteredWaitOffset, "6.13", "Submits and waits with a registered wait argument.")]
            internal static partial class EnterTable
            {
            }
        }
        """;

    public const string Enums = """
        using IoUring.Interop.SourceGeneration;

        namespace IoUring.Interop.Native
        {
            [GeneratedEnum("SetupFlags", "Flags for io_uring_setup(2).", "IORING_SETUP_", Since = "5.1")]
            [GeneratedEnum("EnterFlags", "Flags for io_uring_enter(2).", "IORING_ENTER_")]
            [GeneratedEnum("SqeFlags", "Flags of an SQE.", "IOSQE_", UnderlyingType = typeof(byte))]
            [GeneratedEnum("TimeoutFlags", "Timeout flags.", "IORING_TIMEOUT_", Include = new[] { "IORING_LINK_TIMEOUT_UPDATE" })]
            [GeneratedEnum("CqeFlags", "Flags of a CQE.", "IORING_CQE_F_")]
            [GeneratedEnum("PbufRingFlags", "Flags of a buffer ring.", "IOU_PBUF_RING_")]
            [GeneratedEnum("RestrictionOp", "Restriction kinds.", "IORING_RESTRICTION_", FromEnum = "io_uring_register_restriction_op", IsFlags = false)]
            [NameOverride("GETEVENTS", "GetEvents")]
            [NameOverride("SQPOLL", "SqPoll")]
            [NameOverride("IOPOLL", "IoPoll")]
            [NameOverride("CQSIZE", "CqSize")]
            [NameOverride("BOOTTIME", "BootTime")]
            [NameOverride("REALTIME", "RealTime")]
            [NameOverride("IORING_CQE_F_32", "Cqe32")]
            internal static partial class EnumTable
            {
            }
        }
        """;

    /// <summary>The review rows: every fake constant outside the generated enums, and one kernel-checked struct.</summary>
    public const string Review = """
        using IoUring.Interop.SourceGeneration;

        namespace IoUring.Interop.Native
        {
            [Reviewed("IORING_CQE_BUFFER_SHIFT", "CompletionEntry.BufferId", "IORING_CQE_BUFFER_SHIFT")]
            [Reviewed("IORING_REGISTER_FILES_SKIP", "FilesUpdate", "IORING_REGISTER_FILES_SKIP")]
            [KernelCheckedStruct(nameof(io_uring_rsrc_register), 32, "IORING_REGISTER_FILES2 (nr_args = its size)", Fields = new[] { "nr", "flags", "data", "tags" })]
            [EnumAlias("SetupFlags", "SqPollFormerName", "IORING_SETUP_SQPOLL")]
            internal static class ReviewTable
            {
            }
        }
        """;

    /// <summary>A builder with a handwritten setter for one flag and another flag handled under a different name.</summary>
    public const string Builder = """
        using IoUring.Interop.SourceGeneration;

        namespace IoUring.Interop
        {
            [GeneratedFlagMembers("SetupFlags", FlagMemberKind.Setter, "Setup", "_flags", HandledElsewhere = new[] { "IORING_SETUP_SQ_AFF" })]
            [GeneratedFlagMembers("SetupFlags", FlagMemberKind.Property, "IsSetup", "_flags")]
            public sealed partial class FakeBuilder
            {
                private uint _flags;

                public uint Flags => _flags;

                public FakeBuilder SetupIoPoll() { _flags |= 1; return this; }

                public FakeBuilder SetupSqPollCpu() { _flags |= 4; return this; }
            }
        }
        """;

    /// <summary>Everything: fake Native layer and all the tables.</summary>
    public static string[] Complete(params string[] extra) => [.. FakeNative.Layer, AllShapes, Enter, Enums, .. extra, Review, Builder];
}
