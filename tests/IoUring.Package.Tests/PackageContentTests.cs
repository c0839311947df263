using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using FluentAssertions;
using IoUring.Package.Tests.Support;
using Xunit;

namespace IoUring.Package.Tests;

/// <summary>What `dotnet pack src/IoUring.Interop -c Release` puts in the package.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests(PackageFixture fixture)
{
    [Fact]
    public void Pack_Succeeds_WithPackageAndSymbols()
    {
        fixture.Pack.ExitCode.Should().Be(0, fixture.Pack.ToString());
        File.Exists(fixture.PackagePath).Should().BeTrue(fixture.Pack.ToString());
        File.Exists(fixture.SymbolsPath).Should().BeTrue(fixture.Pack.ToString());
        Entries(fixture.SymbolsPath).Should().Contain("lib/net10.0/IoUring.Interop.pdb");
    }

    [Fact]
    public void Package_HoldsLibraryDocsReadmeAndLicense()
    {
        Entries(fixture.PackagePath).Should().Contain(new[]
        {
            "lib/net10.0/IoUring.Interop.dll",
            "lib/net10.0/IoUring.Interop.xml",
            "PACKAGE.md",
            "LICENSE",
        });
        Entries(fixture.PackagePath).Should().NotContain(e => e.EndsWith(".pdb") || e.Contains("HeaderGen") || e.Contains("SourceGen") || e.Contains("libclang"));
    }

    [Fact]
    public void Nuspec_HasMetadata_AndNoDependencies()
    {
        XElement metadata = Nuspec().Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;

        Value("id").Should().Be("IoUring.Interop");
        Value("version").Should().Be(fixture.Version);
        Value("authors").Should().Be("IoUring.Interop contributors");
        Value("readme").Should().Be("PACKAGE.md");
        Value("description").Should().NotBeNullOrWhiteSpace();
        Value("tags").Split(' ').Should().Contain(new[] { "io_uring", "linux" });
        XElement license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        license.Attribute("type")!.Value.Should().Be("expression");
        license.Value.Should().Be("MIT");
        XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        repository.Attribute("type")!.Value.Should().Be("git");
        repository.Attribute("commit")?.Value.Should().MatchRegex("^[0-9a-f]{40}$");

        // The generators and libclang are build-time only: the package depends on nothing.
        metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Should().BeEmpty();
    }

    [Fact]
    public void Assembly_IsDeterministic_AndMarkedTrimmable()
    {
        using ZipArchive zip = ZipFile.OpenRead(fixture.PackagePath);
        using var dll = new MemoryStream();
        using (Stream entry = zip.GetEntry("lib/net10.0/IoUring.Interop.dll")!.Open())
        {
            entry.CopyTo(dll);
        }

        dll.Position = 0;
        using var pe = new PEReader(dll);
        pe.ReadDebugDirectory().Should().Contain(d => d.Type == DebugDirectoryEntryType.Reproducible, "Deterministic=true stamps a reproducible build");
        MetadataReader reader = pe.GetMetadataReader();
        // IsAotCompatible implies IsTrimmable, which the SDK records as [assembly: AssemblyMetadata("IsTrimmable", "True")].
        var metadata = reader.CustomAttributes
            .Select(reader.GetCustomAttribute)
            .Where(a => a.Parent.Kind == HandleKind.AssemblyDefinition)
            .Select(a => a.DecodeValue(new StringOnlyDecoder()))
            .Where(v => v.FixedArguments.Length == 2)
            .Select(v => ((string?)v.FixedArguments[0].Value, (string?)v.FixedArguments[1].Value));
        metadata.Should().Contain(("IsTrimmable", "True"));
    }

    private ZipEntryNames Entries(string package) => new(package);

    private XElement Nuspec()
    {
        using ZipArchive zip = ZipFile.OpenRead(fixture.PackagePath);
        using Stream stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open();
        return XDocument.Load(stream).Root!;
    }
}
