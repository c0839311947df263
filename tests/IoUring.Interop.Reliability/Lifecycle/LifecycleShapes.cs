using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace IoUring.Interop.Reliability.Lifecycle;

/// <summary>The shapes whose rings the lifecycle tests create and drop: the soak's shapes plus the two kinds of
/// registered ring (their fd lives in the creating thread's registered-ring table).</summary>
public static class LifecycleShapes
{
    /// <summary>Shapes with a plain ring fd.</summary>
    public static readonly IReadOnlyList<Shape> Plain = Shapes.All;

    /// <summary>Shapes whose ring is named by an index in the creating thread's table.</summary>
    public static readonly IReadOnlyList<Shape> Registered =
    [
        new("registered-fd-only", e => Ring.Builder().SetupNoMmap().SetupRegisteredFdOnly().Build(e), 8, 0),
        new("register-ring-fd", e =>
        {
            var ring = new Ring(e);
            ring.Submitter.RegisterRingFd();
            return ring;
        }, 8, 0),
    ];

    /// <summary>Plain shape names as theory data.</summary>
    public static TheoryData<string> PlainNames => new(Plain.Select(s => s.Name));

    /// <summary>Registered shape names as theory data.</summary>
    public static TheoryData<string> RegisteredNames => new(Registered.Select(s => s.Name));

    /// <summary>The shape called <paramref name="name"/>, plain or registered.</summary>
    public static Shape Named(string name) => Plain.Concat(Registered).Single(s => s.Name == name);

    /// <summary>Builds one small ring of <paramref name="shape"/>, skipping when the kernel refuses the shape.</summary>
    public static Ring Create(Shape shape) => Shapes.Create(shape, 8);
}
