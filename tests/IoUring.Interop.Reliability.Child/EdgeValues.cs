using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Reliability.Child;

/// <summary>One argument value: a label for the report and how to make it for a call.</summary>
internal sealed record Value(string Label, Func<CallContext, object?> Make);

/// <summary>For each parameter type, a benign value and the edge values (0, -1, max, empty and huge spans, closed fds,
/// wrong fd types, unregistered indices...). Spans are made as arrays and pointers as <see cref="IntPtr"/>; the
/// <see cref="Invoker"/> converts them.</summary>
internal static unsafe class EdgeValues
{
    private const int HugeSpan = 1 << 16;

    // Parameters that say how many completions to wait for: any value above 0 blocks forever on a ring with nothing in
    // flight, by design (io_uring_enter(2), min_complete). Only 0 is tried; the timeout forms cover waiting.
    private static readonly string[] WaitCounts = ["want", "minComplete"];

    /// <summary>The value used for <paramref name="type"/> while another parameter takes its edge values.</summary>
    public static Value Benign(Type type, string name)
    {
        Type t = type.IsByRef ? type.GetElementType()! : type;
        if (WaitCounts.Contains(name))
        {
            return WaitCountZero(t);
        }

        if (IsFd(t, name))
        {
            return t == typeof(int) ? new("fd(file)", c => c.FileFd)
                : t == typeof(Fd) ? new("Fd(file)", c => new Fd(c.FileFd))
                : new("Fd(file)", c => (FileTarget)new Fd(c.FileFd));
        }

        if (t.IsPointer)
        {
            return new("null", _ => IntPtr.Zero);
        }

        if (IsSpan(t, out Type? element))
        {
            return new("empty", _ => Array.CreateInstance(element, 0));
        }

        if (t == typeof(Ring))
        {
            return new("another ring", c => c.Own(new Ring(8)));
        }

        if (t == typeof(Submitter))
        {
            return new("this ring's submitter", c => c.Ring.Submitter);
        }

        if (t == typeof(SubmitArgs))
        {
            return new("10 ms timeout", _ => new SubmitArgs().WithTimeout(TimeSpan.FromMilliseconds(10)));
        }

        if (t == typeof(CancelBuilder))
        {
            return new("UserData(1)", _ => CancelBuilder.UserData(1));
        }

        if (t == typeof(Probe))
        {
            return new("this ring's probe", c => Probe.For(c.Ring));
        }

        // The async layer's classes whose simplest constructor takes a count (0 is refused): the smallest valid ones.
        if (t == typeof(Async.RingEngineGroup))
        {
            return new("a group of 1 engine", c => c.Own(new Async.RingEngineGroup(1)));
        }

        if (t == typeof(Async.ProvidedBufferPool))
        {
            return new("a pool of 8 x 4 KiB buffers on the call's engine", c => c.Own(new Async.ProvidedBufferPool(c.Engine, 8, 4096)));
        }

        if (t == typeof(Async.RingEngine))
        {
            return new("the call's engine", c => c.Engine);
        }

        // A buffer argument (Stream.Read(byte[], int, int)): a small real one, so the offset and count edges reach the
        // range check instead of stopping at a null buffer.
        if (t.IsArray && t.GetElementType()!.IsPrimitive)
        {
            return new($"{t.GetElementType()!.Name}[16]", _ => Array.CreateInstance(t.GetElementType()!, 16));
        }

        if (t == typeof(Socket))
        {
            return new("a connected loopback TCP socket", c => Loopback.Connected(c));
        }

        if (typeof(SafeHandle).IsAssignableFrom(t) && t.IsAssignableFrom(typeof(SafeFileHandle)))
        {
            return new("the file's SafeFileHandle", c => c.Own(File.OpenHandle(Path.Combine(Fixtures.Folder, "file"), FileMode.OpenOrCreate, FileAccess.ReadWrite)));
        }

        if (t == typeof(string))
        {
            return new("\"\"", _ => string.Empty);
        }

        if (Nullable.GetUnderlyingType(t) is not null)
        {
            return new("null", _ => null);
        }

        if (!t.IsValueType)
        {
            // A class argument (a path, a buffer owner): one made from its simplest public constructor, else null.
            return Construct(t) is { } make ? new($"new {t.Name}(...)", make) : new("null", _ => null);
        }

        object benign = t == typeof(uint) ? 1u : t == typeof(ushort) ? (ushort)1 : t == typeof(nuint) ? (nuint)16 : Activator.CreateInstance(t)!;
        return new(Describe(benign), _ => benign);
    }

