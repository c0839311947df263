using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace IoUring.HeaderGen.Clang;

/// <summary>Small managed conveniences over cursors and types; used only while a parse is alive.</summary>
internal static unsafe class Cursors
{
    public static string Text(CXString text)
    {
        try
        {
            byte* p = Libclang.clang_getCString(text);
            return p == null ? string.Empty : Marshal.PtrToStringUTF8((nint)p) ?? string.Empty;
        }
        finally
        {
            Libclang.clang_disposeString(text);
        }
    }

    public static string Spelling(this CXCursor cursor) => Text(Libclang.clang_getCursorSpelling(cursor));

    public static CXCursorKind Kind(this CXCursor cursor) => Libclang.clang_getCursorKind(cursor);

    public static CXType Type(this CXCursor cursor) => Libclang.clang_getCursorType(cursor);

    public static string Spelling(this CXType type) => Text(Libclang.clang_getTypeSpelling(type));

    public static CXType Canonical(this CXType type) => Libclang.clang_getCanonicalType(type);

    public static CXCursor Declaration(this CXType type) => Libclang.clang_getTypeDeclaration(type);

    public static bool IsAnonymousRecordDecl(this CXCursor cursor) => Libclang.clang_Cursor_isAnonymousRecordDecl(cursor) != 0;

    public static bool IsAnonymous(this CXCursor cursor) => Libclang.clang_Cursor_isAnonymous(cursor) != 0;

    public static bool IsDefinition(this CXCursor cursor) => Libclang.clang_isCursorDefinition(cursor) != 0;

    public static bool IsSame(this CXCursor a, CXCursor b) => Libclang.clang_equalCursors(a, b) != 0;

    /// <summary>The file (as clang spelled its path) and line where the cursor is declared, or an empty path for builtins.</summary>
    public static (string File, uint Line) Location(this CXCursor cursor) => Location(Libclang.clang_getCursorLocation(cursor));

    public static (string File, uint Line) Location(CXSourceLocation location)
    {
        nint file;
        uint line, column, offset;
        Libclang.clang_getFileLocation(location, &file, &line, &column, &offset);
        return (file == 0 ? string.Empty : Text(Libclang.clang_getFileName(file)), line);
    }

    /// <summary>The direct children of a cursor, in source order.</summary>
    public static List<CXCursor> Children(this CXCursor parent)
    {
        var children = new List<CXCursor>();
        GCHandle handle = GCHandle.Alloc(children);
        try
        {
            Libclang.clang_visitChildren(parent, &CollectChild, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        return children;
    }

    [UnmanagedCallersOnly]
    private static CXChildVisitResult CollectChild(CXCursor cursor, CXCursor parent, nint clientData)
    {
        ((List<CXCursor>)GCHandle.FromIntPtr(clientData).Target!).Add(cursor);
        return CXChildVisitResult.Continue;
    }

    /// <summary>Runs <paramref name="action"/> with a NUL-terminated UTF-8 copy of <paramref name="text"/>.</summary>
    public static T WithUtf8<T>(string text, Utf8Func<T> action)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text + "\0");
        fixed (byte* p = bytes)
        {
            return action(p);
        }
    }

    public delegate T Utf8Func<T>(byte* text);
}
