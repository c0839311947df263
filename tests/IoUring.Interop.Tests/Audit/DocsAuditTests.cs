using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests.Audit;

/// <summary>The shipped XML docs: a summary on every public type and member, availability and a man page on the safe layer.</summary>
public class DocsAuditTests
{
    private static readonly Assembly Library = typeof(Ring).Assembly;

    private static readonly Dictionary<string, XElement> Docs = XDocument
        .Load(Path.Combine(AppContext.BaseDirectory, "IoUring.Interop.xml"))
        .Descendants("member")
        .ToDictionary(m => (string)m.Attribute("name")!, m => m);

    [Fact]
    public void Every_public_type_and_member_has_a_summary()
    {
        var missing = new List<string>();
        // fixed buffers compile to nested <name>e__FixedBuffer types that no source declares.
        foreach (Type type in Library.GetExportedTypes().Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute))))
        {
            string typeId = DocName(type);
            if (!HasSummary("T:" + typeId))
                missing.Add("T:" + typeId);

            const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (MemberInfo member in type.GetMembers(Declared))
            {
                string? id = member switch
                {
                    FieldInfo f when !(type.IsEnum && f.IsSpecialName) => "F:" + typeId + "." + f.Name,
                    PropertyInfo p => "P:" + typeId + "." + p.Name,
                    EventInfo e => "E:" + typeId + "." + e.Name,
                    MethodInfo m when !m.IsSpecialName && !IsRecordOrObjectPlumbing(m) => "M:" + typeId + "." + m.Name,
                    _ => null,
                };
                if (id is not null && !AnyOverloadHasSummary(id))
                    missing.Add(id);
            }
        }

        missing.Should().BeEmpty("every public API of the package carries an XML summary");
    }

    [Fact]
    public void Every_public_Submitter_method_says_since_when_and_links_a_man_page()
    {
        var missing = typeof(Submitter)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName)
            .Select(m => m.Name)
            .Distinct()
            .Where(name => !Overloads("M:IoUring.Interop.Submitter." + name).All(HasRemarksAndSeeAlso))
            .ToList();

        missing.Should().BeEmpty("each Submitter member has <remarks>Available since Linux X.Y.</remarks> and a <seealso>");
    }

    [Fact]
    public void Every_opcode_builder_says_since_when_and_links_a_man_page()
    {
        var builders = Library.GetExportedTypes()
            .Where(t => t.Namespace == "IoUring.Interop.Opcodes" && t.IsValueType && t.GetMethod("Build") is not null)
            .ToList();
        builders.Should().NotBeEmpty();

        var missing = builders.Where(t => !HasRemarksAndSeeAlso(Docs.GetValueOrDefault("T:" + DocName(t)))).Select(t => t.Name).ToList();

        missing.Should().BeEmpty("each builder type has <remarks>Available since Linux X.Y.</remarks> and a <seealso>");
    }

    [Fact]
    public void Every_public_type_outside_Native_says_since_which_Linux()
    {
        // Not kernel features: the errno exception and the errno-valued submit status. MsgRingFlags:
        // the kernel version of its first flag is not verified yet.
        string[] exempt = ["IoUringException", "SubmitStatus", "MsgRingFlags"];
        var missing = Library.GetExportedTypes()
            .Where(t => t.Namespace != "IoUring.Interop.Native" && !t.IsDefined(typeof(CompilerGeneratedAttribute)))
            .Where(t => !exempt.Contains(t.Name))
            .Where(t => Docs.GetValueOrDefault("T:" + DocName(t))?.Element("remarks")?.Value.Contains("Available since Linux", StringComparison.Ordinal) != true)
            .Select(t => t.FullName)
            .ToList();

        missing.Should().BeEmpty("each public type says <remarks>Available since Linux X.Y.</remarks>");
    }

    private static bool HasRemarksAndSeeAlso(XElement? doc) =>
        doc is not null
        && doc.Element("remarks")?.Value.Contains("Available since Linux", StringComparison.Ordinal) == true
        && doc.Elements("seealso").Any();

    private static IEnumerable<XElement> Overloads(string id) =>
        Docs.Where(kv => kv.Key == id || kv.Key.StartsWith(id + "(", StringComparison.Ordinal) || kv.Key.StartsWith(id + "``", StringComparison.Ordinal))
            .Select(kv => kv.Value);

    private static bool AnyOverloadHasSummary(string id) => Overloads(id).Any(HasSummaryOrInherits);

    private static bool HasSummary(string id) => Docs.TryGetValue(id, out XElement? doc) && HasSummaryOrInherits(doc);

    private static bool HasSummaryOrInherits(XElement doc) =>
        doc.Element("inheritdoc") is not null || !string.IsNullOrWhiteSpace(doc.Element("summary")?.Value);

    // Compiler-made members of records and overrides of object's members document themselves.
    private static bool IsRecordOrObjectPlumbing(MethodInfo m) =>
        m.Name is "Equals" or "GetHashCode" or "ToString" or "Deconstruct" or "PrintMembers" or "<Clone>$"
        || m.GetBaseDefinition().DeclaringType != m.DeclaringType;

    private static string DocName(Type type) => type.FullName!.Replace('+', '.');
}
