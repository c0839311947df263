using IoUring.SourceGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IoUring.SourceGen;

/// <summary>
/// Turns the attribute table in <c>src/IoUring.Interop/Native/</c> into typed io_uring_register(2) and
/// io_uring_enter(2) methods on <c>Syscalls</c> and public enums over the Native constants.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class IoUringGenerator : IIncrementalGenerator
{
    /// <summary>Names of the pipeline steps, so tests can watch their caching.</summary>
    public static class Steps
    {
        public const string RegisterRows = nameof(RegisterRows);
        public const string RegisterSkips = nameof(RegisterSkips);
        public const string EnterRows = nameof(EnterRows);
        public const string EnumSpecs = nameof(EnumSpecs);
        public const string NameOverrides = nameof(NameOverrides);
        public const string NativeLayer = nameof(NativeLayer);
        public const string RegisterModel = nameof(RegisterModel);
        public const string EnterModel = nameof(EnterModel);
        public const string EnumsModel = nameof(EnumsModel);
        public const string ReviewRows = nameof(ReviewRows);
        public const string EnumAliases = nameof(EnumAliases);
        public const string FlagMemberSpecs = nameof(FlagMemberSpecs);
        public const string ReviewModel = nameof(ReviewModel);
        public const string FlagMembersModel = nameof(FlagMembersModel);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static output =>
        {
            output.AddSource(AttributeSource.HintName, AttributeSource.Text);
            output.AddSource(ReviewAttributeSource.HintName, ReviewAttributeSource.Text);
        });

        IncrementalValuesProvider<RegisterTableSlice> registerRows = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeSource.RegisterOp, IsClass, static (c, ct) => ParseRegisterRows(c, ct))
            .WithTrackingName(Steps.RegisterRows);

        IncrementalValuesProvider<EquatableArray<SkipRow>> skips = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeSource.RegisterOpSkip, IsClass, static (c, ct) => ParseSkips(c, ct))
            .WithTrackingName(Steps.RegisterSkips);

        IncrementalValuesProvider<EquatableArray<EnterRow>> enterRows = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeSource.EnterOverload, IsClass, static (c, ct) => ParseEnterRows(c, ct))
            .WithTrackingName(Steps.EnterRows);

        IncrementalValuesProvider<EquatableArray<EnumSpec>> enumSpecs = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeSource.GeneratedEnum, IsClass, static (c, ct) => ParseEnumSpecs(c, ct))
            .WithTrackingName(Steps.EnumSpecs);

        IncrementalValuesProvider<EquatableArray<NameOverride>> overrides = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeSource.NameOverride, IsClass, static (c, _) => ParseNameOverrides(c))
            .WithTrackingName(Steps.NameOverrides);

        IncrementalValuesProvider<ReviewSlice> reviewedRows = context.SyntaxProvider
            .ForAttributeWithMetadataName(ReviewAttributeSource.Reviewed, IsClass, static (c, ct) => ParseReviewRows(c, ct))
            .WithTrackingName(Steps.ReviewRows);

        IncrementalValuesProvider<ReviewSlice> structRows = context.SyntaxProvider
            .ForAttributeWithMetadataName(ReviewAttributeSource.KernelCheckedStruct, IsClass, static (c, ct) => ParseReviewRows(c, ct))
            .WithTrackingName(Steps.ReviewRows);

        IncrementalValuesProvider<EquatableArray<EnumAlias>> aliases = context.SyntaxProvider
            .ForAttributeWithMetadataName(ReviewAttributeSource.EnumAlias, IsClass, static (c, ct) => ParseEnumAliases(c, ct))
            .WithTrackingName(Steps.EnumAliases);

        IncrementalValuesProvider<EquatableArray<FlagMembersSpec>> flagMemberSpecs = context.SyntaxProvider
            .ForAttributeWithMetadataName(ReviewAttributeSource.GeneratedFlagMembers, IsClass, static (c, ct) => ParseFlagMembers(c, ct))
            .WithTrackingName(Steps.FlagMemberSpecs);

        IncrementalValueProvider<NativeLayer> nativeLayer = NativeListing.Read(context)
            .WithTrackingName(Steps.NativeLayer);

        IncrementalValueProvider<RegisterModel> registerModel = registerRows.Collect()
            .Combine(skips.Collect())
            .Combine(nativeLayer)
            .Select(static (input, _) => BuildRegisterModel(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(Steps.RegisterModel);

        IncrementalValueProvider<EnterModel> enterModel = enterRows.Collect()
            .Select(static (rows, _) => BuildEnterModel(rows))
            .WithTrackingName(Steps.EnterModel);

        IncrementalValueProvider<EnumsModel> enumsModel = enumSpecs.Collect()
            .Combine(overrides.Collect())
            .Combine(aliases.Collect())
            .Combine(nativeLayer)
            .Select(static (input, _) => BuildEnumsModel(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(Steps.EnumsModel);

        IncrementalValueProvider<ReviewModel> reviewModel = reviewedRows.Collect()
            .Combine(structRows.Collect())
            .Combine(enumSpecs.Collect())
            .Combine(nativeLayer)
            .Select(static (input, _) => BuildReviewModel(input.Left.Left.Left.AddRange(input.Left.Left.Right), input.Left.Right, input.Right))
            .WithTrackingName(Steps.ReviewModel);

        IncrementalValueProvider<FlagMembersModel> flagMembersModel = flagMemberSpecs.Collect()
            .Combine(enumsModel)
            .Select(static (input, _) => BuildFlagMembersModel(input.Left, input.Right))
            .WithTrackingName(Steps.FlagMembersModel);

        context.RegisterSourceOutput(registerModel, static (output, model) =>
        {
            Report(output, model.Diagnostics);
            if (model.Methods.Count > 0)
            {
                output.AddSource("IoUring.Interop.Native.Syscalls.Register.g.cs", EmitRegisterMethods(model.Methods));
            }
        });

        context.RegisterSourceOutput(enterModel, static (output, model) =>
        {
            Report(output, model.Diagnostics);
            if (model.Rows.Count > 0)
            {
                output.AddSource("IoUring.Interop.Native.Syscalls.Enter.g.cs", EmitEnterMethods(model.Rows));
            }
        });

        context.RegisterSourceOutput(enumsModel, static (output, model) =>
        {
            Report(output, model.Diagnostics);
            foreach (EnumModel generated in model.Enums)
            {
                output.AddSource($"IoUring.Interop.{generated.Name}.g.cs", EmitEnum(generated));
            }
        });

        context.RegisterSourceOutput(reviewModel, static (output, model) => Report(output, model.Diagnostics));

        context.RegisterSourceOutput(flagMembersModel, static (output, model) =>
        {
            Report(output, model.Diagnostics);
            foreach (FlagMembersClass generated in model.Classes)
            {
                string prefix = generated.Namespace.Length > 0 ? generated.Namespace + "." : "";
                output.AddSource($"{prefix}{generated.ClassName}.Flags.g.cs", EmitFlagMembers(generated));
            }
        });
    }

    private static bool IsClass(SyntaxNode node, System.Threading.CancellationToken _) => node is ClassDeclarationSyntax;

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
