using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.ApiTests;

/// <summary>No public type of the package has the name of a type a console or web project sees without a using, nor of
/// System.Net.Sockets, System.IO or System.Threading: <c>using IoUring.Interop.Opcodes;</c> next to them must not make
/// a name ambiguous (as <c>Socket</c> and <c>Timeout</c> once did).</summary>
public class NameClashTests
{
    // The SDK's implicit usings (Microsoft.NET.Sdk and Microsoft.NET.Sdk.Web), plus the namespaces a user of this
    // package is most likely to import beside it.
    private static readonly string[] Namespaces =
    [
        "System", "System.IO", "System.Collections.Generic", "System.Linq", "System.Net.Http", "System.Threading",
        "System.Threading.Tasks",
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
        "System.Net.Sockets",
    ];

    [Fact]
    public void No_public_type_clashes_with_an_implicitly_imported_framework_type()
    {
        Dictionary<string, string> framework = FrameworkTypes();
        framework.Keys.Should().Contain(["Socket", "Timeout", "File", "WebApplication", "ILogger"], "both shared frameworks were read");

        string[] clashes = typeof(Ring).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested && t.Namespace != "IoUring.Interop.Native")
            .Where(t => framework.ContainsKey(t.Name))
            .Select(t => $"{t.FullName} clashes with {framework[t.Name]}")
            .Order()
            .ToArray();

        clashes.Should().BeEmpty();
    }

    // Simple metadata name (with its `arity) -> one framework type that has it, read from the assemblies of both
    // shared frameworks without loading them.
    private static Dictionary<string, string> FrameworkTypes()
    {
        string core = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string version = Path.GetFileName(core);
        string aspNetRoot = Path.Combine(core, "..", "..", "Microsoft.AspNetCore.App");
        string aspNet = Directory.Exists(Path.Combine(aspNetRoot, version))
            ? Path.Combine(aspNetRoot, version)
            : Directory.GetDirectories(aspNetRoot).Order().Last();

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string dll in Directory.GetFiles(core, "*.dll").Concat(Directory.GetFiles(aspNet, "*.dll")))
        {
            using var stream = File.OpenRead(dll);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
                continue;
            MetadataReader reader = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
            {
                TypeDefinition type = reader.GetTypeDefinition(handle);
                if ((type.Attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public)
                    continue;
                string ns = reader.GetString(type.Namespace);
                if (Namespaces.Contains(ns))
                    types.TryAdd(reader.GetString(type.Name), $"{ns}.{reader.GetString(type.Name)} ({Path.GetFileName(dll)})");
            }
        }

        return types;
    }
}
