using System;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace IoUring.SourceGen.Tests;

/// <summary>What a header bump adds outside the register table is generated or named by a diagnostic (IOU010-IOU013).</summary>
public sealed class HeaderReviewTests
{
    private static Diagnostic Single(GeneratorHarness.Result result, string id)
    {
        result.GeneratorDiagnostics.Select(d => d.Id).Should().Equal([id], string.Join("\n", result.GeneratorDiagnostics));
        return result.GeneratorDiagnostics[0];
    }

    private static string[] WithConstant(string declaration) => FakeTable.Complete().Select(s => s.Replace(
        "public const int IORING_REGISTER_FILES_SKIP = -2;", "public const int IORING_REGISTER_FILES_SKIP = -2;\n        " + declaration)).ToArray();

    [Fact]
    public void A_constant_of_a_new_prefix_is_IOU010_naming_it()
    {
        Diagnostic d = Single(GeneratorHarness.Run(WithConstant("public const uint IORING_NEWFAMILY_THING = 4;")), "IOU010");
        d.GetMessage().Should().StartWith("IORING_NEWFAMILY_THING (= 4) is in no [GeneratedEnum] and no [Reviewed] group");
    }

    [Fact]
    public void A_new_member_of_a_new_named_enum_is_IOU010_with_its_enum()
    {
        string[] sources = FakeTable.Complete().Select(s => s.Replace(
            "public enum io_uring_register_pbuf_ring_flags",
            "public enum io_uring_fake_sub_op : uint { FAKE_SUB_OP_A = 0 }\n    public enum io_uring_register_pbuf_ring_flags")).ToArray();

        Single(GeneratorHarness.Run(sources), "IOU010").GetMessage().Should().StartWith("io_uring_fake_sub_op.FAKE_SUB_OP_A (= 0) is in no");
    }

    [Fact]
    public void A_new_member_of_a_reviewed_group_is_IOU011_naming_it_and_its_users()
    {
        Diagnostic d = Single(GeneratorHarness.Run(WithConstant("public const int IORING_REGISTER_FILES_SKIP_TWO = -3;")), "IOU011");
        d.GetMessage().Should().Be("IORING_REGISTER_FILES_SKIP: IORING_REGISTER_FILES_SKIP_TWO (= -3) is new in the header; "
            + "support it where the group is used (FilesUpdate), then list it in the [Reviewed] row");
    }

    [Fact]
    public void A_grown_kernel_checked_struct_is_IOU012_naming_it_and_its_call()
    {
        string[] sources = FakeTable.Complete().Select(s => s.Replace(
            "[StructLayout(LayoutKind.Explicit, Size = 32)]\n    public struct io_uring_rsrc_register",
            "[StructLayout(LayoutKind.Explicit, Size = 40)]\n    public struct io_uring_rsrc_register")).ToArray();
        sources.Should().Contain(s => s.Contains("Size = 40)]\n    public struct io_uring_rsrc_register"), "the edit must reach the struct");

        Single(GeneratorHarness.Run(sources), "IOU012").GetMessage().Should().Be(
            "io_uring_rsrc_register is 40 bytes in this header, 32 in the [KernelCheckedStruct] row: the kernel checks its size in "
            + "IORING_REGISTER_FILES2 (nr_args = its size); review those calls, then update the row");
    }

    [Fact]
    public void A_field_taken_from_a_reserved_one_is_IOU013_naming_it()
    {
        string[] sources = FakeTable.Complete().Select(s => s.Replace(
            "[FieldOffset(4)] public uint flags;", "[FieldOffset(4)] public uint flags; [FieldOffset(8)] public uint new_field;")).ToArray();

        Single(GeneratorHarness.Run(sources), "IOU013").GetMessage().Should().StartWith("io_uring_rsrc_register.new_field is a new field");
    }

    [Fact]
    public void A_renamed_constant_keeps_the_shipped_member_as_an_obsolete_alias()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(FakeTable.Complete());

        result.GeneratorDiagnostics.Should().BeEmpty();
        string setup = result.Source("IoUring.Interop.SetupFlags.g.cs");
        setup.Should().Contain("[global::System.Obsolete(\"Renamed SqPoll: the kernel header renamed the constant to IORING_SETUP_SQPOLL.\")]")
            .And.Contain("SqPollFormerName = SqPoll,");
    }

    [Fact]
    public void An_alias_of_a_constant_the_header_lacks_is_IOU001()
    {
        string[] sources = FakeTable.Complete().Select(s => s.Replace("\"SqPollFormerName\", \"IORING_SETUP_SQPOLL\"", "\"SqPollFormerName\", \"IORING_SETUP_GONE\"")).ToArray();

        Single(GeneratorHarness.Run(sources), "IOU001").GetMessage().Should().Contain("IORING_SETUP_GONE");
    }

    [Fact]
    public void Every_flag_without_a_handwritten_member_gets_a_generated_setter_and_property_that_work()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(WithConstant("public const uint IORING_SETUP_FAKE_NEW = 1U << 20;"));

        result.GeneratorDiagnostics.Should().BeEmpty();
        result.CompileErrors.Should().BeEmpty();
        string flags = result.Source("IoUring.Interop.FakeBuilder.Flags.g.cs");
        flags.Should().Contain("public FakeBuilder SetupFakeNew()").And.Contain("public bool IsSetupFakeNew =>")
            .And.Contain("public FakeBuilder SetupSqPoll()").And.Contain("public FakeBuilder SetupCqSize()")
            .And.NotContain("FakeBuilder SetupIoPoll()", "a handwritten one exists").And.NotContain("FakeBuilder SetupSqAff", "SetupSqPollCpu handles it")
            .And.NotContain("SqPollFormerName", "an alias is not a flag of its own");

        Type builder = result.Load().GetType("IoUring.Interop.FakeBuilder")!;
        object instance = Activator.CreateInstance(builder)!;
        builder.GetMethod("SetupFakeNew")!.Invoke(instance, null).Should().BeSameAs(instance);
        builder.GetProperty("Flags")!.GetValue(instance).Should().Be(1U << 20);
        builder.GetProperty("IsSetupFakeNew")!.GetValue(instance).Should().Be(true);
        builder.GetProperty("IsSetupCqSize")!.GetValue(instance).Should().Be(false);
    }
}
