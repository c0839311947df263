using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using IoUring.SourceGen.Model;
using IoUring.SourceGen.Text;
using Microsoft.CodeAnalysis;

namespace IoUring.SourceGen;

// The header review: every constant, enum member and kernel-checked struct of the Native layer is either generated
// into a public enum or looked at by hand (a table row); whatever a header bump adds outside that is a diagnostic
// naming it. Also the flag members generated on RingBuilder and RingParameters. Pure functions.
public sealed partial class IoUringGenerator
{
    internal static ReviewSlice ParseReviewRows(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var groups = new List<ReviewedGroup>();
        var structs = new List<KernelCheckedStruct>();
        foreach (AttributeData attribute in context.Attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? name = attribute.AttributeClass?.ToDisplayString();
            ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
            if (name == ReviewAttributeSource.Reviewed && args.Length == 3 && args[0].Value is string group && args[1].Value is string reason)
            {
                groups.Add(new ReviewedGroup(group, reason, Strings(args[2]), AttributeLocation(attribute, cancellationToken)));
            }
            else if (name == ReviewAttributeSource.KernelCheckedStruct && args.Length == 3
                && args[0].Value is string structName && args[1].Value is int size && args[2].Value is string calls)
            {
                TypedConstant fields = attribute.NamedArguments.FirstOrDefault(p => p.Key == "Fields").Value;
                structs.Add(new KernelCheckedStruct(structName, size, calls,
                    fields.Kind == TypedConstantKind.Array ? Strings(fields) : EquatableArray<string>.Empty, AttributeLocation(attribute, cancellationToken)));
            }
        }

        return new ReviewSlice(groups.ToEquatableArray(), structs.ToEquatableArray(), LocationInfo.OfTable(context));
    }

    internal static EquatableArray<EnumAlias> ParseEnumAliases(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var aliases = new List<EnumAlias>();
        foreach (AttributeData attribute in context.Attributes)
        {
            ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
            if (args.Length == 3 && args[0].Value is string enumName && args[1].Value is string oldName && args[2].Value is string constant)
            {
                aliases.Add(new EnumAlias(enumName, oldName, constant, AttributeLocation(attribute, cancellationToken)));
            }
        }

        return aliases.ToEquatableArray();
    }

    internal static EquatableArray<FlagMembersSpec> ParseFlagMembers(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
        {
            return EquatableArray<FlagMembersSpec>.Empty;
        }

        // What the class declares by hand; the generator's own output is not in its input compilation.
        EquatableArray<string> declared = type.MemberNames.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray();
        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        var specs = new List<FlagMembersSpec>();
        foreach (AttributeData attribute in context.Attributes)
        {
            ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
            if (args.Length == 4 && args[0].Value is string enumName && args[1].Value is int kind && args[2].Value is string prefix && args[3].Value is string field)
            {
                TypedConstant handled = attribute.NamedArguments.FirstOrDefault(p => p.Key == "HandledElsewhere").Value;
                specs.Add(new FlagMembersSpec(ns, type.Name, enumName, kind, prefix, field,
                    handled.Kind == TypedConstantKind.Array ? Strings(handled) : EquatableArray<string>.Empty,
                    declared, AttributeLocation(attribute, cancellationToken)));
            }
        }

        return specs.ToEquatableArray();
    }

