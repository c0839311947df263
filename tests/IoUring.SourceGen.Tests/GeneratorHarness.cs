using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using IoUring.SourceGen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IoUring.SourceGen.Tests;

/// <summary>Runs the generator over in-memory sources and compiles its output.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "GeneratorTest",
        sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"Source{i}.cs")),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver given the Native listing the MSBuild target would pass as an AdditionalFile.</summary>
    public static GeneratorDriver Driver(AdditionalText nativeListing) => CSharpGeneratorDriver.Create(
        [new IoUringGenerator().AsSourceGenerator()],
        additionalTexts: [nativeListing],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over the sources, with the Native listing derived from them.</summary>
    public static Result Run(params string[] sources)
    {
        CSharpCompilation input = Compilation(sources);
        GeneratorDriver driver = Driver(NativeListingText.Text(input))
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new Result(driver, output, diagnostics);
    }

    public sealed record Result(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
    {
        public GeneratorRunResult RunResult => Driver.GetRunResult().Results.Single();

        public string Source(string hintName) => RunResult.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

        public IEnumerable<Diagnostic> CompileErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

        /// <summary>Emits the output compilation and loads it, so tests can run the generated code.</summary>
        public System.Reflection.Assembly Load()
        {
            using var stream = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = Output.Emit(stream);
            if (!emitted.Success)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, emitted.Diagnostics));
            }

            var context = new System.Runtime.Loader.AssemblyLoadContext(null, isCollectible: true);
            stream.Position = 0;
            return context.LoadFromStream(stream);
        }
    }
}
