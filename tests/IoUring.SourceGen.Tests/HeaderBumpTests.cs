using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using FluentAssertions;
using IoUring.HeaderGen.Emit;
using Microsoft.CodeAnalysis;
using Xunit;

namespace IoUring.SourceGen.Tests;

/// <summary>
/// A header bump end to end: a copy of the vendored headers with one synthetic addition of each kind a bump brings goes
/// through the built IoUring.HeaderGen tool once (with the MSBuild target's arguments), then through the source
/// generator over the shipped tables (and RingBuilder/RingParameters); each addition must be generated or named by a
/// diagnostic, and the --check report must list it under its kind.
/// </summary>
public sealed class HeaderBumpTests
{
    private const string RegisterOp = "IORING_REGISTER_FAKE_NEW";
    private const string OpcodeName = "IORING_OP_FAKE_NEW";

    /// <summary>The synthetic bump: each edit is (file, text that must be there once, replacement).</summary>
    private static readonly (string File, string Find, string Replace)[] Edits =
    [
        // New register op and opcode, before the enums' sentinels.
        ("linux/io_uring.h", "/* this goes last */\n\tIORING_REGISTER_LAST,", $"{RegisterOp},\n\n\t/* this goes last */\n\tIORING_REGISTER_LAST,"),
        ("linux/io_uring.h", "/* this goes last, obviously */\n\tIORING_OP_LAST,", $"{OpcodeName},\n\n\t/* this goes last, obviously */\n\tIORING_OP_LAST,"),
        // New setup and feature flags.
        ("linux/io_uring.h", "#define IORING_SETUP_SQ_REWIND\t\t(1U << 20)", "#define IORING_SETUP_SQ_REWIND\t\t(1U << 20)\n#define IORING_SETUP_FAKE_NEW\t\t(1U << 29)"),
        ("linux/io_uring.h", "#define IORING_FEAT_NO_IOWAIT\t\t(1U << 17)", "#define IORING_FEAT_NO_IOWAIT\t\t(1U << 17)\n#define IORING_FEAT_FAKE_NEW\t\t(1U << 29)"),
        // A field carved out of io_uring_params.resv (same size), and io_uring_rsrc_register grown by 8 bytes.
        ("linux/io_uring.h", "\t__u32 wq_fd;\n\t__u32 resv[3];", "\t__u32 wq_fd;\n\t__u32 fake_field;\n\t__u32 resv[2];"),
        ("linux/io_uring.h", "\t__aligned_u64 data;\n\t__aligned_u64 tags;\n};", "\t__aligned_u64 data;\n\t__aligned_u64 tags;\n\t__u64 fake_grow;\n};"),
        // A renamed constant, a new flag family, a string macro and a function-like one.
        ("linux/io_uring.h", "#define IORING_CQE_F_MORE\t\t(1U << 1)", "#define IORING_CQE_F_MORE_RENAMED\t(1U << 1)\n#define IORING_FAKEFAM_ONE\t\t(1U << 0)\n#define IORING_FAKE_STRING\t\t\"fake\"\n#define IORING_FAKE_FN(x)\t\t((x) + 1)"),
        // A new member of a reviewed sub-enum.
        ("linux/io_uring/zcrx.h", "\tZCRX_CTRL_ARM_EVENT,\n", "\tZCRX_CTRL_ARM_EVENT,\n\tZCRX_CTRL_FAKE_ADD,\n"),
    ];

    /// <summary>The [EnumAlias] row a maintainer adds for the rename (in a table file of its own here).</summary>
    private const string AliasRow = """
        using IoUring.Interop.SourceGeneration;

        namespace IoUring.Interop.Native
        {
            [EnumAlias("CqeFlags", "More", "IORING_CQE_F_MORE_RENAMED")]
            internal static class BumpAliases
            {
            }
        }
        """;

    /// <summary>What the bump yields: the tool's output, and both generators' runs over it (the opcode generator's diagnostics apart).</summary>
    private sealed record Bump(string Native, string Listing, string Stderr, GeneratorHarness.Result Result, ImmutableArray<Diagnostic> OpcodeDiagnostics)
    {
        public Diagnostic[] AllDiagnostics => [.. Result.GeneratorDiagnostics, .. OpcodeDiagnostics];
    }

    private static readonly Lazy<Bump> Bumped = new(() => RunBump(Edits, AliasRow));

    private static readonly Lazy<Bump> Unchanged = new(() => RunBump([], null));

    private static Diagnostic[] Diagnostics(string id) => Bumped.Value.AllDiagnostics.Where(d => d.Id == id).ToArray();