    /// <summary>The edge values tried for <paramref name="type"/>.</summary>
    public static IEnumerable<Value> Edges(Type type, string name)
    {
        Type t = type.IsByRef ? type.GetElementType()! : type;
        if (WaitCounts.Contains(name))
        {
            return [WaitCountZero(t)];
        }

        if (t.IsPointer)
        {
            return [new("null", _ => IntPtr.Zero), new("zeroed 64 KiB buffer", _ => (IntPtr)Fixtures.Buffer)];
        }

        if (IsSpan(t, out Type? element))
        {
            return
            [
                new("empty", _ => Array.CreateInstance(element, 0)),
                new("one default element", _ => Array.CreateInstance(element, 1)),
                new($"{HugeSpan} default elements", _ => Array.CreateInstance(element, HugeSpan)),
                .. element == typeof(int) ? FdValues().Select(v => new Value($"[{v.Label}]", c => new[] { (int)v.Make(c)! })) : [],
            ];
        }

        if (t == typeof(int) && IsFd(t, name))
        {
            return FdValues();
        }

        if (t == typeof(Fd))
        {
            return FdValues().Select(v => new Value($"Fd({v.Label})", c => new Fd((int)v.Make(c)!)));
        }

        if (t == typeof(FileTarget))
        {
            return
            [
                .. FdValues().Select(v => new Value($"Fd({v.Label})", c => (FileTarget)new Fd((int)v.Make(c)!))),
                .. FixedValues().Select(v => new Value(v.Label, c => (FileTarget)(Fixed)v.Make(c)!)),
            ];
        }

        if (t == typeof(Fixed))
        {
            return FixedValues();
        }

        if (t == typeof(Ring))
        {
            return
            [
                new("a disposed ring", c =>
                {
                    var ring = new Ring(8);
                    ring.Dispose();
                    return ring;
                }),
                new("the same ring", c => c.Ring),
                new("null", _ => null),
            ];
        }

        if (t == typeof(Socket))
        {
            return
            [
                new("a disposed socket", _ =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    socket.Dispose();
                    return socket;
                }),
            ];
        }

        if (typeof(SafeHandle).IsAssignableFrom(t) && t.IsAssignableFrom(typeof(SafeFileHandle)))
        {
            return
            [
                new("a closed SafeFileHandle", _ =>
                {
                    SafeFileHandle handle = File.OpenHandle(Path.Combine(Fixtures.Folder, "file"), FileMode.OpenOrCreate, FileAccess.ReadWrite);
                    handle.Dispose();
                    return handle;
                }),
                new("an invalid SafeFileHandle (-1)", c => c.Own(new SafeFileHandle(-1, ownsHandle: false))),
            ];
        }

        if (t == typeof(Timespec))
        {
            return
            [
                Constant(Timespec.From(0, 0)),
                Constant(Timespec.From(-1, -1)),
                Constant(Timespec.From(0, 1_000_000_000)),
                Constant(Timespec.From(long.MaxValue, 999_999_999)),
            ];
        }

        if (t == typeof(SubmitArgs))
        {
            return
            [
                new("no timeout", _ => new SubmitArgs()),
                new("timeout -1 s", _ => new SubmitArgs().WithTimeout(Timespec.From(-1, 0))),
                new("timeout with 1e9 ns", _ => new SubmitArgs().WithTimeout(Timespec.From(0, 1_000_000_000))),
                new("10 ms timeout and an all-ones signal mask", _ => new SubmitArgs().WithTimeout(TimeSpan.FromMilliseconds(10)).WithSignalMask(ulong.MaxValue)),
            ];
        }

        if (t == typeof(string))
        {
            return [Constant(string.Empty), new("null", _ => null), Constant(new string('x', 1 << 16))];
        }

        if (Nullable.GetUnderlyingType(t) is { } inner)
        {
            return [new("null", _ => null), .. Edges(inner, name)];
        }

        if (t.IsEnum)
        {
            return EnumValues(t);
        }

