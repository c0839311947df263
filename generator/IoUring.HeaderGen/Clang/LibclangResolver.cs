using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace IoUring.HeaderGen.Clang;

/// <summary>
/// Finds the libclang.so that the libclang.runtime package copies next to the tool, whether the
/// host resolved the package's runtime asset or not (e.g. when the tool runs from a copied folder).
/// </summary>
internal static class LibclangResolver
{
    private static int installed;

    public static void Install()
    {
        if (System.Threading.Interlocked.Exchange(ref installed, 1) == 1)
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(typeof(LibclangResolver).Assembly, Resolve);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "libclang")
        {
            return 0;
        }

        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libclang.so"),
            Path.Combine(AppContext.BaseDirectory, "libclang.so"),
        ];
        foreach (string candidate in candidates)
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out nint handle))
            {
                return handle;
            }
        }

        return NativeLibrary.TryLoad(name, assembly, searchPath, out nint fallback) ? fallback : 0;
    }
}
