using System;
using System.IO;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Audit;

/// <summary>README's raw-ring NOP snippet ("The raw ring"), kept word for word here and run as written.</summary>
public class ReadmeAuditTests
{
    // The body of README.md's NOP block under "## The raw ring", minus its using lines.
    private const string Snippet = """
        using var ring = new Ring(entries: 8);
        ring.SubmissionQueue.TryPush(new Nop().Build().WithUserData(42));
        ring.SubmitAndWait(1);
        ring.CompletionQueue.TryDequeue(out CompletionEntry cqe);
        Console.WriteLine($"user_data={cqe.UserData} res={cqe.Result}");
        """;

    [Fact]
    public void Readme_taste_is_the_snippet_this_test_runs()
    {
        string readme = File.ReadAllText(Path.Combine(Repo.Root(), "README.md")).ReplaceLineEndings("\n");
        readme.Should().Contain("using IoUring.Interop;\nusing IoUring.Interop.Opcodes;\n\n" + Snippet.ReplaceLineEndings("\n") + "\n```",
            "the test below runs README's snippet; if README changes, change both");
    }

    [Fact]
    public void The_package_readme_shows_the_same_snippet()
    {
        string package = File.ReadAllText(Path.Combine(Repo.Root(), "src", "IoUring.Interop", "PACKAGE.md")).ReplaceLineEndings("\n");
        package.Should().Contain(Snippet.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Readme_taste_runs_and_prints_the_nop_completion()
    {
        var output = new StringWriter();

        // README's lines, with Console.WriteLine writing to output.
        using var ring = new Ring(entries: 8);
        ring.SubmissionQueue.TryPush(new Nop().Build().WithUserData(42));
        ring.SubmitAndWait(1);
        ring.CompletionQueue.TryDequeue(out CompletionEntry cqe);
        output.WriteLine($"user_data={cqe.UserData} res={cqe.Result}");

        output.ToString().Should().Be("user_data=42 res=0" + Environment.NewLine);
    }
}

/// <summary>Finds the repository root (the folder holding IoUring.Interop.sln) above the test binaries.</summary>
internal static class Repo
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IoUring.Interop.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("IoUring.Interop.sln not found above " + AppContext.BaseDirectory);
    }
}
