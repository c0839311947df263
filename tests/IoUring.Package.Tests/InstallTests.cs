using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Package.Tests.Support;
using Xunit;

namespace IoUring.Package.Tests;

/// <summary>
/// README's install commands, run as written from a clean HOME against freshly packed packages: if an edit of
/// README breaks them, this fails.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class InstallTests(FreshHomeFixture home)
{
    [Fact]
    public void Readme_and_package_md_show_the_same_install_commands_for_both_packages()
    {
        string readme = FreshHomeFixture.InstallScript;
        string package = FreshHomeFixture.InstallBlock(Path.Combine(RepoPaths.Root, "docs", "package.md")).Text;

        package.Should().Be(readme, "docs/package.md repeats README's tested install block word for word");
        readme.Should().MatchRegex(@"dotnet pack src/IoUring\.Interop\s")
            .And.MatchRegex(@"dotnet pack src/IoUring\.Interop\.AspNetCore\s")
            .And.MatchRegex(@"dotnet add package IoUring\.Interop\s")
            .And.MatchRegex(@"dotnet add package IoUring\.Interop\.AspNetCore\s");
    }

    [Fact]
    public async Task Readme_install_commands_work_from_a_clean_home()
    {
        ProcessResult install = await home.Install;

        install.ExitCode.Should().Be(0, install.ToString());
        Directory.EnumerateFiles(home.Home, "*.nupkg", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/.nuget/", System.StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .Should().Contain(n => n!.StartsWith("IoUring.Interop.0.", System.StringComparison.Ordinal))
            .And.Contain(n => n!.StartsWith("IoUring.Interop.AspNetCore.0.", System.StringComparison.Ordinal));
        home.ConsoleProject.Should().NotBeNull("README's commands create a console app referencing IoUring.Interop\n" + install);
        home.WebProject.Should().NotBeNull("README's commands create a web app referencing IoUring.Interop.AspNetCore\n" + install);
        // The packages came from the folder feed into this HOME's own cache, not from anywhere the real HOME had.
        Directory.Exists(Path.Combine(home.Home, ".nuget", "packages", "iouring.interop")).Should().BeTrue();
        Directory.Exists(Path.Combine(home.Home, ".nuget", "packages", "iouring.interop.aspnetcore")).Should().BeTrue();
    }

    [Fact]
    public async Task The_fresh_console_app_builds_and_runs_the_readmes_first_example()
    {
        Example first = ExampleCatalog.Instance.Examples
            .First(e => e.SourceFile.EndsWith("README.md", System.StringComparison.Ordinal) && e.Kind == ExampleKind.Console);
        first.Prints.Should().NotBeNull($"README's first example ({first.Where}) says what it prints");

        ProcessResult build = await home.Build;
        build.ExitCode.Should().Be(0, build.ToString());
        ProcessResult run = await home.RunConsoleAsync(first.Name);

        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardOutput.Should().Contain(first.Prints!, run.ToString());
    }
}
