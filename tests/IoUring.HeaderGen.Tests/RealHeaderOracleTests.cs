using System.Linq;
using FluentAssertions;
using IoUring.HeaderGen.Model;
using IoUring.HeaderGen.Tests.Infrastructure;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>The built IoUring.Interop assembly against gcc, for every generated type and constant of the real headers.</summary>
public sealed class RealHeaderOracleTests
{
    private static readonly Oracle.Report Report = Oracle.Check(
        Repo.Model, typeof(Constants).Assembly, "IoUring.Interop.Native", Repo.IncludeDirectories, Repo.PrimaryHeaders);

    [Fact]
    public void Every_struct_and_union_has_gccs_size_alignment_and_field_offsets()
    {
        Report.Mismatches.Where(m => !m.StartsWith("Constants.", System.StringComparison.Ordinal) && !m.Contains("IORING", System.StringComparison.Ordinal))
            .Should().BeEmpty();
        Report.Records.Should().Be(Repo.Model.Types.OfType<RecordDecl>().Count());
        // The io_uring headers' own tags, and __kernel_timespec, which they use from linux/time_types.h.
        Repo.Model.Types.OfType<RecordDecl>().Select(r => r.Name).Should().Contain(["io_uring_sqe", "io_uring_params", "__kernel_timespec"]);
        Report.Fields.Should().BeGreaterThan(300);
    }

    [Fact]
    public void Every_constant_and_enum_member_has_gccs_type_and_value()
    {
        Report.Mismatches.Should().BeEmpty();
        (Report.Constants + Report.EnumMembers).Should().BeGreaterThanOrEqualTo(290);
    }

    [Fact]
    public void The_figures_the_issue_names()
    {
        Oracle.SizeOf(typeof(io_uring_params)).Should().Be(120);
        Oracle.SizeOf(typeof(io_uring_sqe)).Should().Be(64);
        Oracle.SizeOf(typeof(io_uring_cqe)).Should().Be(16);
        Oracle.SizeOf(typeof(io_uring_probe)).Should().Be(16);
        Oracle.SizeOf(typeof(io_uring_buf_ring)).Should().Be(16);
        ((uint)io_uring_register_op.IORING_REGISTER_ZCRX_IFQ).Should().Be(32);
        ((uint)io_uring_register_op.IORING_REGISTER_USE_REGISTERED_RING).Should().Be(1U << 31);
        Constants.IORING_ENTER_NO_IOWAIT.Should().Be(128U);
        Constants.IORING_REGISTER_FILES_SKIP.Should().Be(-2);
        Constants.IORING_FILE_INDEX_ALLOC.Should().Be(uint.MaxValue);
        Constants.IORING_OFF_CQ_RING.Should().Be(0x8000000UL);
    }

    [Fact]
    public unsafe void Anonymous_members_are_flattened_at_their_real_offsets()
    {
        io_uring_sqe sqe = default;
        byte* start = (byte*)&sqe;
        ((long)((byte*)&sqe.off - start)).Should().Be(8);
        ((long)((byte*)&sqe.addr2 - start)).Should().Be(8);
        ((long)((byte*)&sqe.cmd_op - start)).Should().Be(8);
        ((long)((byte*)&sqe.buf_index - start)).Should().Be(40);
        ((long)((byte*)&sqe.addr3 - start)).Should().Be(48);
    }

    [Fact]
    public unsafe void Flexible_arrays_are_spans_at_clangs_offset_and_add_nothing_to_sizeof()
    {
        byte* memory = stackalloc byte[256];
        ref io_uring_probe probe = ref *(io_uring_probe*)memory;
        ((long)((byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref probe.ops(4)[0]) - memory)).Should().Be(16);
        ref io_uring_cqe cqe = ref *(io_uring_cqe*)memory;
        ((long)((byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref cqe.big_cqe(2)[0]) - memory)).Should().Be(16);
        ref io_uring_sqe sqe = ref *(io_uring_sqe*)memory;
        ((long)((byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref sqe.cmd(80)[0]) - memory)).Should().Be(48);
        ref io_uring_buf_ring ring = ref *(io_uring_buf_ring*)memory;
        ring.bufs(8).Length.Should().Be(8);
        ((long)((byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref ring.bufs(8)[1]) - memory)).Should().Be(16);
        // The ring tail overlays bufs[0].resv, as the kernel header says.
        ring.tail = 7;
        ring.bufs(1)[0].resv.Should().Be(7);
    }
}
