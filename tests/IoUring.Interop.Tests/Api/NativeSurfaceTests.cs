using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using IoUring.Interop.Tests.Audit;
using Xunit;

namespace IoUring.Interop.ApiTests;

/// <summary>The public surface outside <c>IoUring.Interop.Native</c> speaks .NET: a C type (a type of the Native
/// namespace) appears in it only where docs/raw-escape-hatches.md lists it as a deliberate raw escape hatch.</summary>
public partial class NativeSurfaceTests
{
    private const string NativeNamespace = "IoUring.Interop.Native";

    [Fact]
    public void Every_C_type_outside_Native_is_a_documented_escape_hatch()
    {
        HashSet<string> allowed = DocumentedEscapeHatches();
        allowed.Should().NotBeEmpty("docs/raw-escape-hatches.md has the table");

        string[] undocumented = NativeUses().Where(use => !allowed.Contains(use)).Order().ToArray();

        Assert.True(undocumented.Length == 0,
            "Each C type in the safe layer's surface is either replaced by a .NET type or listed, with its reason, in " +
            "docs/raw-escape-hatches.md. Not listed:\n" + string.Join("\n", undocumented));
    }

    [Fact]
    public void The_scan_sees_C_types_in_parameters_returns_properties_and_pointers()
    {
        // The escape hatches known to exist must be found, or the scan itself is broken.
        NativeUses().Should().Contain(["Submitter.RegisterIfq: io_uring_zcrx_ifq_reg", "SubmissionEntry.Native: io_uring_sqe"]);
    }

    /// <summary>"Type.Member: c_type" for every public member outside Native whose signature mentions a Native type.</summary>
    internal static IEnumerable<string> NativeUses()
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (Type type in typeof(Ring).Assembly.GetExportedTypes().Where(t => t.Namespace != NativeNamespace))
        {
            foreach (MemberInfo member in type.GetMembers(All))
            {
                IEnumerable<Type> mentioned = member switch
                {
                    MethodBase method when method is not MethodInfo { IsSpecialName: true } =>
                        method.GetParameters().Select(p => p.ParameterType)
                            .Concat(method is MethodInfo m ? [m.ReturnType] : []),
                    PropertyInfo property => [property.PropertyType],
                    FieldInfo field => [field.FieldType],
                    _ => [],
                };
                foreach (Type native in mentioned.SelectMany(Unwrap).Where(t => t.Namespace == NativeNamespace).Distinct())
                    yield return $"{Name(type)}.{member.Name}: {native.Name}";
            }
        }
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
            return Unwrap(type.GetElementType()!);
        if (type.IsGenericType)
            return type.GetGenericArguments().SelectMany(Unwrap);
        return [type];
    }

    private static string Name(Type type) => type.IsNested ? $"{Name(type.DeclaringType!)}.{type.Name}" : type.Name;

    // Rows of the table: | `Type.Member` | `c_type` | why |
    private static HashSet<string> DocumentedEscapeHatches()
    {
        string path = Path.Combine(Repo.Root(), "docs", "raw-escape-hatches.md");
        return File.ReadLines(path)
            .Select(line => Row().Match(line))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups["member"].Value}: {m.Groups["type"].Value}")
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\|\s*`(?<member>[\w.]+)`\s*\|\s*`(?<type>\w+)`\s*\|")]
    private static partial Regex Row();
}
