using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using IoUring.Interop.Tests.Audit;
using Xunit;

namespace IoUring.Interop.Tests.Quick;

/// <summary>
/// README's quick command must select real tests: its project is this one, and its trait filter matches at least
/// <see cref="Minimum"/> tests of this assembly (a renamed trait or a typo in README would otherwise select none and
/// "pass").
/// </summary>
public sealed class QuickSelectionTests
{
    private const int Minimum = 6;

    private static readonly Regex QuickCommand = new(
        @"^dotnet test (?<project>\S+) --filter (?<name>\w+)=(?<value>\w+)\b", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    [Fact]
    public void Readmes_quick_command_selects_at_least_a_handful_of_tests_of_this_project()
    {
        string readme = File.ReadAllText(Path.Combine(Repo.Root(), "README.md")).ReplaceLineEndings("\n");
        Match command = QuickCommand.Match(readme);
        command.Success.Should().BeTrue("README gives the quick subset as 'dotnet test PROJECT --filter Category=Quick'");

        string project = Path.GetFullPath(Path.Combine(Repo.Root(), command.Groups["project"].Value));
        File.Exists(Path.Combine(project, typeof(QuickSelectionTests).Assembly.GetName().Name + ".csproj"))
            .Should().BeTrue($"the quick command runs this test project ({project})");

        string name = command.Groups["name"].Value, value = command.Groups["value"].Value;
        int selected = typeof(QuickSelectionTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Count(m => IsTest(m) && (HasTrait(m, name, value) || HasTrait(m.DeclaringType!, name, value)));

        selected.Should().BeGreaterThanOrEqualTo(Minimum, $"'--filter {name}={value}' must select real tests");
    }

    private static bool IsTest(MethodInfo method) =>
        method.GetCustomAttributes().Any(a => a is FactAttribute);   // TheoryAttribute derives from FactAttribute

    private static bool HasTrait(MemberInfo member, string name, string value) =>
        member.GetCustomAttributesData().Any(a =>
            a.AttributeType == typeof(TraitAttribute)
            && a.ConstructorArguments.Count == 2
            && (string?)a.ConstructorArguments[0].Value == name
            && (string?)a.ConstructorArguments[1].Value == value);
}
