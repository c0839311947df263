using System.Reflection;
using System.Reflection.PortableExecutable;
using System.IO;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>The one assembly both architectures load: IL only, for any CPU (no x86-64 or arm64 code inside).</summary>
public sealed class OneAssemblyTests
{
    [Fact]
    public void The_library_is_IL_only_and_for_any_cpu()
    {
        string path = typeof(Constants).Assembly.Location;
        using var reader = new PEReader(File.OpenRead(path));
        CorHeader cor = reader.PEHeaders.CorHeader!;
        (cor.Flags & CorFlags.ILOnly).Should().Be(CorFlags.ILOnly);
        (cor.Flags & (CorFlags.Requires32Bit | CorFlags.Prefers32Bit)).Should().Be(0);
        reader.PEHeaders.CoffHeader.Machine.Should().Be(Machine.I386, "AnyCPU assemblies carry the neutral I386 machine type");
        typeof(Constants).Assembly.ManifestModule.GetPEKind(out PortableExecutableKinds kinds, out _);
        kinds.Should().Be(PortableExecutableKinds.ILOnly);
    }
}
