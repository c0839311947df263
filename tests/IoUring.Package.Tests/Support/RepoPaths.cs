using System;
using System.IO;

namespace IoUring.Package.Tests.Support;

/// <summary>Where the repository is, found from the test assembly's location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Library => Path.Combine(Root, "src", "IoUring.Interop");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IoUring.Interop.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"IoUring.Interop.sln not found above {AppContext.BaseDirectory}");
    }
}