    /// <summary>Names every constant, enum member, struct size and struct field of the Native layer that no row accounts for.</summary>
    internal static ReviewModel BuildReviewModel(ImmutableArray<ReviewSlice> slices, ImmutableArray<EquatableArray<EnumSpec>> specGroups, NativeLayer native)
    {
        ReviewedGroup[] groups = slices.SelectMany(s => s.Groups).OrderBy(g => g.Location, LocationOrder.Instance).ToArray();
        KernelCheckedStruct[] structs = slices.SelectMany(s => s.Structs).OrderBy(g => g.Location, LocationOrder.Instance).ToArray();
        if (groups.Length == 0 && structs.Length == 0)
        {
            return new ReviewModel(EquatableArray<DiagnosticInfo>.Empty); // a compilation without review rows has not opted in
        }

        var diagnostics = new List<DiagnosticInfo>();
        LocationInfo? table = slices.Select(s => s.TableLocation).OrderBy(l => l, LocationOrder.Instance).FirstOrDefault();
        EnumSpec[] specs = specGroups.SelectMany(g => g).ToArray();
        string[] enumPrefixes = specs.Where(s => s.FromEnum is null).SelectMany(s => s.Prefixes).ToArray();
        var included = new HashSet<string>(specs.SelectMany(s => s.Include), StringComparer.Ordinal);
        var generatedEnums = new HashSet<string>(specs.Select(s => s.FromEnum).Where(e => e is not null).Select(e => e!), StringComparer.Ordinal)
        {
            RegisterOpEnumName, // the register table and IOU004 cover it
        };
        ReviewedGroup[] enumGroups = groups.Where(g => native.Enums.Contains(g.Group)).ToArray();
        ReviewedGroup[] prefixGroups = groups.Where(g => !native.Enums.Contains(g.Group)).ToArray();

        bool InGroup(ReviewedGroup group, NativeConstant c) => native.Enums.Contains(group.Group)
            ? c.Enum == group.Group
            : c.Name.StartsWith(group.Group, StringComparison.Ordinal);

        foreach (NativeConstant constant in native.Constants)
        {
            bool tracked = (constant.Enum is not null && generatedEnums.Contains(constant.Enum))
                || enumPrefixes.Any(p => constant.Name.StartsWith(p, StringComparison.Ordinal))
                || included.Contains(constant.Name)
                || enumGroups.Any(g => InGroup(g, constant))
                || prefixGroups.Any(g => InGroup(g, constant));
            if (!tracked && !IsSentinel(constant.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UntrackedConstant, table, Describe(constant)));
            }
        }

        foreach (ReviewedGroup group in groups.Where(g => g.Members.Count > 0))
        {
            var listed = new HashSet<string>(group.Members, StringComparer.Ordinal);
            NativeConstant[] actual = native.Constants.Where(c => InGroup(group, c)).ToArray();
            foreach (NativeConstant member in actual.Where(c => !listed.Contains(c.Name) && !IsSentinel(c.Name)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NewReviewedMember, group.Location, group.Group, Describe(member), group.Reason));
            }

