using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using IoUring.HeaderGen.Model;
using IoUring.HeaderGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>
/// One small header per C construct: its output must equal the golden file (rewritten only with
/// UPDATE_BASELINES=1), compile warning-free, and match gcc's layout and values.
/// </summary>
public sealed class FixtureTests
{
    private const string Namespace = "HeaderGen.Fixtures";

    public static TheoryData<string> Fixtures() =>
        new(Directory.GetFiles(Repo.Fixtures, "*.h").Select(Path.GetFileNameWithoutExtension).Order().Cast<string>());

    internal static (string Text, HeaderModel Model) Generate(string fixture)
    {
        GeneratorOptions options = GeneratorOptions.Parse(
            ["--include-dir", Repo.Fixtures, "--header", fixture + ".h", "--namespace", Namespace]);
        string text = Generator.Generate(options, out HeaderModel model, out _);
        return (text, model);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Output_matches_the_baseline(string fixture)
    {
        string text = Generate(fixture).Text;
        string baseline = Path.Combine(Repo.Baselines, fixture + ".expected.txt");
        if (Repo.UpdateBaselines)
        {
            Directory.CreateDirectory(Repo.Baselines);
            File.WriteAllText(baseline, text);
        }

        File.Exists(baseline).Should().BeTrue($"the baseline {baseline} exists (create it with UPDATE_BASELINES=1)");
        text.Should().Be(File.ReadAllText(baseline));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Output_compiles_without_warnings_and_matches_gcc(string fixture)
    {
        (string text, HeaderModel model) = Generate(fixture);
        (Assembly? assembly, IReadOnlyList<Diagnostic> diagnostics) = InMemoryCompiler.Compile(text, "Fixture_" + fixture);
        diagnostics.Select(d => d.ToString()).Should().BeEmpty();
        assembly.Should().NotBeNull();

        Oracle.Report report = Oracle.Check(model, assembly!, Namespace, [Repo.Fixtures], [fixture + ".h"]);
        report.Mismatches.Should().BeEmpty();
        (report.Fields + report.Constants + report.EnumMembers).Should().BePositive();
    }

    [Fact]
    public void Anonymous_members_are_flattened_recursively()
    {
        RecordDecl outer = Record(Generate("anonymous_union").Model, "anon_outer");
        Offsets(outer).Should().Equal(new Dictionary<string, long>
        {
            ["kind"] = 0, ["as_u64"] = 8, ["lo"] = 8, ["hi"] = 12, ["inner_a"] = 8, ["inner_b"] = 8, ["inner_c"] = 9,
            ["point"] = 16, ["tagged"] = 24,
        });
        outer.Fields.Single(f => f.Name == "point").Type.Should().Be("anon_outer_point");
        Record(Generate("anonymous_union").Model, "anon_outer_tagged").Fields.Select(f => f.Name)
            .Should().Equal("tag", "deep_u32", "deep_bytes");
    }

    [Fact]
    public void Packed_union_keeps_clangs_offsets()
    {
        HeaderModel model = Generate("packed_union").Model;
        Offsets(Record(model, "packed_holder")).Should().Contain(new KeyValuePair<string, long>("index", 1))
            .And.Contain(new KeyValuePair<string, long>("personality", 4));
        Record(model, "packed_struct").Size.Should().Be(7);
    }

    [Fact]
    public void Arrays_take_the_right_shape()
    {
        Dictionary<string, FieldDecl> fields = Record(Generate("fixed_arrays").Model, "arrays").Fields.ToDictionary(f => f.Name);
        fields["words"].Should().Match<FieldDecl>(f => f.Shape == FieldShape.FixedBuffer && f.Count == 5 && f.Type == "uint");
        fields["matrix"].Should().Match<FieldDecl>(f => f.Shape == FieldShape.FixedBuffer && f.Count == 6 && f.Type == "sbyte");
        fields["items"].Should().Match<FieldDecl>(f => f.Shape == FieldShape.InlineArray && f.Count == 4 && f.Type == "array_item");
        fields["pointers"].Should().Match<FieldDecl>(f => f.Shape == FieldShape.InlineArray && f.Count == 2 && f.Type == "nint");
    }

    [Fact]
    public void Flexible_arrays_add_nothing_to_sizeof()
    {
        HeaderModel model = Generate("flexible_arrays").Model;
        Record(model, "flex_tail").Size.Should().Be(16);
        Record(model, "flex_zero").Size.Should().Be(16);
        Record(model, "flex_in_union").Size.Should().Be(16);
        Record(model, "flex_alone").Size.Should().Be(4);
        model.Types.OfType<RecordDecl>().SelectMany(r => r.Fields).Where(f => f.Shape == FieldShape.Flexible)
            .Select(f => (f.Name, f.Offset)).Should().Equal(("entries", 16L), ("extra", 16L), ("bufs", 0L), ("values", 4L));
    }

    [Fact]
    public void Macros_are_typed_by_clang_and_the_rest_is_skipped_by_name()
    {
        HeaderModel model = Generate("macros").Model;
        model.Constants.ToDictionary(c => c.Name, c => (c.Type, c.Value)).Should().Equal(new Dictionary<string, (string, string)>
        {
            ["M_NEGATIVE"] = ("int", "-2"),
            ["M_UNSIGNED"] = ("uint", "2147483648"),
            ["M_ALL_ONES"] = ("uint", "4294967295"),
            ["M_SIXTY_FOUR"] = ("ulong", "134217728"),
            ["M_MASK64"] = ("ulong", "18446462598732840960"),
            ["M_CAST"] = ("uint", "65536"),
            ["M_LONG"] = ("long", "-1"),
            ["M_BYTE"] = ("byte", "200"),
            ["M_SIGNED_CHAR"] = ("sbyte", "-5"),
            ["M_SHORT"] = ("short", "-300"),
            ["M_CHAR_LITERAL"] = ("int", "65"),
            ["M_COMBINED"] = ("uint", "2147549184"),
            ["M_PLAIN"] = ("int", "16"),
            ["M_AFTER_BROKEN"] = ("int", "7"),
        });
        model.Skipped.Select(s => s.Name).Should().BeEquivalentTo(
            "FIXTURE_MACROS_H", "M_STRING", "M_FLOAT", "M_FUNCTION", "M_EMPTY", "M_BRACE", "M_PAREN");
        model.Skipped.Single(s => s.Name == "M_EMPTY").Reason.Should().StartWith("empty macro");
        model.Skipped.Single(s => s.Name == "M_PAREN").Reason.Should().StartWith("not an expression");
    }

    [Fact]
    public void Enums_keep_clangs_underlying_type()
    {
        HeaderModel model = Generate("enums").Model;
        model.Types.OfType<EnumDecl>().ToDictionary(e => e.Name, e => e.UnderlyingType).Should().Equal(new Dictionary<string, string>
        {
            ["plain_enum"] = "uint",
            ["negative_enum"] = "int",
            ["high_bit_enum"] = "uint",
            ["wide_enum"] = "ulong",
        });
        model.Constants.Select(c => (c.Name, c.Type, c.Value)).Should().Equal(
            ("ANON_ONE", "int", "1"), ("ANON_SHIFTED", "int", "16"), ("ANON_NEG", "int", "-7"),
            ("ANON_TOO_BIG_FOR_INT", "uint", "2147483648"));
    }

    [Fact]
    public void Typedef_chains_resolve_to_canonical_types()
    {
        Record(Generate("typedef_chains").Model, "tc_everything").Fields.Select(f => (f.Name, f.Type)).Should().Equal(
            ("handle", "uint"), ("when", "long"), ("aligned", "ulong"), ("origin", "tc_point"), ("next", "tc_point*"),
            ("opaque", "void*"), ("callback", "void*"), ("name", "sbyte*"), ("table", "byte**"), ("flag", "bool"),
            ("plain_long", "long"), ("plain_ulong", "ulong"), ("plain_char", "sbyte"));
    }

    [Fact]
    public void A_parse_error_fails_the_tool_with_clangs_message_and_location()
    {
        string output = Path.Combine(Path.GetTempPath(), "headergen-error-" + System.Guid.NewGuid().ToString("N") + ".cs");
        (int exitCode, _, string stderr) = ToolProcess.Run(
            "--include-dir", Path.Combine(Repo.Fixtures, "Errors"), "--header", "parse_error.h", "--output", output);
        exitCode.Should().NotBe(0);
        stderr.Should().Contain("parse_error.h:6:").And.Contain("unknown type name 'no_such_type'");
        File.Exists(output).Should().BeFalse();
    }

    private static RecordDecl Record(HeaderModel model, string name) => model.Types.OfType<RecordDecl>().Single(r => r.Name == name);

    private static Dictionary<string, long> Offsets(RecordDecl record) => record.Fields.ToDictionary(f => f.Name, f => f.Offset);
}
