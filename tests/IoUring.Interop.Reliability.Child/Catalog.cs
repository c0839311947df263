using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace IoUring.Interop.Reliability.Child;

/// <summary>One public member of the library that the bad-input run calls.</summary>
/// <param name="Id">A stable name: declaring type, member name and parameter types.</param>
/// <param name="Member">The method or constructor.</param>
public sealed record MemberCase(string Id, MethodBase Member)
{
    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>Every public method, property accessor and constructor of the safe layer and the opcode builders, found by
/// reflection so that new members are covered without an edit here; and what is left out, with the reason.</summary>
public static class Catalog
{
    /// <summary>Types and members deliberately not called, each with why (docs/reliability.md repeats the list).</summary>
    public static readonly IReadOnlyDictionary<string, string> Excluded = new Dictionary<string, string>
    {
        ["IoUring.Interop.Native"] = "the raw layer: C names, no validation by design (docs/native-layer.md); the safe layer is what must refuse bad input",
        ["IoUring.Interop.Opcodes.Madvise"] = "advises the process's own memory: a wrong range may discard the child's memory, a breach of the builder's Safety contract, not input the library can check",
        ["IoUring.Interop.IoUringException"] = "an exception type: nothing to refuse",
        ["IoUring.Interop.Submitter.RegisterIowqAff"] = "sets the calling thread's io-wq CPU affinity for the whole process (edge masks pin workers to no CPU); not a ring-local effect",
        ["Equals/GetHashCode/ToString/operators"] = "value semantics only: no input the kernel or the ring sees",
        ["generic methods"] = "none are public today; a generic one would need type arguments chosen by hand",
        ["ref struct parameters"] = "ref struct types (RecvMsgOut) and members taking a ref struct other than a span cannot be called from boxed values; RecvMsgOut's parsing is covered by the opcode tests",
    };

    private static readonly HashSet<string> ObjectMembers = ["Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "<Clone>$", "get_EqualityContract"];

    /// <summary>All members to call, in a stable order.</summary>
    public static IReadOnlyList<MemberCase> Members { get; } = Discover();

    /// <summary>The member with <paramref name="id"/>.</summary>
    public static MemberCase Find(string id) => Members.Single(m => m.Id == id);

    /// <summary>Whether <paramref name="type"/> is an opcode builder (an Opcodes type with Build()).</summary>
    public static bool IsOpcodeBuilder(Type type) =>
        type.Namespace == "IoUring.Interop.Opcodes" && type.GetMethod("Build", Type.EmptyTypes) is not null;

    // ReadOnlySpan`1[SubmissionEntry]: generic arguments kept, so overloads on span element types stay apart.
    private static string ShortName(Type t) =>
        t.ToString().Replace("IoUring.Interop.Native.", "", StringComparison.Ordinal).Replace("IoUring.Interop.", "", StringComparison.Ordinal)
            .Replace("System.", "", StringComparison.Ordinal);

    private static List<MemberCase> Discover()
    {
        var cases = new List<MemberCase>();
        IEnumerable<Type> types = typeof(Ring).Assembly.GetExportedTypes()
            .Where(t => !t.IsEnum && !t.IsInterface && !t.IsByRefLike && !typeof(Delegate).IsAssignableFrom(t) && !typeof(Attribute).IsAssignableFrom(t))
            .Where(t => t.Namespace is not null && !Excluded.ContainsKey(t.Namespace) && !Excluded.ContainsKey(t.FullName!))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (Type type in types)
        {
            IEnumerable<MethodBase> members = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.ContainsGenericParameters && !m.Name.StartsWith("op_", StringComparison.Ordinal) && !ObjectMembers.Contains(m.Name))
                .Cast<MethodBase>()
                .Concat(type.IsAbstract ? [] : type.GetConstructors());
            foreach (MethodBase member in members)
            {
                string id = $"{type.FullName}.{member.Name}({string.Join(",", member.GetParameters().Select(p => ShortName(p.ParameterType)))})";
                bool refStructParameter = member.GetParameters().Any(p =>
                    (p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType) is { IsByRefLike: true } t && !EdgeValues.IsSpan(t, out _));
                if (!Excluded.ContainsKey($"{type.FullName}.{member.Name}") && !refStructParameter)
                {
                    cases.Add(new MemberCase(id, member));
                }
            }
        }

        return cases.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }
}
