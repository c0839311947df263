using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace IoUring.SourceGen.Tests;

/// <summary>
/// The listing IoUring.HeaderGen writes beside Native.g.cs (the generator's view of the Native layer), derived here
/// from a compilation's IoUring.Interop.Native namespace, so a test's Native source and the listing never disagree.
/// </summary>
internal static class NativeListingText
{
    public const string Path = "obj/NativeApi.g.txt";

    public static string From(Compilation compilation)
    {
        INamespaceSymbol? native = compilation.Assembly.GlobalNamespace;
        foreach (string part in new[] { "IoUring", "Interop", "Native" })
        {
            native = native?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
        }

        var lines = new List<string>();
        foreach (INamedTypeSymbol type in native?.GetTypeMembers() ?? [])
        {
            if (type.TypeKind == TypeKind.Enum)
            {
                lines.Add($"enum {type.Name} : {type.EnumUnderlyingType!.ToDisplayString()}");
                lines.AddRange(type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
                    .Select(f => $"enum {type.Name}.{f.Name} = {Value(f.ConstantValue)}"));
            }
            else if (type.Name == "Constants")
            {
                lines.AddRange(type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst && f.ConstantValue is not (null or string or bool or char or float or double))
                    .Select(f => $"const {f.Name} : {f.Type.ToDisplayString()} = {Value(f.ConstantValue)}"));
            }
            else if (type.TypeKind == TypeKind.Struct)
            {
                lines.Add($"struct {type.Name} : size {Size(type)}, align 8");
                lines.AddRange(type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst)
                    .Select(f => $"struct {type.Name}.{f.Name} : {f.Type.ToDisplayString()} @ 0"));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Concat(lines.Select(l => l + "\n"));
    }

    public static AdditionalText Text(Compilation compilation) => Text(From(compilation));

    /// <summary>A listing with the given lines, as the MSBuild target would pass it.</summary>
    public static AdditionalText Text(string listing) => new InMemoryText(Path, listing);

    /// <summary>Reruns <paramref name="driver"/> on <paramref name="compilation"/>, replacing <paramref name="listing"/> only if the Native layer changed.</summary>
    public static GeneratorDriver Rerun(GeneratorDriver driver, ref AdditionalText listing, Compilation compilation, CancellationToken cancellationToken)
    {
        string text = From(compilation);
        if (listing.GetText(cancellationToken)!.ToString() != text)
        {
            AdditionalText replacement = new InMemoryText(Path, text);
            driver = driver.ReplaceAdditionalText(listing, replacement);
            listing = replacement;
        }

        return driver.RunGenerators(compilation, cancellationToken);
    }

    private static string Value(object? value) => value switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => "0",
    };

    private static long Size(INamedTypeSymbol type)
    {
        AttributeData? layout = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == nameof(StructLayoutAttribute));
        object? size = layout?.NamedArguments.FirstOrDefault(a => a.Key == "Size").Value.Value;
        return size is int s ? s : 0;
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
