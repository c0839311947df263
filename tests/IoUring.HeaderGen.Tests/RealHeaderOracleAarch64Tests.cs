using System.Linq;
using FluentAssertions;
using IoUring.HeaderGen.Model;
using IoUring.HeaderGen.Tests.Infrastructure;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>
/// arm64: the arm64 parse of the real headers, and the built IoUring.Interop assembly (the one assembly both
/// architectures load), against Debian's aarch64 gcc, for every type and constant. The cross compiler answers at
/// compile time (nothing arm64 is run), as the native gcc does for x86-64 in <see cref="RealHeaderOracleTests"/>.
/// </summary>
public sealed class RealHeaderOracleAarch64Tests
{
    private static readonly Oracle.Report Report = Oracle.Check(
        Repo.ModelFor(Repo.Aarch64), typeof(Constants).Assembly, "IoUring.Interop.Native",
        Repo.IncludeDirectoriesFor(Repo.Aarch64), Repo.PrimaryHeaders, Gcc.Aarch64, "aarch64");

    [Fact]
    public void Every_struct_and_union_has_aarch64_gccs_size_alignment_and_field_offsets()
    {
        Report.Mismatches.Where(m => !m.StartsWith("Constants.", System.StringComparison.Ordinal) && !m.Contains("IORING", System.StringComparison.Ordinal))
            .Should().BeEmpty();
        Report.Records.Should().Be(Repo.ModelFor(Repo.Aarch64).Types.OfType<RecordDecl>().Count()).And.BeGreaterThan(40);
        Report.Fields.Should().BeGreaterThan(300);
    }

    [Fact]
    public void Every_constant_and_enum_member_has_aarch64_gccs_type_and_value()
    {
        Report.Mismatches.Should().BeEmpty();
        (Report.Constants + Report.EnumMembers).Should().BeGreaterThanOrEqualTo(290);
    }
}
