using System.Collections.Generic;
using System.Linq;
using IoUring.HeaderGen.Clang;
using IoUring.HeaderGen.Emit;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen;

/// <summary>Headers in, C# text out: the two clang parses, then the emitter.</summary>
public static class Generator
{
    /// <summary>Parses the headers the options name for the first target and returns the model (throws <see cref="HeaderParseException"/> on a clang error).</summary>
    public static HeaderModel BuildModel(GeneratorOptions options, out IReadOnlyList<string> clangWarnings)
        => BuildTargetModel(options.ForTarget(options.Targets[0]), out clangWarnings);

    /// <summary>One model per target, in the options' order (the first is the primary one).</summary>
    public static IReadOnlyList<TargetModel> BuildModels(GeneratorOptions options, out IReadOnlyList<string> clangWarnings)
    {
        var warnings = new List<string>();
        var models = new List<TargetModel>();
        foreach (string target in options.Targets)
        {
            models.Add(new TargetModel(target, BuildTargetModel(options.ForTarget(target), out IReadOnlyList<string> own)));
            warnings.AddRange(own.Select(w => options.Targets.Count > 1 ? $"{target}: {w}" : w));
        }

        clangWarnings = warnings.Distinct().ToList();
        return models;
    }

    private static HeaderModel BuildTargetModel(GeneratorOptions options, out IReadOnlyList<string> clangWarnings)
    {
        HeaderSet headers = HeaderSet.Resolve(options.IncludeDirectories, options.Headers, options.Targets[0]);
        HeaderParser.Result parsed = HeaderParser.Parse(headers);
        MacroEvaluator.Result macros = MacroEvaluator.Evaluate(headers, parsed.Macros);

        // Constants in header order, then source line, whichever kind they are.
        Dictionary<string, (int Header, uint Line)> macroPlace = parsed.Macros
            .GroupBy(m => m.Name)
            .ToDictionary(g => g.Key, g => (g.Last().HeaderIndex, g.Last().Line));
        List<ConstantDecl> constants = parsed.EnumConstants
            .Select(c => (c.Header, c.Line, c.Constant))
            .Concat(macros.Constants.Select(c => (macroPlace[c.Name].Header, macroPlace[c.Name].Line, c)))
            .OrderBy(c => c.Item1)
            .ThenBy(c => c.Item2)
            .Select(c => c.Item3)
            .ToList();

        clangWarnings = parsed.Warnings.Select(w => w.Formatted).ToList();
        return new HeaderModel(
            headers.Describe(parsed.IncludedFiles.Concat(headers.Headers.Select(h => h.Full))),
            HeaderSet.PackageVersion(options.ProvenancePath),
            parsed.Types,
            constants,
            macros.Skipped);
    }

    /// <summary>
    /// The emitted model: the primary target's, with each reviewed architecture difference split per target; its input
    /// list is every target's (the file header names each architecture's asm headers).
    /// </summary>
    public static HeaderModel Combine(IReadOnlyList<TargetModel> models, GeneratorOptions options, out IReadOnlyList<ArchDifference> differences)
    {
        differences = ArchComparison.Compare(models);
        HeaderModel combined = ArchComparison.Split(models, differences, options.ArchSpecific);
        return combined with
        {
            Inputs = models.SelectMany(m => m.Model.Inputs).DistinctBy(i => i.Path).OrderBy(i => i.Path, System.StringComparer.Ordinal).ToList(),
        };
    }

    public static string Generate(GeneratorOptions options, out HeaderModel model, out IReadOnlyList<string> clangWarnings)
        => Generate(options, out model, out clangWarnings, out _);

    /// <summary>Every target parsed, compared and combined, then emitted; <paramref name="differences"/> feeds the IOUHG003/004 warnings.</summary>
    public static string Generate(GeneratorOptions options, out HeaderModel model, out IReadOnlyList<string> clangWarnings, out IReadOnlyList<ArchDifference> differences)
    {
        IReadOnlyList<TargetModel> models = BuildModels(options, out clangWarnings);
        model = Combine(models, options, out differences);
        return CSharpEmitter.Emit(model, options.Namespace);
    }
}
