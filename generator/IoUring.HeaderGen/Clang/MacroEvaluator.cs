using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen.Clang;

/// <summary>
/// Second parse: one variable per object-like macro, declared with the macro's own type
/// (<c>__typeof__((M)) const v = (M);</c>) so clang both types and evaluates it. A macro whose line
/// does not compile (include guards, strings, types) or does not evaluate to an integer is skipped.
/// </summary>
internal static class MacroEvaluator
{
    private const string Prefix = "__headergen_macro_";

    public sealed record Result(IReadOnlyList<ConstantDecl> Constants, IReadOnlyList<SkippedMacro> Skipped);

    public static Result Evaluate(HeaderSet headers, IReadOnlyList<MacroCandidate> macros)
    {
        var skipped = new Dictionary<int, SkippedMacro>();
        var source = new StringBuilder(ClangArguments.IncludeAll(headers));
        int firstLine = headers.Headers.Count + 1;
        for (int i = 0; i < macros.Count; i++)
        {
            MacroCandidate macro = macros[i];
            if (macro.FunctionLike)
            {
                skipped[i] = new SkippedMacro(macro.Name, "function-like macro", macro.SourceFile);
                source.Append('\n');
                continue;
            }

            source.Append(CultureInfo.InvariantCulture, $"__typeof__(({macro.Name})) const {Prefix}{i} = ({macro.Name});\n");
        }

        using TranslationUnit tu = TranslationUnit.Parse(
            ClangArguments.MainFile, source.ToString(), ClangArguments.For(headers), Libclang.CXTranslationUnit_SkipFunctionBodies);

        List<ClangDiagnostic> diagnostics = tu.Diagnostics();
        // Errors inside the headers themselves are real failures; errors on our own lines only mean
        // "this macro is not an integer expression".
        HeaderParser.ThrowOnErrors(diagnostics.Where(d => d.File != ClangArguments.MainFile && !d.File.EndsWith("/" + ClangArguments.MainFile, StringComparison.Ordinal)));
        foreach (ClangDiagnostic d in diagnostics.Where(d => d.Severity >= CXDiagnosticSeverity.Error))
        {
            int index = (int)d.Line - firstLine;
            if (index >= 0 && index < macros.Count && !skipped.ContainsKey(index))
            {
                skipped[index] = new SkippedMacro(macros[index].Name, "not an expression: " + d.Message, macros[index].SourceFile);
            }
        }

        var constants = new Dictionary<int, ConstantDecl>();
        foreach (CXCursor cursor in tu.Cursor.Children())
        {
            if (cursor.Kind() != CXCursorKind.VarDecl)
            {
                continue;
            }

            string name = cursor.Spelling();
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) ||
                !int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int index) ||
                index >= macros.Count || skipped.ContainsKey(index))
            {
                continue;
            }

            MacroCandidate macro = macros[index];
            CXType type = cursor.Type().Canonical();
            string? csType = HeaderParser.PrimitiveName(type);
            if (csType is null or "bool" or "float" or "double" or "Int128" or "UInt128")
            {
                skipped[index] = new SkippedMacro(macro.Name, $"not an integer constant (C type {type.Spelling()})", macro.SourceFile);
                continue;
            }

            nint result = Libclang.clang_Cursor_Evaluate(cursor);
            try
            {
                if (result == 0 || Libclang.clang_EvalResult_getKind(result) != CXEvalResultKind.Int)
                {
                    skipped[index] = new SkippedMacro(macro.Name, "not an integer constant expression", macro.SourceFile);
                    continue;
                }

                string value = HeaderParser.IsUnsigned(csType)
                    ? Libclang.clang_EvalResult_getAsUnsigned(result).ToString(CultureInfo.InvariantCulture)
                    : Libclang.clang_EvalResult_getAsLongLong(result).ToString(CultureInfo.InvariantCulture);
                constants[index] = new ConstantDecl(macro.Name, csType, value, macro.SourceFile, "macro");
            }
            finally
            {
                if (result != 0)
                {
                    Libclang.clang_EvalResult_dispose(result);
                }
            }
        }

        for (int i = 0; i < macros.Count; i++)
        {
            if (!constants.ContainsKey(i) && !skipped.ContainsKey(i))
            {
                skipped[i] = new SkippedMacro(macros[i].Name, "clang produced no value", macros[i].SourceFile);
            }
        }

        return new Result(
            Enumerable.Range(0, macros.Count).Where(constants.ContainsKey).Select(i => constants[i]).ToList(),
            Enumerable.Range(0, macros.Count).Where(skipped.ContainsKey).Select(i => skipped[i]).ToList());
    }
}
