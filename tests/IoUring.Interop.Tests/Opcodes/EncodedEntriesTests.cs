using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>
/// Every builder, built from every public constructor with deterministic inputs, once with its optional
/// properties at their defaults and once with all of them set, encodes exactly the bytes recorded in
/// <c>Baselines/encoded-entries.expected.txt</c>. The file was written from the handwritten builders before
/// they were generated from the opcode table, so it proves the table reproduces them byte for byte.
/// Rewrite it only on purpose, with UPDATE_BASELINES=1.
/// </summary>
public class EncodedEntriesTests
{
    private static string Baseline => Path.Combine(Audit.Repo.Root(), "tests", "IoUring.Interop.Tests", "Opcodes", "Baselines", "encoded-entries.expected.txt");

    [Fact]
    public void Every_builder_encodes_the_recorded_bytes()
    {
        string actual = EncodeAll();
        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(Baseline, actual);
        }

        File.Exists(Baseline).Should().BeTrue("the baseline is committed (write it with UPDATE_BASELINES=1)");
        string[] expected = File.ReadAllText(Baseline).Split('\n');
        string[] lines = actual.Split('\n');
        var missing = expected.Except(lines).ToList();
        missing.Should().BeEmpty("every recorded builder/constructor/case must still encode the same bytes; differing lines now:\n"
            + string.Join("\n", lines.Except(expected)));
        lines.Except(expected).Should().BeEmpty("a new builder or constructor needs its encoding recorded (UPDATE_BASELINES=1)");
    }

    [Fact]
    public void The_encoder_covers_every_builder()
    {
        string text = EncodeAll();
        foreach (Type builder in Builders())
        {
            text.Should().Contain(builder.Name + "(", "each builder is in the baseline");
        }
    }

    private static IEnumerable<Type> Builders() => typeof(Nop).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(Nop).Namespace && t.IsValueType && t.IsPublic && t.GetField("Code") is { IsLiteral: true })
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    private static string EncodeAll()
    {
        var text = new StringBuilder();
        foreach (Type builder in Builders())
        {
            ConstructorInfo[] constructors = builder.GetConstructors()
                .Where(c => c.GetParameters().All(p => Recorded(p.ParameterType)))
                .OrderBy(c => Signature(c), StringComparer.Ordinal)
                .ToArray();
            ConstructorInfo?[] starts = constructors.Length > 0 ? [.. constructors] : [null];
            foreach (ConstructorInfo? constructor in starts)
            {
                string key = constructor is null ? builder.Name + "()" : Signature(constructor);
                foreach (Case shape in Enum.GetValues<Case>())
                {
                    text.Append(key).Append(' ').Append(shape).Append(": ").Append(Encode(builder, constructor, shape)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Defaults: constructor only, raw fd targets. AllSet: every settable property too, raw fd targets. AllSetFixed: the same on registered files.</summary>
    private enum Case
    {
        Defaults,
        AllSet,
        AllSetFixed,
    }

    private static string Signature(ConstructorInfo c) => c.DeclaringType!.Name + "(" + string.Join(", ", c.GetParameters().Select(p => p.Name)) + ")";

    // Types of the constructors and properties recorded before the table: later .NET-shaped overloads (handles, paths,
    // spans) are tested on real rings and kept out of this byte-for-byte record.
    private static bool Recorded(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPointer || t.IsPrimitive || t.IsEnum || t == typeof(FileTarget) || t == typeof(Fd) || t == typeof(Fixed)
            || t == typeof(DestinationSlot) || t == typeof(CancelBuilder) || t == typeof(UringCmdData16) || t == typeof(UringCmdData80);
    }

    private static string Encode(Type builder, ConstructorInfo? constructor, Case shape)
    {
        try
        {
            object instance = constructor is null
                ? Activator.CreateInstance(builder)!
                : constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType, builder.Name + "." + p.Name, shape)).ToArray());
            if (shape != Case.Defaults)
            {
                foreach (PropertyInfo property in builder.GetProperties().Where(p => p.CanWrite && Recorded(p.PropertyType)).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (constructor?.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)) == true)
                    {
                        continue; // already given to the constructor
                    }

                    property.SetValue(instance, Value(property.PropertyType, builder.Name + "." + property.Name, shape));
                }
            }

            object entry = builder.GetMethod("Build", Type.EmptyTypes)!.Invoke(instance, null)!;
            return entry switch
            {
                SubmissionEntry e => Hex(e),
                SubmissionEntry128 e => Hex(e),
                _ => "returns " + entry.GetType().Name,
            };
        }
        catch (TargetInvocationException e)
        {
            return "throws " + e.InnerException!.GetType().Name;
        }
    }

    private static string Hex<T>(T entry)
        where T : unmanaged => Convert.ToHexString(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in entry)));

    /// <summary>A value derived from the member's name only, so a change of the member's .NET type (int to an enum, a C struct pointer to a .NET one) keeps the bytes.</summary>
    private static unsafe object? Value(Type type, string name, Case shape)
    {
        Type? inner = Nullable.GetUnderlyingType(type);
        if (inner is not null)
        {
            return shape == Case.Defaults ? null : Value(inner, name, shape);
        }

        ulong seed = Seed(name);
        ulong small = 1 + (seed % 120);
        if (type.IsPointer)
        {
            // Never dereferenced by Build: an address no test memory uses, unique per member.
            return Pointer.Box((void*)(0x7E00_0000_0000UL + ((seed % 0xFFFF) << 4)), type);
        }

        if (type.IsEnum)
        {
            return Enum.ToObject(type, small);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type.IsPrimitive)
        {
            return Convert.ChangeType(small, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(FileTarget))
        {
            return shape == Case.AllSetFixed ? (FileTarget)new Fixed((uint)small) : (FileTarget)new Fd((int)small);
        }

        if (type == typeof(Fd))
        {
            return new Fd((int)small);
        }

        if (type == typeof(Fixed))
        {
            return new Fixed((uint)small);
        }

        if (type == typeof(DestinationSlot))
        {
            return seed % 2 == 0 ? DestinationSlot.Auto : DestinationSlot.At((uint)small);
        }

        if (type == typeof(CancelBuilder))
        {
            return CancelBuilder.UserData(seed).Opcode(Opcode.Read).All();
        }

        // The URING_CMD payloads: bytes derived from the name.
        return typeof(EncodedEntriesTests).GetMethod(nameof(Filled), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [seed]);
    }

    private static T Filled<T>(ulong seed)
        where T : unmanaged
    {
        T value = default;
        Span<byte> bytes = MemoryMarshal.AsBytes(new Span<T>(ref value));
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(seed >> (8 * (i % 8)) ^ (ulong)i);
        }

        return value;
    }

    // FNV-1a: stable across runs and processes, unlike string.GetHashCode.
    private static ulong Seed(string name)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
