using System;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using Xunit;

namespace IoUring.SourceGen.Tests;

/// <summary>Generated enums take their members from the constants by prefix, with values from the constants.</summary>
public sealed class EnumTests
{
    private static readonly Lazy<(GeneratorHarness.Result Result, Assembly Assembly)> Generated = new(() =>
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(FakeTable.Complete());
        return (result, result.Load());
    });

    private static Type Enum(string name) => Generated.Value.Assembly.GetType("IoUring.Interop." + name)!;

    private static (string Name, ulong Value)[] Members(string name)
    {
        Type type = Enum(name);
        return type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.Name, Convert.ToUInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
    }

    [Fact]
    public void SetupFlags_strips_the_prefix_and_applies_the_overrides()
    {
        Enum("SetupFlags").IsDefined(typeof(FlagsAttribute), false).Should().BeTrue();
        Enum("SetupFlags").GetEnumUnderlyingType().Should().Be<uint>();
        Members("SetupFlags").Should().Equal(("None", 0UL), ("IoPoll", 1UL), ("SqPoll", 2UL), ("SqPollFormerName", 2UL), ("SqAff", 4UL), ("CqSize", 8UL));
    }

    [Fact]
    public void A_row_with_Since_gives_its_enum_the_availability_remark_and_a_row_without_gives_none()
    {
        Generated.Value.Result.Source("IoUring.Interop.SetupFlags.g.cs").Should().Contain(
            "/// <summary>Flags for io_uring_setup(2).</summary>\n    /// <remarks>Available since Linux 5.1.</remarks>\n    [global::System.Flags]\n");
        Generated.Value.Result.Source("IoUring.Interop.EnterFlags.g.cs").Should().NotContain("<remarks>");
    }

    [Fact]
    public void SqeFlags_is_a_byte_enum_without_the_bit_numbers()
    {
        Enum("SqeFlags").GetEnumUnderlyingType().Should().Be<byte>();
        Members("SqeFlags").Should().Equal(("None", 0UL), ("FixedFile", 1UL), ("IoDrain", 2UL), ("CqeSkipSuccess", 64UL));
    }

    [Fact]
    public void TimeoutFlags_excludes_the_masks_and_includes_the_link_timeout_update()
        => Members("TimeoutFlags").Should().Equal(
            ("None", 0UL), ("Abs", 1UL), ("Update", 2UL), ("BootTime", 4UL), ("RealTime", 8UL), ("LinkTimeoutUpdate", 16UL));

    [Fact]
    public void CqeFlags_uses_the_whole_name_override_and_skips_shifts()
        => Members("CqeFlags").Should().Equal(("None", 0UL), ("Buffer", 1UL), ("Cqe32", 32768UL));

    [Fact]
    public void EnterFlags_values_come_from_the_constants()
    {
        Members("EnterFlags").Should().Equal(("None", 0UL), ("GetEvents", 1UL), ("SqWakeup", 2UL), ("ExtArg", 8UL), ("ExtArgReg", 64UL));
        Generated.Value.Result.Source("IoUring.Interop.EnterFlags.g.cs")
            .Should().Contain("GetEvents = global::IoUring.Interop.Native.Constants.IORING_ENTER_GETEVENTS,");
    }

    [Fact]
    public void Enums_can_come_from_a_native_enum()
    {
        Members("PbufRingFlags").Should().Equal(("None", 0UL), ("Mmap", 1UL), ("Inc", 2UL));
        Enum("RestrictionOp").IsDefined(typeof(FlagsAttribute), false).Should().BeFalse();
        Members("RestrictionOp").Should().Equal(("RegisterOp", 0UL), ("SqeOp", 1UL), ("SqeFlagsAllowed", 2UL), ("SqeFlagsRequired", 3UL));
    }
}
