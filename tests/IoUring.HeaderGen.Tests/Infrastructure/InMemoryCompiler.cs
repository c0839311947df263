using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IoUring.HeaderGen.Tests.Infrastructure;

/// <summary>Compiles generated C# in memory (unsafe, nullable, XML docs checked) and loads it for reflection.</summary>
internal static class InMemoryCompiler
{
    private static readonly Lazy<List<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList());

    /// <summary>Returns the loaded assembly and every diagnostic of warning level or above.</summary>
    public static (Assembly? Assembly, IReadOnlyList<Diagnostic> Diagnostics) Compile(string source, string assemblyName)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(
            source, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose), path: assemblyName + ".g.cs");
        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName,
            [tree],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithAllowUnsafe(true)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithWarningLevel(9999)
                // The Native layer keeps lower-case C names on purpose, as IoUring.Interop does.
                .WithSpecificDiagnosticOptions([new KeyValuePair<string, ReportDiagnostic>("CS8981", ReportDiagnostic.Suppress)]));

        using var peStream = new MemoryStream();
        var result = compilation.Emit(peStream);
        List<Diagnostic> diagnostics = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!result.Success)
        {
            return (null, diagnostics);
        }

        peStream.Position = 0;
        var context = new AssemblyLoadContext(assemblyName, isCollectible: true);
        return (context.LoadFromStream(peStream), diagnostics);
    }
}
