using FluentAssertions;
using IoUring.HeaderGen.Emit;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>headers/update.sh --check's report: each change under its kind, with the next action.</summary>
public sealed class ListingDiffTests
{
    private const string Old = """
        const IORING_SETUP_IOPOLL : uint = 1
        const IORING_FEAT_NODROP : uint = 2
        const IORING_CQE_F_OLD_NAME : uint = 64
        enum io_uring_op : uint
        enum io_uring_op.IORING_OP_NOP = 0
        enum io_uring_register_op : uint
        enum io_uring_register_op.IORING_REGISTER_LAST = 38
        struct io_uring_rsrc_register : size 32, align 8
        struct io_uring_params : size 120, align 8
        struct io_uring_params.resv : fixed uint[3] @ 28

        """;

    private const string New = """
        const IORING_SETUP_IOPOLL : uint = 1
        const IORING_SETUP_FAKE_NEW : uint = 1048576
        const IORING_FEAT_NODROP : uint = 2
        const IORING_CQE_F_NEW_NAME : uint = 64
        enum io_uring_op : uint
        enum io_uring_op.IORING_OP_NOP = 0
        enum io_uring_op.IORING_OP_FAKE = 66
        enum io_uring_register_op : uint
        enum io_uring_register_op.IORING_REGISTER_FAKE = 38
        enum io_uring_register_op.IORING_REGISTER_LAST = 39
        struct io_uring_rsrc_register : size 40, align 8
        struct io_uring_params : size 120, align 8
        struct io_uring_params.fake_field : uint @ 28
        struct io_uring_params.resv : fixed uint[2] @ 32
        struct brand_new : size 8, align 8
        struct brand_new.x : ulong @ 0
        skipped FAKE_STRING : not an integer constant

        """;

    [Fact]
    public void Each_kind_of_change_is_listed_under_its_kind_with_the_next_action()
    {
        string report = ListingDiff.Report(Old, New);

        report.Should().Contain("register ops (2)\n  + enum io_uring_register_op.IORING_REGISTER_FAKE = 38\n")
            .And.Contain("IOU004")
            .And.Contain("opcodes (1)\n  + enum io_uring_op.IORING_OP_FAKE = 66\n")
            .And.Contain("flags IORING_SETUP_ (1)\n  + const IORING_SETUP_FAKE_NEW : uint = 1048576\n  next: generated: SetupFlags, RingBuilder.Setup<Name>()")
            .And.Contain("sizes (1)\n  ~ struct io_uring_rsrc_register : size 32, align 8  ->  struct io_uring_rsrc_register : size 40, align 8\n")
            .And.Contain("fields of io_uring_params (2)\n  + struct io_uring_params.fake_field : uint @ 28\n")
            .And.Contain("structs (1)\n  + struct brand_new : size 8, align 8\n")
            .And.Contain("skipped macros (1)\n  + skipped FAKE_STRING")
            .And.Contain("renamed? const IORING_CQE_F_OLD_NAME : uint = 64  =>  const IORING_CQE_F_NEW_NAME : uint = 64")
            .And.Contain("[EnumAlias]");
        report.Should().NotContain("brand_new.x", "the fields of a new struct come with it");
        report.Should().NotContain("IORING_FEAT_", "an unchanged family is not listed");
    }

    [Fact]
    public void The_same_listing_is_no_change()
        => ListingDiff.Report(Old, Old).Should().StartWith("No change");

    [Theory]
    [InlineData("IORING_SETUP_SQPOLL", "IORING_SETUP_")]
    [InlineData("IO_URING_QUERY_ZCRX", "IO_URING_QUERY_")]
    [InlineData("IOSQE_ASYNC", "IOSQE_")]
    [InlineData("__IO_URING_QUERY_MAX", "IO_URING_QUERY_")]
    [InlineData("SPLICE_F_FD_IN_FIXED", "SPLICE_")]
    public void Families_are_the_prefixes_the_enum_table_uses(string name, string family)
        => ListingDiff.Family(name).Should().Be(family);
}
