using System.Collections.Generic;
using System.IO;
using System.Linq;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen;

/// <summary>
/// Compares the macros the tool skipped with the reviewed list (<c>--reviewed-skip</c> in io_uring.rsp): a skipped
/// macro nobody reviewed, or a reviewed one the header no longer skips, is a build warning in MSBuild's canonical
/// "file(line): warning CODE: text" form, so it shows in <c>dotnet build</c> and names the macro.
/// </summary>
public static class SkipReview
{
    /// <summary>A skipped macro that is not on the reviewed list.</summary>
    public const string UnreviewedSkip = "IOUHG001";

    /// <summary>A reviewed skip the header no longer has.</summary>
    public const string StaleReviewedSkip = "IOUHG002";

    public static IReadOnlyList<string> Warnings(HeaderModel model, GeneratorOptions options)
    {
        var reviewed = new HashSet<string>(options.ReviewedSkips, System.StringComparer.Ordinal);
        var warnings = new List<string>();
        foreach (SkippedMacro macro in model.Skipped.Where(m => !reviewed.Contains(m.Name)))
        {
            warnings.Add($"{Locate(macro.SourceFile, options)}({macro.Line}): warning {UnreviewedSkip}: macro {macro.Name} skipped ({macro.Reason}); "
                + "bind it by hand if the library needs it, then list it with --reviewed-skip in generator/IoUring.HeaderGen/io_uring.rsp");
        }

        var skipped = new HashSet<string>(model.Skipped.Select(m => m.Name), System.StringComparer.Ordinal);
        foreach (string name in options.ReviewedSkips.Where(n => !skipped.Contains(n)).Distinct())
        {
            warnings.Add($"io_uring.rsp: warning {StaleReviewedSkip}: --reviewed-skip {name} names a macro the headers no longer skip; remove the line");
        }

        return warnings;
    }

    // The warning names the header on disk, so an IDE or a terminal can open it at the line.
    private static string Locate(string relative, GeneratorOptions options)
        => options.IncludeDirectories.Select(d => Path.Combine(d, relative)).Where(File.Exists).Select(Path.GetFullPath).FirstOrDefault() ?? relative;
}