        return Primitive(t) ?? (t.IsValueType ? [new("default", _ => Activator.CreateInstance(t))] : [new("null", _ => null)]);
    }

    /// <summary>How to make an instance of class <paramref name="t"/> from its public constructor with the fewest
    /// parameters, each benign (disposed with the call when disposable); null when it has none.</summary>
    public static Func<CallContext, object?>? Construct(Type t)
    {
        // Only the library's own classes: a framework type's constructor has its own rules (Socket wants a valid handle).
        ConstructorInfo? ctor = t.IsAbstract || t.Assembly != typeof(Ring).Assembly
            ? null
            : t.GetConstructors().OrderBy(c => c.GetParameters().Length).FirstOrDefault();
        if (ctor is null || ctor.GetParameters().Any(p => p.ParameterType == t))
        {
            return null;
        }

        Func<object?, object?[], object?> call = Invoker.For(ctor);
        Value[] arguments = ctor.GetParameters().Select(p => Benign(p.ParameterType, p.Name!)).ToArray();
        return c =>
        {
            object? made = call(null, arguments.Select(a => a.Make(c)).ToArray());
            return made is IDisposable disposable ? c.Own(disposable) : made;
        };
    }

    /// <summary>Whether the parameter holds a file descriptor (by type, or an int whose name says fd).</summary>
    public static bool IsFd(Type t, string name) =>
        t == typeof(Fd) || t == typeof(FileTarget) ||
        (t == typeof(int) && (name.EndsWith("fd", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Fd", StringComparison.Ordinal)));

    /// <summary>Whether <paramref name="t"/> is Span&lt;T&gt; or ReadOnlySpan&lt;T&gt;, and its element type.</summary>
    public static bool IsSpan(Type t, out Type element)
    {
        if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Span<>) || t.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>)))
        {
            element = t.GetGenericArguments()[0];
            return true;
        }

        element = typeof(void);
        return false;
    }

    /// <summary>Describes a value for the report.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        Array a => $"{a.GetType().GetElementType()!.Name}[{a.Length}]",
        _ => value.ToString() ?? value.GetType().Name,
    };

    private static IEnumerable<Value> FdValues() =>
    [
        Constant(-1),
        Constant(int.MaxValue),
        Constant(int.MinValue),
        new("closed fd", c => c.ClosedFd),
        new("pipe fd", c => c.PipeRead),
        new("eventfd", c => c.EventFd),
        new("directory fd", c => c.DirectoryFd),
        new("the ring's own fd", c => c.Ring.Parameters.IsSetupRegisteredFdOnly ? -1 : c.Ring.FileDescriptor),
    ];

    // No file table is registered on the call's ring, so every index is unregistered.
    private static IEnumerable<Value> FixedValues() =>
        [Constant(new Fixed(0)), Constant(new Fixed(1)), Constant(new Fixed(uint.MaxValue - 1)), Constant(new Fixed(uint.MaxValue))];

    private static IEnumerable<Value> EnumValues(Type t)
    {
        Type underlying = Enum.GetUnderlyingType(t);
        var values = new List<Value> { new("0", _ => Enum.ToObject(t, 0)) };
        foreach (object raw in Primitive(underlying)!.Select(v => v.Make(null!)!).Where(v => Convert.ToDecimal(v) != 0))
        {
            values.Add(new($"({t.Name}){raw}", _ => Enum.ToObject(t, raw)));
        }

        return values;
    }

    private static IEnumerable<Value>? Primitive(Type t) =>
        t == typeof(int) ? [Constant(0), Constant(-1), Constant(int.MaxValue), Constant(int.MinValue)]
        : t == typeof(uint) ? [Constant(0u), Constant(1u), Constant(0x8000_0000u), Constant(uint.MaxValue)]
        : t == typeof(long) ? [Constant(0L), Constant(-1L), Constant(long.MaxValue), Constant(long.MinValue)]
        : t == typeof(ulong) ? [Constant(0UL), Constant(1UL << 63), Constant(ulong.MaxValue)]
        : t == typeof(ushort) ? [Constant((ushort)0), Constant(ushort.MaxValue)]
        : t == typeof(short) ? [Constant((short)0), Constant((short)-1), Constant(short.MaxValue)]
        : t == typeof(byte) ? [Constant((byte)0), Constant(byte.MaxValue)]
        : t == typeof(sbyte) ? [Constant((sbyte)0), Constant((sbyte)-1)]
        : t == typeof(bool) ? [Constant(false), Constant(true)]
        : t == typeof(nuint) ? [Constant((nuint)0), Constant(nuint.MaxValue)]
        : t == typeof(nint) ? [Constant((nint)0), Constant((nint)(-1))]
        : t == typeof(TimeSpan) ? [Constant(TimeSpan.Zero), Constant(TimeSpan.FromTicks(-1)), Constant(TimeSpan.MaxValue), Constant(TimeSpan.MinValue)]
        : null;

    private static Value Constant(object value) => new(Describe(value), _ => value);

    // The count in the parameter's own type (counts are int since the .NET API review; a uint would not bind).
    private static Value WaitCountZero(Type t)
    {
        object zero = Convert.ChangeType(0, t, System.Globalization.CultureInfo.InvariantCulture);
        return new("0", _ => zero);
    }
}