    [Fact]
    public void The_unmodified_copy_yields_no_diagnostic_no_warning_and_no_generated_flag_member()
    {
        Bump bump = Unchanged.Value;
        bump.AllDiagnostics.Should().BeEmpty();
        bump.Stderr.Should().NotContain("warning");
        bump.Result.RunResult.GeneratedSources.Select(s => s.HintName).Should().NotContain(h => h.EndsWith(".Flags.g.cs", StringComparison.Ordinal),
            "every current setup and feature flag has a handwritten member");
        ListingDiff.Report(File.ReadAllText(NativeApiTxt), bump.Listing).Should().StartWith("No change");
    }

    [Fact]
    public void Each_diagnostic_names_its_item_and_nothing_else_is_reported()
    {
        Bumped.Value.AllDiagnostics.Select(d => d.Id).Distinct().Should().BeEquivalentTo(["IOU004", "IOU010", "IOU011", "IOU012", "IOU013", "IOU020"],
            string.Join("\n", Bumped.Value.AllDiagnostics));
        Bumped.Value.AllDiagnostics.Should().OnlyContain(d => d.GetMessage().Length < 400, "messages are short");
    }

    [Fact]
    public void A_new_register_op_is_IOU004()
        => Diagnostics("IOU004").Should().ContainSingle().Which.GetMessage().Should().Contain($"io_uring_register_op.{RegisterOp} (=");

    [Fact]
    public void A_new_opcode_reaches_the_public_Opcode_enum()
        => Bumped.Value.Result.Source("IoUring.Interop.Opcode.g.cs").Should().Contain($"FakeNew = (byte)(global::IoUring.Interop.Native.io_uring_op.{OpcodeName}),");

    [Fact]
    public void A_new_setup_flag_gets_a_RingBuilder_setter_and_a_RingParameters_property()
    {
        Bumped.Value.Result.Source("IoUring.Interop.SetupFlags.g.cs").Should().Contain("FakeNew = global::IoUring.Interop.Native.Constants.IORING_SETUP_FAKE_NEW,");
        Bumped.Value.Result.Source("IoUring.Interop.RingBuilder.Flags.g.cs").Should().Contain("public RingBuilder SetupFakeNew()")
            .And.Contain("_params.flags |= (uint)global::IoUring.Interop.SetupFlags.FakeNew;");
        Bumped.Value.Result.Source("IoUring.Interop.RingParameters.Flags.g.cs").Should().Contain("public bool IsSetupFakeNew => (_params.flags & (uint)global::IoUring.Interop.SetupFlags.FakeNew) != 0;");
    }

    [Fact]
    public void A_new_feature_flag_gets_a_RingParameters_property()
        => Bumped.Value.Result.Source("IoUring.Interop.RingParameters.Flags.g.cs").Should().Contain("public bool IsFeatureFakeNew => (_params.features & (uint)global::IoUring.Interop.Features.FakeNew) != 0;");

    [Fact]
    public void A_new_opcode_is_IOU020_naming_it()
        => Diagnostics("IOU020").Should().ContainSingle().Which.GetMessage().Should().StartWith($"io_uring_op.{OpcodeName} (= ");

    [Fact]
    public void A_params_field_taken_from_resv_is_IOU013()
        => Diagnostics("IOU013").Should().ContainSingle().Which.GetMessage().Should().StartWith("io_uring_params.fake_field is a new field");

    [Fact]
    public void A_grown_kernel_checked_struct_is_IOU012_naming_it_and_its_call()
        => Diagnostics("IOU012").Should().ContainSingle().Which.GetMessage().Should().StartWith("io_uring_rsrc_register is 40 bytes in this header, 32 in the [KernelCheckedStruct] row")
            .And.Contain("IORING_REGISTER_FILES2 / BUFFERS2");

    [Fact]
    public void A_renamed_constant_keeps_its_shipped_member_through_the_alias_row()
        => Bumped.Value.Result.Source("IoUring.Interop.CqeFlags.g.cs").Should().Contain("MoreRenamed = global::IoUring.Interop.Native.Constants.IORING_CQE_F_MORE_RENAMED,")
            .And.Contain("[global::System.Obsolete(\"Renamed MoreRenamed: the kernel header renamed the constant to IORING_CQE_F_MORE_RENAMED.\")]")
            .And.Contain("More = MoreRenamed,");

    [Fact]
    public void A_new_flag_prefix_is_IOU010()
        => Diagnostics("IOU010").Should().ContainSingle().Which.GetMessage().Should().StartWith("IORING_FAKEFAM_ONE (= 1) is in no [GeneratedEnum]");

    [Fact]
    public void A_new_sub_enum_member_is_IOU011()
        => Diagnostics("IOU011").Should().ContainSingle().Which.GetMessage().Should().StartWith("zcrx_ctrl_op: zcrx_ctrl_op.ZCRX_CTRL_FAKE_ADD (= 3) is new");

