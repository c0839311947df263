using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace IoUring.Package.Tests.Support;

/// <summary>
/// Packs the library once per test run into a temporary feed, and on demand builds a fresh consumer of that
/// package for the JIT and publishes it once with NativeAOT. The slow steps run at most once however many
/// tests read their results.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    private Lazy<Task<ProcessResult>> _jitRun = null!;
    private Lazy<Task<ProcessResult>> _aotRun = null!;

    /// <summary>A version no earlier run used, so the restore can only find it in this run's feed.</summary>
    public string Version { get; } = "0.1.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "iouring-package-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public string Feed => Path.Combine(WorkDirectory, "feed");

    public string PackagePath => Path.Combine(Feed, $"IoUring.Interop.{Version}.nupkg");

    public string SymbolsPath => Path.Combine(Feed, $"IoUring.Interop.{Version}.snupkg");

    public ProcessResult Pack { get; private set; } = null!;

    /// <summary>The text file the consumer reads.</summary>
    public string DataFile => Path.Combine(WorkDirectory, "hello.txt");

    public const string DataText = "hello from io_uring";

    private string ConsumerDirectory => Path.Combine(WorkDirectory, "consumer");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        await File.WriteAllTextAsync(DataFile, DataText + "\n");

        // The README's pack command, with this run's version. (Not --artifacts-path: the Native layer's
        // generation target joins the project folder and IntermediateOutputPath, so an absolute artifacts
        // path would put Native.g.cs inside the source tree.)
        Pack = await ProcessRunner.RunAsync(
            "dotnet",
            ["pack", RepoPaths.Library, "-c", "Release", "-o", Feed, "-p:Version=" + Version,
             "--disable-build-servers", "-nodeReuse:false"],
            RepoPaths.Root,
            BuildTimeout);

        WriteConsumer();
        _jitRun = new Lazy<Task<ProcessResult>>(RunOnJitAsync);
        _aotRun = new Lazy<Task<ProcessResult>>(RunNativeAotAsync);
    }

    /// <summary>Builds the consumer and runs it on the JIT; the result of the run (or of the failed build).</summary>
    public Task<ProcessResult> JitRun => _jitRun.Value;

    /// <summary>Publishes the consumer with NativeAOT and runs the binary; the result of the run (or of the failed publish).</summary>
    public Task<ProcessResult> AotRun => _aotRun.Value;

    /// <summary>The NativeAOT binary, once <see cref="AotRun"/> has run.</summary>
    public string AotBinary => Path.Combine(WorkDirectory, "aot", "Consumer");

    /// <summary>The publish step's own output, once <see cref="AotRun"/> has run.</summary>
    public ProcessResult? AotPublish { get; private set; }

    /// <summary>Why NativeAOT cannot link here, or null when a linker is on PATH.</summary>
    public static string? MissingLinker =>
        ProcessRunner.FindOnPath("clang", "gcc") is null
            ? "NativeAOT needs a C toolchain to link: install the Debian package 'clang' or 'gcc' (apt-get install -y gcc)"
            : null;

    private void WriteConsumer()
    {
        Directory.CreateDirectory(ConsumerDirectory);
        string templates = Path.Combine(AppContext.BaseDirectory, "Consumer");
        File.WriteAllText(
            Path.Combine(ConsumerDirectory, "Consumer.csproj"),
            File.ReadAllText(Path.Combine(templates, "Consumer.csproj.txt")).Replace("$VERSION$", Version, StringComparison.Ordinal));
        File.Copy(Path.Combine(templates, "Program.cs.txt"), Path.Combine(ConsumerDirectory, "Program.cs"));
        NuGetConfigWriter.Write(Path.Combine(ConsumerDirectory, "nuget.config"), Feed);
    }

    private async Task<ProcessResult> RunOnJitAsync()
    {
        ProcessResult build = await ProcessRunner.RunAsync(
            "dotnet",
            ["build", "-c", "Release", "-o", Path.Combine(WorkDirectory, "jit"), "--disable-build-servers", "-nodeReuse:false"],
            ConsumerDirectory,
            BuildTimeout);
        if (build.ExitCode != 0)
        {
            return build;
        }

        return await ProcessRunner.RunAsync("dotnet", [Path.Combine(WorkDirectory, "jit", "Consumer.dll"), DataFile], ConsumerDirectory, TimeSpan.FromMinutes(1));
    }

    private async Task<ProcessResult> RunNativeAotAsync()
    {
        string output = Path.Combine(WorkDirectory, "aot");
        // The SDK picks the ILCompiler version; only the linker is chosen, by what the machine has.
        string[] linker = ProcessRunner.FindOnPath("clang") is null ? ["-p:CppCompilerAndLinker=gcc"] : [];
        AotPublish = await ProcessRunner.RunAsync(
            "dotnet",
            ["publish", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", .. linker, "-o", output,
             "--disable-build-servers", "-nodeReuse:false"],
            ConsumerDirectory,
            BuildTimeout);
        if (AotPublish.ExitCode != 0)
        {
            return AotPublish;
        }

        return await ProcessRunner.RunAsync(AotBinary, [DataFile], ConsumerDirectory, TimeSpan.FromMinutes(1));
    }

    public ValueTask DisposeAsync()
    {
        TryDelete(WorkDirectory);
        // The restore copied this run's one-off version into the global packages folder: take it out again.
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string packageFolder = Path.Combine(packages, "iouring.interop");
        TryDelete(Path.Combine(packageFolder, Version.ToLowerInvariant()));
        if (Directory.Exists(packageFolder) && Directory.GetFileSystemEntries(packageFolder).Length == 0)
        {
            TryDelete(packageFolder);
        }

        return ValueTask.CompletedTask;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// The tests that pack: one pack and one NativeAOT publish (<see cref="PackageFixture"/>), and README's install
/// commands in a fresh HOME (<see cref="FreshHomeFixture"/>). One collection, so the packs, which share the
/// library's Release output folder, never run at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>, ICollectionFixture<FreshHomeFixture>
{
    public const string Name = "package";
}
