using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using IoUring.HeaderGen;
using IoUring.HeaderGen.Clang;
using IoUring.HeaderGen.Emit;
using IoUring.HeaderGen.Model;

// Exit codes: 0 written, 1 clang reported an error in the headers, 2 bad command line, 3 anything else,
// 4 an output file could not be written.
try
{
    GeneratorOptions options = GeneratorOptions.Parse(args);
    string text = Generator.Generate(options, out HeaderModel model, out IReadOnlyList<string> clangWarnings, out IReadOnlyList<ArchDifference> differences);
    foreach (string warning in clangWarnings)
    {
        Console.Error.WriteLine("warning: clang: " + warning);
    }

    if (options.CheckAgainstPath is not null)
    {
        // headers/update.sh --check: what the new headers change against the committed listing; nothing is written.
        Console.Out.Write(ListingDiff.Report(File.ReadAllText(options.CheckAgainstPath), ApiListing.Write(model)));
        foreach (string warning in ArchComparison.Warnings(differences, options))
        {
            Console.Out.WriteLine(warning);
        }

        return 0;
    }

    foreach (string warning in SkipReview.Warnings(model, options).Concat(ArchComparison.Warnings(differences, options)))
    {
        Console.Error.WriteLine(warning);
    }

    if (options.ListingPath is not null && !TryWrite("--listing", options.ListingPath, ApiListing.Write(model)))
    {
        return 4;
    }

    if (options.OutputPath is null)
    {
        Console.Out.Write(text);
    }
    else
    {
        if (!TryWrite("--output", options.OutputPath, text))
        {
            return 4;
        }

        Console.Out.WriteLine(
            $"IoUring.HeaderGen: {model.Types.Count} types, {model.Constants.Count} constants, {model.Skipped.Count} macros skipped -> {options.OutputPath}");
    }

    return 0;
}
catch (HeaderParseException e)
{
    Console.Error.WriteLine("error: clang could not parse the headers:");
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (Exception e) when (e is ArgumentException or FileNotFoundException)
{
    Console.Error.WriteLine("error: " + e.Message);
    Console.Error.WriteLine(GeneratorOptions.Usage);
    return 2;
}
catch (Exception e)
{
    Console.Error.WriteLine("error: " + e);
    return 3;
}

// A folder that cannot be created or a file that cannot be written is not a bad command line: say which
// option and why, without the usage text.
static bool TryWrite(string option, string path, string text)
{
    try
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        // Always rewrite: MSBuild's up-to-date check compares the output's timestamp with the inputs'.
        File.WriteAllText(path, text);
        return true;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: cannot write {option} {path}: {e.Message}");
        return false;
    }
}