    [Fact]
    public void String_and_function_like_macros_are_build_warnings_naming_them()
    {
        string[] warnings = Bumped.Value.Stderr.Split('\n').Where(l => l.Contains(": warning IOUHG001: ", StringComparison.Ordinal)).ToArray();
        warnings.Should().HaveCount(2, Bumped.Value.Stderr);
        warnings.Should().Contain(w => w.Contains("macro IORING_FAKE_STRING skipped", StringComparison.Ordinal))
            .And.Contain(w => w.Contains("macro IORING_FAKE_FN skipped (function-like macro)", StringComparison.Ordinal));
        warnings.Should().OnlyContain(w => w.Contains("linux/io_uring.h(", StringComparison.Ordinal), "each names the header and line");
    }

    [Fact]
    public void The_check_report_lists_every_addition_under_its_kind()
    {
        string report = ListingDiff.Report(File.ReadAllText(NativeApiTxt), Bumped.Value.Listing);

        report.Should().Contain($"register ops (2)\n").And.Contain($"+ enum io_uring_register_op.{RegisterOp} = ")
            .And.Contain($"opcodes (2)\n").And.Contain($"+ enum io_uring_op.{OpcodeName} = ")
            .And.Contain("flags IORING_SETUP_ (1)\n  + const IORING_SETUP_FAKE_NEW : uint = 536870912\n")
            .And.Contain("flags IORING_FEAT_ (1)\n  + const IORING_FEAT_FAKE_NEW : uint = 536870912\n")
            .And.Contain("+ struct io_uring_params.fake_field : uint @ 28")
            .And.Contain("~ struct io_uring_rsrc_register : size 32, align 8  ->  struct io_uring_rsrc_register : size 40, align 8")
            .And.Contain("renamed? const IORING_CQE_F_MORE : uint = 2  =>  const IORING_CQE_F_MORE_RENAMED : uint = 2")
            .And.Contain("flags IORING_FAKEFAM_ (1)")
            .And.Contain("+ enum zcrx_ctrl_op.ZCRX_CTRL_FAKE_ADD = 3")
            .And.Contain("+ skipped IORING_FAKE_STRING").And.Contain("+ skipped IORING_FAKE_FN");
    }

    private static string NativeApiTxt => Path.Combine(RealTableTests.RepoRoot, "src", "IoUring.Interop", "Native", "NativeApi.txt");

    /// <summary>Copies headers/include, applies the edits, runs the tool once, then the generator over the shipped tables.</summary>
    private static Bump RunBump((string File, string Find, string Replace)[] edits, string? extraTable)
    {
        string root = RealTableTests.RepoRoot;
        string work = Directory.CreateTempSubdirectory("iou-header-bump-").FullName;
        try
        {
            string include = Path.Combine(work, "include");
            CopyTree(Path.Combine(root, "headers", "include"), include);
            foreach ((string file, string find, string replace) in edits)
            {
                string path = Path.Combine(include, file);
                string text = File.ReadAllText(path);
                text.Split(find).Length.Should().Be(2, $"{file} has \"{find}\" exactly once (the synthetic edit must apply)");
                File.WriteAllText(path, text.Replace(find, replace));
            }

            // The arguments of GenerateNativeLayer in src/IoUring.Interop/IoUring.Interop.HeaderGen.targets.
            string output = Path.Combine(work, "Native.g.cs");
            string listing = Path.Combine(work, "NativeApi.g.txt");
            (int exitCode, string stderr) = RunTool(
                "@" + Path.Combine(root, "generator", "IoUring.HeaderGen", "io_uring.rsp"),
                "--include-dir", Path.Combine(include, "{target}"),
                "--include-dir", include + Path.DirectorySeparatorChar,
                "--provenance", Path.Combine(root, "headers", "README.md"),
                "--output", output,
                "--listing", listing);
            exitCode.Should().Be(0, stderr);

            string native = File.ReadAllText(output);
            string ring = Path.Combine(root, "src", "IoUring.Interop", "Ring");
            string[] sources = [.. RealTableTests.LibrarySources(native),
                File.ReadAllText(Path.Combine(ring, "RingBuilder.cs")), File.ReadAllText(Path.Combine(ring, "RingParameters.cs")),
                .. extraTable is null ? Array.Empty<string>() : [extraTable]];
            string listingText = File.ReadAllText(listing);
            return new Bump(native, listingText, stderr, GeneratorHarness.Run(sources), OpcodeRealTableTests.Run(listingText, native));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    /// <summary>Runs the built tool (a ProjectReference of this project, so it is built first) as its own process.</summary>
    private static (int ExitCode, string Stderr) RunTool(params string[] args)
    {
        string tool = Path.Combine(RealTableTests.RepoRoot, "generator", "IoUring.HeaderGen", "bin", RealTableTests.Configuration, "net10.0", "IoUring.HeaderGen.dll");
        File.Exists(tool).Should().BeTrue($"the build of generator/IoUring.HeaderGen writes {tool}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(tool);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr.Result);
    }
}
