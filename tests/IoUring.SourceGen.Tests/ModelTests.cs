using System.Collections.Generic;
using System.Collections.Immutable;
using FluentAssertions;
using IoUring.SourceGen;
using IoUring.SourceGen.Model;
using IoUring.SourceGen.Text;
using Xunit;

namespace IoUring.SourceGen.Tests;

/// <summary>The pure parts on their own: naming, shape checks, model building and emitting, without a compilation.</summary>
public sealed class ModelTests
{
    private static readonly Dictionary<string, string> Overrides = new()
    {
        ["GETEVENTS"] = "GetEvents",
        ["SQPOLL"] = "SqPoll",
        ["IORING_CQE_F_32"] = "Cqe32",
    };

    [Theory]
    [InlineData("IORING_ENTER_GETEVENTS", "GETEVENTS", "GetEvents")]
    [InlineData("IORING_SETUP_SQPOLL", "SQPOLL", "SqPoll")]
    [InlineData("IORING_SETUP_SQ_AFF", "SQ_AFF", "SqAff")]
    [InlineData("IORING_SETUP_SQE128", "SQE128", "Sqe128")]
    [InlineData("IORING_CQE_F_32", "32", "Cqe32")]
    [InlineData("IORING_SETUP_R_DISABLED", "R_DISABLED", "RDisabled")]
    public void PascalCase_splits_words_and_applies_overrides(string cName, string words, string expected)
        => PascalCase.Convert(cName, words, Overrides).Should().Be(expected);

    [Theory]
    [InlineData("IORING_REGISTER_BUFFERS", "RegisterBuffers")]
    [InlineData("IORING_UNREGISTER_FILES", "UnregisterFiles")]
    [InlineData("IORING_REGISTER_FILES2", "RegisterFiles2")]
    [InlineData("IORING_REGISTER_FILES_UPDATE2", "RegisterFilesUpdate2")]
    [InlineData("IORING_REGISTER_PBUF_RING", "RegisterPbufRing")]
    [InlineData("IORING_REGISTER_IOWQ_MAX_WORKERS", "RegisterIowqMaxWorkers")]
    [InlineData("IORING_REGISTER_RING_FDS", "RegisterRingFds")]
    [InlineData("IORING_REGISTER_SYNC_CANCEL", "RegisterSyncCancel")]
    [InlineData("IORING_REGISTER_CLONE_BUFFERS", "RegisterCloneBuffers")]
    [InlineData("IORING_REGISTER_ZCRX_IFQ", "RegisterZcrxIfq")]
    public void Method_names_are_the_opcode_in_PascalCase(string opcode, string expected)
        => IoUringGenerator.MethodNameFor(opcode).Should().Be(expected);

    private static RegisterRow Row(ArgShape shape, string? type, TypeCategory category, bool inOut = false, int count = 0)
        => new("IORING_X", "X", shape, type, category, inOut, false, ResultKind.Zero, count, "arg", "count", "5.1", "s", null);

    [Fact]
    public void ShapeMisfit_accepts_fitting_rows_and_names_the_problem_otherwise()
    {
        IoUringGenerator.ShapeMisfit(Row(ArgShape.Array, "int", TypeCategory.Integer)).Should().BeNull();
        IoUringGenerator.ShapeMisfit(Row(ArgShape.Struct, "global::S", TypeCategory.Struct, inOut: true)).Should().BeNull();
        IoUringGenerator.ShapeMisfit(Row(ArgShape.FixedArray, "uint", TypeCategory.Integer, count: 2)).Should().BeNull();
        IoUringGenerator.ShapeMisfit(Row(ArgShape.Struct, "string", TypeCategory.Other)).Should().Contain("unmanaged struct");
        IoUringGenerator.ShapeMisfit(Row(ArgShape.StructSized, "global::S", TypeCategory.Struct, inOut: true)).Should().Be("cannot be InOut");
        IoUringGenerator.ShapeMisfit(Row(ArgShape.PointerWithCount, "global::S", TypeCategory.Struct)).Should().Be("needs Count > 0");
    }

    [Fact]
    public void Enums_keep_single_bits_and_skip_masks_bits_shifts_and_sentinels()
    {
        var native = new NativeLayer(
            new NativeConstant[]
            {
                new("IORING_POLL_ADD_MULTI", "uint", 1, false, null),
                new("IORING_POLL_UPDATE_EVENTS", "uint", 2, false, null),
                new("IORING_POLL_BOTH", "uint", 3, false, null),
                new("IORING_POLL_X_MASK", "uint", 4, false, null),
                new("IORING_POLL_X_BIT", "uint", 8, false, null),
                new("IORING_POLL_LAST", "uint", 16, false, null),
            }.ToEquatableArray(),
            EquatableArray<string>.Empty,
            EquatableArray<NativeStruct>.Empty);
        var spec = new EnumSpec("PollFlags", "s", new[] { "IORING_POLL_" }.ToEquatableArray(), EquatableArray<string>.Empty, null, true, null, null, null);

        EnumsModel model = IoUringGenerator.BuildEnumsModel(
            ImmutableArray.Create(new[] { spec }.ToEquatableArray()), ImmutableArray<EquatableArray<NameOverride>>.Empty,
            ImmutableArray<EquatableArray<EnumAlias>>.Empty, native);

        model.Diagnostics.Should().BeEmpty();
        EnumModel poll = model.Enums.Should().ContainSingle().Subject;
        poll.UnderlyingType.Should().Be("uint");
        poll.Members.Should().Equal(
            new EnumMemberModel("AddMulti", native.Constants[0]),
            new EnumMemberModel("UpdateEvents", native.Constants[1]));
    }

    [Fact]
    public void EmitEnum_writes_the_header_and_references_the_constants()
    {
        var member = new EnumMemberModel("FixedFile", new NativeConstant("IOSQE_FIXED_FILE", "uint", 1, false, null));
        var model = new EnumModel("SqeFlags", "Flags of an SQE.", true, "byte", "5.1", new[] { member }.ToEquatableArray());

        string text = IoUringGenerator.EmitEnum(model);

        text.Should().Be("""
            // <auto-generated/>
            #nullable enable

            namespace IoUring.Interop
            {
                /// <summary>Flags of an SQE.</summary>
                /// <remarks>Available since Linux 5.1.</remarks>
                [global::System.Flags]
                [global::System.CodeDom.Compiler.GeneratedCode("IoUring.SourceGen", "1.0.0")]
                public enum SqeFlags : byte
                {
                    /// <summary>No flags.</summary>
                    None = 0,

                    /// <summary><c>IOSQE_FIXED_FILE</c>.</summary>
                    FixedFile = (byte)(global::IoUring.Interop.Native.Constants.IOSQE_FIXED_FILE),
                }
            }

            """.ReplaceLineEndings("\n"));
    }
}
