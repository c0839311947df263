using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace IoUring.Package.Tests.Support;

/// <summary>
/// A newcomer's machine in a temporary HOME: README's install commands, run as written (in bash, from the
/// repository's folder), pack both packages into a folder feed, register it and create a console and a web app
/// that reference them. Then every documentation example is written into those two fresh apps and built with one
/// <c>dotnet build</c>. The HOME, the NuGet caches, the templates' state and the apps all live in a temporary folder
/// deleted afterwards; only the user-level NuGet.Config is copied in (the machine's own package source, so the SDK
/// reaches packages exactly as a plain restore here does).
/// </summary>
public sealed class FreshHomeFixture : IAsyncLifetime
{
    /// <summary>The marker on the line before README's (and docs/package.md's) install block.</summary>
    public const string InstallMarker = "tested: install";

    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(15);

    private Lazy<Task<ProcessResult>> _install = null!;
    private Lazy<Task<ProcessResult>> _build = null!;

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "iouring-fresh-home-" + Guid.NewGuid().ToString("N")[..12]);

    public string Home => Path.Combine(WorkDirectory, "home");

    /// <summary>README's install commands, the text of its block marked <see cref="InstallMarker"/>.</summary>
    public static string InstallScript => InstallBlock(Path.Combine(RepoPaths.Root, "README.md")).Text;

    /// <summary>What a child of this fixture sees: the temporary HOME, no inherited NuGet folder, no lingering build servers.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["HOME"] = Home,
        ["NUGET_PACKAGES"] = null,
        ["DOTNET_CLI_HOME"] = null,
        ["XDG_DATA_HOME"] = null,
        ["XDG_CONFIG_HOME"] = null,
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <summary>The app folder README's commands created with a reference to IoUring.Interop (a console app).</summary>
    public string? ConsoleProject { get; private set; }

    /// <summary>The app folder README's commands created with a reference to IoUring.Interop.AspNetCore (a web app).</summary>
    public string? WebProject { get; private set; }

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        string realConfig = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        if (File.Exists(realConfig))
        {
            string config = Path.Combine(Home, ".nuget", "NuGet", "NuGet.Config");
            Directory.CreateDirectory(Path.GetDirectoryName(config)!);
            File.Copy(realConfig, config);
        }

        _install = new Lazy<Task<ProcessResult>>(RunInstallAsync);
        _build = new Lazy<Task<ProcessResult>>(BuildExamplesAsync);
        return ValueTask.CompletedTask;
    }

    /// <summary>README's install commands, run once.</summary>
    public Task<ProcessResult> Install => _install.Value;

    /// <summary>The one build of every example in the two apps (after <see cref="Install"/>).</summary>
    public Task<ProcessResult> Build => _build.Value;

    /// <summary>The block marked <see cref="InstallMarker"/> in <paramref name="markdown"/> (exactly one).</summary>
    public static CodeBlock InstallBlock(string markdown)
    {
        CodeBlock[] marked = CodeBlock.Read(markdown).Where(b => b.Marker == InstallMarker).ToArray();
        if (marked.Length != 1 || marked[0].Language != "sh")
        {
            throw new InvalidDataException($"{markdown} must have exactly one ```sh block right after <!-- {InstallMarker} --> (found {marked.Length})");
        }

        return marked[0];
    }

    private async Task<ProcessResult> RunInstallAsync()
    {
        string script = Path.Combine(WorkDirectory, "install.sh");
        await File.WriteAllTextAsync(script, InstallScript);
        // -x echoes each command as it runs: the result shows exactly what ran.
        ProcessResult result = await ProcessRunner.RunAsync("bash", ["-e", "-o", "pipefail", "-x", script], RepoPaths.Root, Slow, Environment);
        ConsoleProject = FindApp("IoUring.Interop");
        WebProject = FindApp("IoUring.Interop.AspNetCore");
        return result;
    }

    /// <summary>The folder under HOME of the project that references <paramref name="package"/>.</summary>
    private string? FindApp(string package)
    {
        string reference = $"Include=\"{package}\"";
        return Directory.EnumerateFiles(Home, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !Path.GetRelativePath(Home, p).StartsWith('.'))
            .Where(p => File.ReadAllText(p).Contains(reference, StringComparison.Ordinal))
            .Select(Path.GetDirectoryName)
            .FirstOrDefault();
    }

    private async Task<ProcessResult> BuildExamplesAsync()
    {
        ProcessResult install = await Install;
        if (install.ExitCode != 0 || ConsoleProject is null || WebProject is null)
        {
            return install with { ExitCode = install.ExitCode == 0 ? -1 : install.ExitCode, StandardError = install.StandardError + "\n(the install did not create a console app referencing IoUring.Interop and a web app referencing IoUring.Interop.AspNetCore)" };
        }

        IReadOnlyList<Example> examples = ExampleCatalog.Instance.Examples;
        ExampleProgramWriter.Write(ConsoleProject, examples.Where(e => e.Kind == ExampleKind.Console).ToList());
        ExampleProgramWriter.Write(WebProject, examples.Where(e => e.Kind == ExampleKind.Web).ToList());
        string solution = Path.Combine(WorkDirectory, "examples.slnx");
        await File.WriteAllTextAsync(
            solution,
            $"<Solution>\n  <Project Path=\"{ProjectFile(ConsoleProject)}\" />\n  <Project Path=\"{ProjectFile(WebProject)}\" />\n</Solution>\n");
        // One build for both apps. AllowUnsafeBlocks: the raw-layer examples marked 'unsafe' need it (a test checks
        // that no other example uses unsafe code).
        return await ProcessRunner.RunAsync(
            "dotnet", ["build", solution, "-p:AllowUnsafeBlocks=true", "-nodeReuse:false"], WorkDirectory, Slow, Environment);
    }

    private static string ProjectFile(string directory) => Directory.GetFiles(directory, "*.csproj").Single();

    /// <summary>The built assembly of an app: bin/Debug/net10.0/NAME.dll.</summary>
    public string Assembly(ExampleKind kind)
    {
        string project = (kind == ExampleKind.Web ? WebProject : ConsoleProject) ?? throw new InvalidOperationException("the install did not run");
        string name = Path.GetFileNameWithoutExtension(ProjectFile(project));
        return Path.Combine(project, "bin", "Debug", "net10.0", name + ".dll");
    }

    /// <summary>Runs a console example in a fresh folder of its own; the run's result.</summary>
    public Task<ProcessResult> RunConsoleAsync(string name, params string[] arguments)
    {
        string directory = Directory.CreateDirectory(Path.Combine(WorkDirectory, "runs", name + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        return ProcessRunner.RunAsync("dotnet", [Assembly(ExampleKind.Console), name, .. arguments], directory, TimeSpan.FromSeconds(90), Environment);
    }

    /// <summary>Starts a web example; dispose the result to stop it.</summary>
    public Task<WebAppProcess> StartWebAsync(string name) =>
        WebAppProcess.StartAsync(
            Assembly(ExampleKind.Web), [name], Path.GetDirectoryName(Assembly(ExampleKind.Web))!, Environment, TimeSpan.FromSeconds(60));

    /// <summary>The compiler errors of the build, each as (file, line, message).</summary>
    public static IReadOnlyList<(string File, int Line, string Message)> Errors(ProcessResult build) =>
        (build.StandardOutput + "\n" + build.StandardError).Split('\n')
            .Select(l => ErrorLine.Match(l))
            .Where(m => m.Success)
            .Select(m => (m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

    private static readonly Regex ErrorLine = new(
        @"^\s*(?<file>[^\s(][^(]*)\((?<line>\d+),\d+\): error (?<message>[A-Z]+\d+:.*?)(\s+\[[^\]]*\])?\s*$", RegexOptions.CultureInvariant);

    public ValueTask DisposeAsync()
    {
        try
        {
            if (Directory.Exists(WorkDirectory))
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
