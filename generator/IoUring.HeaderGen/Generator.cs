using System.Collections.Generic;
using System.Linq;
using IoUring.HeaderGen.Clang;
using IoUring.HeaderGen.Emit;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen;

/// <summary>Headers in, C# text out: the two clang parses, then the emitter.</summary>
public static class Generator
{
    /// <summary>Parses the headers the options name and returns the model (throws <see cref="HeaderParseException"/> on a clang error).</summary>
    public static HeaderModel BuildModel(GeneratorOptions options, out IReadOnlyList<string> clangWarnings)
    {
        HeaderSet headers = HeaderSet.Resolve(options.IncludeDirectories, options.Headers);
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

    public static string Generate(GeneratorOptions options, out HeaderModel model, out IReadOnlyList<string> clangWarnings)
    {
        model = BuildModel(options, out clangWarnings);
        return CSharpEmitter.Emit(model, options.Namespace);
    }
}
