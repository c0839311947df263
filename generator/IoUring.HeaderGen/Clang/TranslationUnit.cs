using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace IoUring.HeaderGen.Clang;

/// <summary>One clang diagnostic, already turned into plain text.</summary>
internal sealed record ClangDiagnostic(CXDiagnosticSeverity Severity, string File, uint Line, string Message, string Formatted);

/// <summary>A parsed in-memory C file: owns the index and the translation unit, and frees both on dispose.</summary>
internal sealed unsafe class TranslationUnit : IDisposable
{
    private readonly nint index;
    private nint handle;

    private TranslationUnit(nint index, nint handle, string mainFile)
    {
        this.index = index;
        this.handle = handle;
        MainFile = mainFile;
    }

    public string MainFile { get; }

    public CXCursor Cursor => Libclang.clang_getTranslationUnitCursor(handle);

    /// <summary>Parses <paramref name="contents"/> as the file <paramref name="mainFile"/> (never read from disk).</summary>
    public static TranslationUnit Parse(string mainFile, string contents, IReadOnlyList<string> arguments, uint options)
    {
        LibclangResolver.Install();
        nint index = Libclang.clang_createIndex(0, 0);
        var pinned = new List<GCHandle>();
        try
        {
            byte* Pin(string s)
            {
                GCHandle h = GCHandle.Alloc(Encoding.UTF8.GetBytes(s + "\0"), GCHandleType.Pinned);
                pinned.Add(h);
                return (byte*)h.AddrOfPinnedObject();
            }

            byte** argv = stackalloc byte*[arguments.Count];
            for (int i = 0; i < arguments.Count; i++)
            {
                argv[i] = Pin(arguments[i]);
            }

            byte[] body = Encoding.UTF8.GetBytes(contents);
            byte* name = Pin(mainFile);
            fixed (byte* bodyPtr = body)
            {
                var unsaved = new CXUnsavedFile { Filename = name, Contents = bodyPtr, Length = (nuint)body.Length };
                nint tu;
                CXErrorCode error = Libclang.clang_parseTranslationUnit2(
                    index, name, argv, arguments.Count, &unsaved, 1, options, &tu);
                if (error != CXErrorCode.Success || tu == 0)
                {
                    Libclang.clang_disposeIndex(index);
                    throw new InvalidOperationException($"libclang could not parse {mainFile}: {error}");
                }

                return new TranslationUnit(index, tu, mainFile);
            }
        }
        finally
        {
            foreach (GCHandle h in pinned)
            {
                h.Free();
            }
        }
    }

    public List<ClangDiagnostic> Diagnostics()
    {
        var list = new List<ClangDiagnostic>();
        uint count = Libclang.clang_getNumDiagnostics(handle);
        uint display = Libclang.clang_defaultDiagnosticDisplayOptions();
        for (uint i = 0; i < count; i++)
        {
            nint diagnostic = Libclang.clang_getDiagnostic(handle, i);
            try
            {
                var (file, line) = Cursors.Location(Libclang.clang_getDiagnosticLocation(diagnostic));
                list.Add(new ClangDiagnostic(
                    Libclang.clang_getDiagnosticSeverity(diagnostic),
                    file,
                    line,
                    Cursors.Text(Libclang.clang_getDiagnosticSpelling(diagnostic)),
                    Cursors.Text(Libclang.clang_formatDiagnostic(diagnostic, display))));
            }
            finally
            {
                Libclang.clang_disposeDiagnostic(diagnostic);
            }
        }

        return list;
    }

    /// <summary>Every file the parse read (the main file excluded), as clang spelled the paths.</summary>
    public List<string> IncludedFiles()
    {
        var files = new List<string>();
        GCHandle h = GCHandle.Alloc(files);
        try
        {
            Libclang.clang_getInclusions(handle, &CollectInclusion, GCHandle.ToIntPtr(h));
        }
        finally
        {
            h.Free();
        }

        files.Remove(MainFile);
        return files;
    }

    [UnmanagedCallersOnly]
    private static void CollectInclusion(nint file, CXSourceLocation* stack, uint stackLength, nint clientData)
    {
        ((List<string>)GCHandle.FromIntPtr(clientData).Target!).Add(Cursors.Text(Libclang.clang_getFileName(file)));
    }

    public void Dispose()
    {
        if (handle != 0)
        {
            Libclang.clang_disposeTranslationUnit(handle);
            Libclang.clang_disposeIndex(index);
            handle = 0;
        }
    }
}
