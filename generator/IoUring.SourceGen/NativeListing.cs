using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using IoUring.SourceGen.Model;
using Microsoft.CodeAnalysis;

namespace IoUring.SourceGen;

/// <summary>
/// Reads the Native layer from the listing IoUring.HeaderGen writes beside Native.g.cs (an AdditionalFile): the
/// generator then depends on one file that changes only when the header does, instead of on the compilation,
/// which changes on every edit. Lines are those of HeaderGen's ApiListing:
/// <c>const NAME : type = value</c>, <c>enum E : type</c>, <c>enum E.M = value</c>, <c>struct S : size N, align A</c>,
/// <c>struct S.f : shape @ offset</c> (and the same for unions), <c>skipped NAME : reason</c>.
/// </summary>
internal static class NativeListing
{
    /// <summary>The file name the MSBuild target gives the listing (obj/.../NativeApi.g.txt).</summary>
    public const string FileName = "NativeApi.g.txt";

    public static bool IsListing(string path) => path.EndsWith(FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The Native layer as data, from the listing (an AdditionalFile): it changes only when the header does, so an
    /// edit anywhere else re-reads nothing and everything downstream stays cached. Reading it from the compilation
    /// instead would re-run on every keystroke in an IDE. Both generators read the Native layer through this one step.
    /// </summary>
    public static IncrementalValueProvider<NativeLayer> Read(IncrementalGeneratorInitializationContext context)
        => context.AdditionalTextsProvider
            .Where(static text => IsListing(text.Path))
            .Select(static (text, ct) => Parse(text.GetText(ct)?.ToString() ?? "", ct))
            .Collect()
            .Select(static (layers, _) => layers.IsEmpty ? NativeLayer.Empty : layers[0]);

    public static NativeLayer Parse(string text, CancellationToken cancellationToken)
    {
        var constants = new List<NativeConstant>();
        var enums = new List<string>();
        var enumTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        var structs = new List<(string Name, long Size, List<string> Fields, List<string> Shapes)>();
        var structIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        // The listing is sorted, so "enum E : type" comes before "enum E.M = v" and "struct S : size" before its fields.
        foreach (string raw in text.Split('\n'))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string line = raw.TrimEnd('\r');
            int space = line.IndexOf(' ');
            if (space < 0)
            {
                continue;
            }

            string kind = line.Substring(0, space);
            string rest = line.Substring(space + 1);
            switch (kind)
            {
                case "const":
                    (string name, string type, string value) = SplitTyped(rest);
                    AddConstant(constants, name, type, value, null);
                    break;
                case "enum":
                    int equals = rest.IndexOf(" = ", StringComparison.Ordinal);
                    if (equals < 0)
                    {
                        int colon = rest.IndexOf(" : ", StringComparison.Ordinal);
                        string enumName = rest.Substring(0, colon);
                        enums.Add(enumName);
                        enumTypes[enumName] = rest.Substring(colon + 3).Trim();
                    }
                    else
                    {
                        string qualified = rest.Substring(0, equals);
                        int dot = qualified.IndexOf('.');
                        string owner = qualified.Substring(0, dot);
                        AddConstant(constants, qualified.Substring(dot + 1), enumTypes.TryGetValue(owner, out string? t) ? t : "int",
                            rest.Substring(equals + 3).Trim(), owner);
                    }

                    break;
                case "struct":
                case "union":
                    int sep = rest.IndexOf(" : ", StringComparison.Ordinal);
                    string left = rest.Substring(0, sep);
                    string right = rest.Substring(sep + 3);
                    int fieldDot = left.IndexOf('.');
                    if (fieldDot < 0 && right.StartsWith("size ", StringComparison.Ordinal))
                    {
                        long size = long.Parse(right.Substring(5, right.IndexOf(',') - 5), NumberStyles.Integer, CultureInfo.InvariantCulture);
                        structIndex[left] = structs.Count;
                        structs.Add((left, size, new List<string>(), new List<string>()));
                    }
                    else if (fieldDot > 0 && structIndex.TryGetValue(left.Substring(0, fieldDot), out int index))
                    {
                        structs[index].Fields.Add(left.Substring(fieldDot + 1));
                        int at = right.LastIndexOf(" @ ", StringComparison.Ordinal);
                        structs[index].Shapes.Add(at < 0 ? right : right.Substring(0, at));
                    }

                    break;
            }
        }

        var structModels = new List<NativeStruct>();
        foreach ((string name, long size, List<string> fields, List<string> shapes) in structs)
        {
            structModels.Add(new NativeStruct(name, size, fields.ToEquatableArray(), shapes.ToEquatableArray()));
        }

        return new NativeLayer(constants.ToEquatableArray(), enums.ToEquatableArray(), structModels.ToEquatableArray());
    }

    private static (string Name, string Type, string Value) SplitTyped(string rest)
    {
        int colon = rest.IndexOf(" : ", StringComparison.Ordinal);
        int equals = rest.IndexOf(" = ", colon, StringComparison.Ordinal);
        return (rest.Substring(0, colon), rest.Substring(colon + 3, equals - colon - 3), rest.Substring(equals + 3).Trim());
    }

    private static void AddConstant(List<NativeConstant> constants, string name, string type, string value, string? enumName)
    {
        if (value.StartsWith("-", StringComparison.Ordinal)
            && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long negative))
        {
            constants.Add(new NativeConstant(name, type, unchecked((ulong)negative), negative < 0, enumName));
        }
        else if (ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong positive))
        {
            constants.Add(new NativeConstant(name, type, positive, false, enumName));
        }
    }
}
