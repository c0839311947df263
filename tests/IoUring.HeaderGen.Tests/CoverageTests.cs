using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using IoUring.HeaderGen.Tests.Infrastructure;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>
/// An independent check of completeness: a plain-text scan of the io_uring headers (not the tool's
/// own lists) finds every struct/union tag, object-like #define and enum member, and each must be in
/// the compiled IoUring.Interop assembly, unless it is on the commented skip list below.
/// </summary>
public sealed partial class CoverageTests
{
    /// <summary>Macros that are deliberately not constants: the --reviewed-skip lines of io_uring.rsp.</summary>
    private static readonly HashSet<string> SkippedMacros = [.. Repo.RealOptions.ReviewedSkips];

    private static readonly Assembly Native = typeof(Constants).Assembly;

    private static IEnumerable<(string Header, string Text)> Headers() =>
        Repo.PrimaryHeaders.Select(h => (h, StripComments(File.ReadAllText(Path.Combine(Repo.Include, h)))));

    [Fact]
    public void The_scan_finds_the_io_uring_headers()
    {
        Repo.PrimaryHeaders.Should().Contain("linux/io_uring.h").And.Contain("linux/io_uring/zcrx.h").And.HaveCountGreaterThan(4);
    }

    [Fact]
    public void Every_struct_and_union_tag_is_generated()
    {
        List<string> tags = Headers().SelectMany(h => TagDefinition().Matches(h.Text).Select(m => m.Groups[2].Value)).Distinct().ToList();
        tags.Should().Contain("io_uring_sqe");
        tags.Where(t => Native.GetType("IoUring.Interop.Native." + t) is null).Should().BeEmpty();
    }

    [Fact]
    public void Every_object_like_macro_is_a_constant_unless_skipped()
    {
        List<string> macros = Headers().SelectMany(h => ObjectLikeDefine().Matches(h.Text).Select(m => m.Groups[1].Value)).Distinct().ToList();
        macros.Should().Contain("IORING_SETUP_SQPOLL").And.Contain("IORING_ZCRX_AREA_MASK");
        macros.Where(m => !SkippedMacros.Contains(m) && ConstantField(m) is null).Should().BeEmpty();
        SkippedMacros.Where(m => ConstantField(m) is not null).Should().BeEmpty("a skipped macro that is generated should leave the skip list");
    }

    [Fact]
    public void Every_enum_member_is_generated()
    {
        int count = 0;
        var missing = new List<string>();
        foreach ((string _, string text) in Headers())
        {
            foreach (Match e in EnumBody().Matches(text))
            {
                string name = e.Groups[1].Value;
                Type? type = name.Length == 0 ? null : Native.GetType("IoUring.Interop.Native." + name);
                foreach (string entry in e.Groups[2].Value.Split(','))
                {
                    Match member = Regex.Match(entry, @"^\s*([A-Za-z_]\w*)");
                    if (!member.Success)
                    {
                        continue;
                    }

                    count++;
                    string m = member.Groups[1].Value;
                    bool found = name.Length == 0 ? ConstantField(m) is not null : type?.GetField(m) is not null;
                    if (!found)
                    {
                        missing.Add(name.Length == 0 ? m : $"{name}.{m}");
                    }
                }
            }
        }

        missing.Should().BeEmpty();
        count.Should().BeGreaterThan(150);
    }

    [Fact]
    public void The_skipped_macros_are_exactly_the_reviewed_ones()
    {
        SkippedMacros.Should().Contain("LINUX_IO_URING_H");
        Repo.Model.Skipped.Select(s => s.Name).Where(n => !SkippedMacros.Contains(n))
            .Should().BeEmpty("a skipped macro must be reviewed (--reviewed-skip in io_uring.rsp); the build warns IOUHG001 for it");
        SkippedMacros.Where(n => Repo.Model.Skipped.All(s => s.Name != n))
            .Should().BeEmpty("a reviewed skip the headers no longer have should leave io_uring.rsp (IOUHG002)");
    }

    private static FieldInfo? ConstantField(string name) =>
        typeof(Constants).GetField(name, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } f ? f : null;

    private static string StripComments(string text) =>
        Regex.Replace(Regex.Replace(text, @"/\*.*?\*/", " ", RegexOptions.Singleline), @"//[^\n]*", "");

    [GeneratedRegex(@"\b(struct|union)\s+(\w+)\s*\{")]
    private static partial Regex TagDefinition();

    // Object-like: the name is followed by blank space or the end of the line, not by '('.
    [GeneratedRegex(@"^[ \t]*#[ \t]*define[ \t]+(\w+)(?=[ \t]|$)", RegexOptions.Multiline)]
    private static partial Regex ObjectLikeDefine();

    [GeneratedRegex(@"\benum\s*(\w*)\s*\{([^}]*)\}")]
    private static partial Regex EnumBody();
}
