using IoUring.SourceGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IoUring.SourceGen.Opcodes;

/// <summary>
/// Turns the opcode table in <c>src/IoUring.Interop/Opcodes/Table/</c> into the builder structs of
/// <c>IoUring.Interop.Opcodes</c>, as the Rust crate's <c>opcode!</c> macro does, and names every io_uring_op
/// member of the header that has neither a builder row nor a skip.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class OpcodeGenerator : IIncrementalGenerator
{
    /// <summary>Names of the pipeline steps, so tests can watch their caching.</summary>
    public static class Steps
    {
        public const string OpcodeRows = nameof(OpcodeRows);
        public const string OpcodeNative = nameof(OpcodeNative);
        public const string OpcodeModel = nameof(OpcodeModel);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static output => output.AddSource(OpcodeAttributeSource.HintName, OpcodeAttributeSource.Text));

        IncrementalValuesProvider<OpcodeTableSlice> rows = context.SyntaxProvider
            .ForAttributeWithMetadataName(OpcodeAttributeSource.Builder, static (node, _) => node is ClassDeclarationSyntax, static (c, ct) => ParseTable(c, ct))
            .WithTrackingName(Steps.OpcodeRows);

        // The same listing step as IoUringGenerator's: it changes only with the header, so the model downstream stays
        // cached on other edits.
        IncrementalValueProvider<OpcodeNative> native = NativeListing.Read(context)
            .Select(static (layer, _) => ReadNative(layer))
            .WithTrackingName(Steps.OpcodeNative);

        IncrementalValueProvider<OpcodeModel> model = rows.Collect()
            .Combine(native)
            .Select(static (input, _) => BuildModel(input.Left, input.Right))
            .WithTrackingName(Steps.OpcodeModel);

        context.RegisterSourceOutput(model, static (output, model) =>
        {
            foreach (DiagnosticInfo diagnostic in model.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            foreach (BuilderModel builder in model.Builders)
            {
                output.AddSource($"IoUring.Interop.Opcodes.{builder.Row.Name}.g.cs", EmitBuilder(builder));
            }
        });
    }
}
