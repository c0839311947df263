using System.Runtime.InteropServices;

namespace IoUring.HeaderGen.Clang;

/// <summary>The libclang entry points the generator needs, and nothing more (clang-c/Index.h).</summary>
internal static unsafe partial class Libclang
{
    private const string Lib = "libclang";

    public const uint CXTranslationUnit_DetailedPreprocessingRecord = 0x01;
    public const uint CXTranslationUnit_SkipFunctionBodies = 0x40;

    [LibraryImport(Lib)] public static partial nint clang_createIndex(int excludeDeclarationsFromPCH, int displayDiagnostics);
    [LibraryImport(Lib)] public static partial void clang_disposeIndex(nint index);

    [LibraryImport(Lib)]
    public static partial CXErrorCode clang_parseTranslationUnit2(
        nint index, byte* sourceFilename, byte** commandLineArgs, int numCommandLineArgs,
        CXUnsavedFile* unsavedFiles, uint numUnsavedFiles, uint options, nint* translationUnit);

    [LibraryImport(Lib)] public static partial void clang_disposeTranslationUnit(nint translationUnit);
    [LibraryImport(Lib)] public static partial CXCursor clang_getTranslationUnitCursor(nint translationUnit);

    [LibraryImport(Lib)]
    public static partial uint clang_visitChildren(
        CXCursor parent, delegate* unmanaged<CXCursor, CXCursor, nint, CXChildVisitResult> visitor, nint clientData);

    [LibraryImport(Lib)]
    public static partial void clang_getInclusions(
        nint translationUnit, delegate* unmanaged<nint, CXSourceLocation*, uint, nint, void> visitor, nint clientData);

    [LibraryImport(Lib)] public static partial byte* clang_getCString(CXString text);
    [LibraryImport(Lib)] public static partial void clang_disposeString(CXString text);

    [LibraryImport(Lib)] public static partial CXCursor clang_getNullCursor();
    [LibraryImport(Lib)] public static partial uint clang_equalCursors(CXCursor a, CXCursor b);
    [LibraryImport(Lib)] public static partial uint clang_hashCursor(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXCursorKind clang_getCursorKind(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXString clang_getCursorSpelling(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXType clang_getCursorType(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXSourceLocation clang_getCursorLocation(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_isCursorDefinition(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_Cursor_isAnonymous(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_Cursor_isAnonymousRecordDecl(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_Cursor_isBitField(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_Cursor_isMacroFunctionLike(CXCursor cursor);
    [LibraryImport(Lib)] public static partial long clang_Cursor_getOffsetOfField(CXCursor cursor);

    [LibraryImport(Lib)] public static partial void clang_getFileLocation(CXSourceLocation location, nint* file, uint* line, uint* column, uint* offset);
    [LibraryImport(Lib)] public static partial CXString clang_getFileName(nint file);

    [LibraryImport(Lib)] public static partial CXString clang_getTypeSpelling(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getCanonicalType(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getPointeeType(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getArrayElementType(CXType type);
    [LibraryImport(Lib)] public static partial long clang_getArraySize(CXType type);
    [LibraryImport(Lib)] public static partial CXCursor clang_getTypeDeclaration(CXType type);
    [LibraryImport(Lib)] public static partial long clang_Type_getSizeOf(CXType type);
    [LibraryImport(Lib)] public static partial long clang_Type_getAlignOf(CXType type);
    [LibraryImport(Lib)] public static partial long clang_Type_getOffsetOf(CXType type, byte* fieldName);

    [LibraryImport(Lib)] public static partial CXType clang_getEnumDeclIntegerType(CXCursor cursor);
    [LibraryImport(Lib)] public static partial long clang_getEnumConstantDeclValue(CXCursor cursor);
    [LibraryImport(Lib)] public static partial ulong clang_getEnumConstantDeclUnsignedValue(CXCursor cursor);

    [LibraryImport(Lib)] public static partial nint clang_Cursor_Evaluate(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXEvalResultKind clang_EvalResult_getKind(nint result);
    [LibraryImport(Lib)] public static partial uint clang_EvalResult_isUnsignedInt(nint result);
    [LibraryImport(Lib)] public static partial ulong clang_EvalResult_getAsUnsigned(nint result);
    [LibraryImport(Lib)] public static partial long clang_EvalResult_getAsLongLong(nint result);
    [LibraryImport(Lib)] public static partial void clang_EvalResult_dispose(nint result);

    [LibraryImport(Lib)] public static partial uint clang_getNumDiagnostics(nint translationUnit);
    [LibraryImport(Lib)] public static partial nint clang_getDiagnostic(nint translationUnit, uint index);
    [LibraryImport(Lib)] public static partial CXDiagnosticSeverity clang_getDiagnosticSeverity(nint diagnostic);
    [LibraryImport(Lib)] public static partial CXSourceLocation clang_getDiagnosticLocation(nint diagnostic);
    [LibraryImport(Lib)] public static partial CXString clang_getDiagnosticSpelling(nint diagnostic);
    [LibraryImport(Lib)] public static partial CXString clang_formatDiagnostic(nint diagnostic, uint options);
    [LibraryImport(Lib)] public static partial uint clang_defaultDiagnosticDisplayOptions();
    [LibraryImport(Lib)] public static partial void clang_disposeDiagnostic(nint diagnostic);
}
