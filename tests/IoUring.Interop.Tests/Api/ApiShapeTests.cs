using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.ApiTests;

/// <summary>One spelling, one type per concept, a filled probe and the platform annotation, checked on the public surface.</summary>
public class ApiShapeTests
{
    private static readonly Assembly Package = typeof(Ring).Assembly;

    [Fact]
    public void The_assembly_is_marked_Linux_only()
    {
        Package.GetCustomAttributes<SupportedOSPlatformAttribute>().Select(a => a.PlatformName).Should().Equal("linux");
    }

    [Fact]
    public void A_probe_cannot_be_created_empty_and_the_ones_handed_out_are_filled()
    {
        typeof(Probe).GetConstructors(BindingFlags.Public | BindingFlags.Instance).Should().BeEmpty();
        using var ring = new Ring(4);

        Probe.For(ring).IsSupported(Opcode.Nop).Should().BeTrue();
        Probe probe = ring.Submitter.GetProbe();
        probe.IsSupported(Opcode.Read).Should().BeTrue();
        ring.Submitter.RegisterProbe(probe);
        probe.IsSupported(Opcode.Nop).Should().BeTrue("RegisterProbe refills a probe");
    }

    [Fact]
    public void No_public_member_spells_TaskRun_as_Taskrun_outside_the_RingBuilder_and_RingParameters()
    {
        // RingBuilder and RingParameters get their setup members generated from the flag table (their own branch).
        string[] offenders = PublicMembers()
            .Where(m => m.DeclaringType != typeof(RingBuilder) && m.DeclaringType != typeof(RingParameters))
            .Where(m => m.Name.Contains("Taskrun", StringComparison.Ordinal))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToArray();

        offenders.Should().BeEmpty();
        typeof(SubmissionQueue).GetProperty(nameof(SubmissionQueue.TaskRun)).Should().NotBeNull();
    }

    [Fact]
    public void A_buffer_ring_address_has_one_type()
    {
        Type address = typeof(BufferRing).GetProperty("Address")!.PropertyType;
        ParameterInfo registered = typeof(Submitter).GetMethod(nameof(Submitter.RegisterBufRingWithFlags))!.GetParameters()[0];

        address.Should().Be(typeof(nint));
        registered.ParameterType.Should().Be(address);
    }

    [Fact]
    public void The_rings_fd_is_FileDescriptor_not_a_property_named_like_the_Fd_type()
    {
        PropertyInfo fd = typeof(Ring).GetProperty(nameof(Ring.FileDescriptor))!;
        fd.PropertyType.Should().Be(typeof(int));
        // The old name stays only as an [Obsolete] forwarder while other branches still use it.
#pragma warning disable CS0618
        typeof(Ring).GetProperty(nameof(Ring.Fd))!.GetCustomAttribute<ObsoleteAttribute>().Should().NotBeNull();
#pragma warning restore CS0618
    }

    [Fact]
    public void Counts_offsets_and_waits_are_int_in_the_Submitter_and_Ring()
    {
        // The raw Enter mirrors io_uring_enter(2)'s unsigned arguments on purpose (docs/raw-escape-hatches.md).
        string[] countNames = ["want", "count", "entries", "offset", "length", "sqEntries", "cqEntries",
            "destinationOffset", "sourceOffset", "bounded", "unbounded"];
        string[] unsigned = new[] { typeof(Submitter), typeof(Ring) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Cast<MethodBase>().Concat(t.GetConstructors()))
            .Where(m => m.Name != nameof(Submitter.Enter) && m.GetCustomAttribute<ObsoleteAttribute>() is null)
            .SelectMany(m => m.GetParameters().Select(p => (m, p)))
            .Where(x => countNames.Contains(x.p.Name) && x.p.ParameterType == typeof(uint))
            .Select(x => $"{x.m.DeclaringType!.Name}.{x.m.Name}({x.p.Name})").ToArray();

        unsigned.Should().BeEmpty();
    }

    [Fact]
    public void Negative_counts_are_refused_with_the_arguments_name()
    {
        using var ring = new Ring(4);

        Assert.Throws<ArgumentOutOfRangeException>(() => ring.SubmitAndWait(-1)).ParamName.Should().Be("want");
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ring(-4)).ParamName.Should().Be("entries");
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Submitter.RegisterFilesSparse(-1)).ParamName.Should().Be("count");
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Submitter.RegisterFilesUpdate(-1, [0])).ParamName.Should().Be("offset");
        ring.Submit().Should().Be(0, "the ring is still usable");
    }

    private static MemberInfo[] PublicMembers() =>
        Package.GetExportedTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .ToArray();
}
