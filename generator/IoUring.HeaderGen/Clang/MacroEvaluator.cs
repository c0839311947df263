using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen.Clang;

/// <summary>
/// Second parse: one variable per object-like macro, declared with the macro's own type
/// (<c>__typeof__((M)) const v = (M);</c>) so that clang both types and evaluates it. A macro whose
/// line does not compile (include guards, strings, types) or whose value is not an integer is
/// skipped with the reason.
/// </summary>
internal static class MacroEvaluator
{
    private const string ValuePrefix = "__headergen_value_";
    private const string LengthPrefix = "__headergen_length_";

    // sizeof of the stringized expansion is 1 exactly when the macro expands to nothing.
    private const string Stringize = "#define __headergen_str2(...) #__VA_ARGS__\n#define __headergen_str(x) __headergen_str2(x)\n";

    public sealed record Result(IReadOnlyList<ConstantDecl> Constants, IReadOnlyList<SkippedMacro> Skipped);

    public static Result Evaluate(HeaderSet headers, IReadOnlyList<MacroCandidate> macros)
    {
        var constants = new Dictionary<int, ConstantDecl>();
        var skipped = new Dictionary<int, SkippedMacro>();
        var objectLike = new List<int>();
        for (int i = 0; i < macros.Count; i++)
        {
            if (macros[i].FunctionLike)
            {
                skipped[i] = new SkippedMacro(macros[i].Name, "function-like macro", macros[i].SourceFile, macros[i].Line);
            }
            else
            {
                objectLike.Add(i);
            }
        }

        EvaluateBatch(headers, macros, objectLike, constants, skipped);

        // A macro that unbalances the C syntax ("{", ")") can take its neighbours' lines down with it,
        // so every macro the batch could not evaluate gets a translation unit of its own before it is
        // reported as skipped.
        foreach (int i in objectLike.Where(skipped.ContainsKey).ToList())
        {
            skipped.Remove(i);
            EvaluateBatch(headers, macros, [i], constants, skipped);
        }

        return new Result(
            Enumerable.Range(0, macros.Count).Where(constants.ContainsKey).Select(i => constants[i]).ToList(),
            Enumerable.Range(0, macros.Count).Where(skipped.ContainsKey).Select(i => skipped[i]).ToList());
    }

    private static void EvaluateBatch(
        HeaderSet headers, IReadOnlyList<MacroCandidate> macros, IReadOnlyList<int> batch,
        Dictionary<int, ConstantDecl> constants, Dictionary<int, SkippedMacro> skipped)
    {
        // Two lines per macro, so that a diagnostic's line says which macro and which question failed.
        string prologue = ClangArguments.IncludeAll(headers) + Stringize;
        int firstLine = prologue.Count(c => c == '\n') + 1;
        var source = new StringBuilder(prologue);
        foreach (int i in batch)
        {
            string name = macros[i].Name;
            source.Append(CultureInfo.InvariantCulture, $"static const char {LengthPrefix}{i}[sizeof(__headergen_str({name}))];\n");
            source.Append(CultureInfo.InvariantCulture, $"__typeof__(({name})) const {ValuePrefix}{i} = ({name});\n");
        }

        using TranslationUnit tu = TranslationUnit.Parse(
            ClangArguments.MainFile, source.ToString(), ClangArguments.For(headers), Libclang.CXTranslationUnit_SkipFunctionBodies);

        // Errors inside the headers themselves are real failures; errors on our own lines only mean
        // "this macro is not an integer expression".
        List<ClangDiagnostic> diagnostics = tu.Diagnostics();
        HeaderParser.ThrowOnErrors(diagnostics.Where(d => !IsMainFile(d.File)));
        var lengthErrors = new HashSet<int>();
        var valueErrors = new Dictionary<int, string>();
        foreach (ClangDiagnostic d in diagnostics.Where(d => d.Severity >= CXDiagnosticSeverity.Error && IsMainFile(d.File)))
        {
            int slot = (int)d.Line - firstLine;
            if (slot < 0 || slot / 2 >= batch.Count)
            {
                continue;
            }

            int index = batch[slot / 2];
            if (slot % 2 == 0)
            {
                lengthErrors.Add(index);
            }
            else
            {
                valueErrors.TryAdd(index, d.Message);
            }
        }

        var empty = new HashSet<int>();
        var values = new Dictionary<int, CXCursor>();
        foreach (CXCursor cursor in tu.Cursor.Children().Where(c => c.Kind() == CXCursorKind.VarDecl))
        {
            string name = cursor.Spelling();
            if (TryIndex(name, LengthPrefix, out int index) && !lengthErrors.Contains(index) &&
                Libclang.clang_getArraySize(cursor.Type().Canonical()) == 1)
            {
                empty.Add(index);
            }
            else if (TryIndex(name, ValuePrefix, out index) && !valueErrors.ContainsKey(index))
            {
                values[index] = cursor;
            }
        }

        foreach (int i in batch)
        {
            MacroCandidate macro = macros[i];
            string? reason;
            if (empty.Contains(i))
            {
                reason = "empty macro (include guard or feature flag)";
            }
            else if (valueErrors.TryGetValue(i, out string? error))
            {
                reason = "not an expression: " + error;
            }
            else if (!values.TryGetValue(i, out CXCursor variable))
            {
                reason = "clang produced no value";
            }
            else
            {
                reason = TryEvaluate(variable, macro, out ConstantDecl? constant);
                if (constant is not null)
                {
                    constants[i] = constant;
                }
            }

            if (reason is not null)
            {
                skipped[i] = new SkippedMacro(macro.Name, reason, macro.SourceFile, macro.Line);
            }
        }
    }

    /// <summary>Returns null and the constant, or the reason the value is not an integer constant.</summary>
    private static string? TryEvaluate(CXCursor variable, MacroCandidate macro, out ConstantDecl? constant)
    {
        constant = null;
        CXType type = variable.Type().Canonical();
        string? csType = HeaderParser.PrimitiveName(type);
        if (csType is null or "bool" or "float" or "double" or "Int128" or "UInt128")
        {
            return $"not an integer constant (C type {type.Spelling()})";
        }

        nint result = Libclang.clang_Cursor_Evaluate(variable);
        if (result == 0)
        {
            return "not a constant expression";
        }

        try
        {
            if (Libclang.clang_EvalResult_getKind(result) != CXEvalResultKind.Int)
            {
                return "not an integer constant expression";
            }

            string value = HeaderParser.IsUnsigned(csType)
                ? Libclang.clang_EvalResult_getAsUnsigned(result).ToString(CultureInfo.InvariantCulture)
                : Libclang.clang_EvalResult_getAsLongLong(result).ToString(CultureInfo.InvariantCulture);
            constant = new ConstantDecl(macro.Name, csType, value, macro.SourceFile, "macro");
            return null;
        }
        finally
        {
            Libclang.clang_EvalResult_dispose(result);
        }
    }

    private static bool TryIndex(string name, string prefix, out int index)
    {
        index = -1;
        return name.StartsWith(prefix, StringComparison.Ordinal) &&
            int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static bool IsMainFile(string file) =>
        file == ClangArguments.MainFile || file.EndsWith("/" + ClangArguments.MainFile, StringComparison.Ordinal);
}