            foreach (string gone in group.Members.Where(m => actual.All(c => c.Name != m)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstant, group.Location, gone, group.Group));
            }
        }

        foreach (KernelCheckedStruct row in structs)
        {
            NativeStruct? found = native.Structs.FirstOrDefault(s => s.Name == row.Name);
            if (found is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstant, row.Location, row.Name, NativeNamespace));
                continue;
            }

            if (found.Size != row.Size)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelCheckedSizeChanged, row.Location,
                    row.Name, Number(found.Size), Number(row.Size), row.Calls));
            }

            if (row.Fields.Count > 0)
            {
                foreach (string field in found.Fields.Where(f => !row.Fields.Contains(f)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NewStructField, row.Location, row.Name, field, row.Calls));
                }

                foreach (string gone in row.Fields.Where(f => !found.Fields.Contains(f)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstant, row.Location, row.Name + "." + gone, NativeNamespace));
                }
            }
        }

        return new ReviewModel(diagnostics.ToEquatableArray());
    }

    /// <summary>For each [GeneratedFlagMembers] row, a member per enum flag its class does not already handle.</summary>
    internal static FlagMembersModel BuildFlagMembersModel(ImmutableArray<EquatableArray<FlagMembersSpec>> specGroups, EnumsModel enums)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var classes = new List<FlagMembersClass>();
        foreach (IGrouping<(string Namespace, string ClassName), FlagMembersSpec> byClass in specGroups.SelectMany(g => g)
            .OrderBy(s => s.Location, LocationOrder.Instance)
            .GroupBy(s => (s.Namespace, s.ClassName)))
        {
            var blocks = new List<FlagMembersBlock>();
            foreach (FlagMembersSpec spec in byClass)
            {
                EnumModel? model = enums.Enums.FirstOrDefault(e => e.Name == spec.EnumName);
                if (model is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstant, spec.Location, spec.EnumName, "the generated enums"));
                    continue;
                }

                EnumMemberModel[] flags = model.Members.Where(m => m.AliasOf is null).ToArray();
                foreach (string handled in spec.HandledElsewhere.Where(h => flags.All(f => f.Source.Name != h)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstant, spec.Location, handled, spec.EnumName));
                }

                FlagMember[] members = flags
                    .Where(f => !spec.DeclaredMembers.Contains(spec.Prefix + f.Name) && !spec.HandledElsewhere.Contains(f.Source.Name))
                    .Select(f => new FlagMember(spec.Prefix + f.Name, f.Name, f.Source.Name))
                    .ToArray();
                if (members.Length > 0)
                {
                    blocks.Add(new FlagMembersBlock(model.Name, model.UnderlyingType, spec.Kind, spec.Field, members.ToEquatableArray()));
                }
            }

            if (blocks.Count > 0)
            {
                classes.Add(new FlagMembersClass(byClass.Key.Namespace, byClass.Key.ClassName, blocks.ToEquatableArray()));
            }
        }

        return new FlagMembersModel(classes.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    internal static string EmitFlagMembers(FlagMembersClass generated)
    {
        IndentedWriter w = Header();
        bool hasNamespace = generated.Namespace.Length > 0;
        if (hasNamespace)
        {
            w.Line("namespace " + generated.Namespace).Open();
        }

        w.Line($"partial class {generated.ClassName}").Open();
        bool first = true;
        foreach (FlagMembersBlock block in generated.Blocks)
        {
            foreach (FlagMember member in block.Members)
            {
                if (!first)
                {
                    w.Line();
                }

                first = false;
                string flag = $"({block.Underlying})global::IoUring.Interop.{block.EnumName}.{member.EnumMember}";
                if (block.Kind == 0)
                {
                    w.Line($"/// <summary>Sets <c>{member.CName}</c> (<see cref=\"global::IoUring.Interop.{block.EnumName}.{member.EnumMember}\"/>).</summary>");
                    w.Line("/// <remarks>Generated from the vendored kernel header, which defines the flag; no handwritten method documents it yet. "
                        + "A kernel older than the header refuses it with EINVAL.</remarks>");
                    w.Line("/// <returns>This builder.</returns>");
                    w.Line(GeneratedCode);
                    w.Line($"public {generated.ClassName} {member.Name}()").Open();
                    w.Line($"{block.Field} |= {flag};");
                    w.Line("return this;");
                    w.Close();
                }
                else
                {
                    w.Line($"/// <summary>Whether <c>{member.CName}</c> is set (<see cref=\"global::IoUring.Interop.{block.EnumName}.{member.EnumMember}\"/>).</summary>");
                    w.Line("/// <remarks>Generated from the vendored kernel header, which defines the flag; no handwritten property documents it yet.</remarks>");
                    w.Line(GeneratedCode);
                    w.Line($"public bool {member.Name} => ({block.Field} & {flag}) != 0;");
                }
            }
        }

        w.Close();
        if (hasNamespace)
        {
            w.Close();
        }

        return w.ToString();
    }

    private static bool IsSentinel(string name) => name.StartsWith("__", StringComparison.Ordinal) || name.EndsWith("_LAST", StringComparison.Ordinal);

    private static string Describe(NativeConstant constant)
    {
        string value = constant.IsNegative
            ? unchecked((long)constant.Value).ToString(CultureInfo.InvariantCulture)
            : constant.Value.ToString(CultureInfo.InvariantCulture);
        return (constant.Enum is null ? "" : constant.Enum + ".") + constant.Name + " (= " + value + ")";
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
