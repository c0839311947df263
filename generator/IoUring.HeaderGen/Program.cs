using System;
using System.Collections.Generic;
using System.IO;
using IoUring.HeaderGen;
using IoUring.HeaderGen.Clang;
using IoUring.HeaderGen.Model;

// Exit codes: 0 written, 1 clang reported an error in the headers, 2 bad command line, 3 anything else.
try
{
    GeneratorOptions options = GeneratorOptions.Parse(args);
    string text = Generator.Generate(options, out HeaderModel model, out IReadOnlyList<string> clangWarnings);
    foreach (string warning in clangWarnings)
    {
        Console.Error.WriteLine("warning: clang: " + warning);
    }

    foreach (SkippedMacro macro in model.Skipped)
    {
        Console.Error.WriteLine($"warning: macro {macro.Name} ({macro.SourceFile}) skipped: {macro.Reason}");
    }

    if (options.OutputPath is null)
    {
        Console.Out.Write(text);
    }
    else
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(options.OutputPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        // Always rewrite: MSBuild's up-to-date check compares the output's timestamp with the inputs'.
        File.WriteAllText(options.OutputPath, text);
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
