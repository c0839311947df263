using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using FluentAssertions;
using IoUring.HeaderGen.Tests.Infrastructure;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>
/// The few Linux constants the library copies by hand from headers it does not vendor (fcntl.h, socket.h, mman.h, the
/// system call numbers), against each architecture's gcc and C library headers: one assembly passes them on x86-64
/// and arm64, so each must be the value of the architecture it runs on.
/// </summary>
public sealed class LinuxConstantsTests
{
    private const string Prologue = "#define _GNU_SOURCE\n#include <fcntl.h>\n#include <sys/socket.h>\n#include <sys/mman.h>\n"
        + "#include <sys/stat.h>\n#include <sys/syscall.h>\n#include <sys/eventfd.h>\n#include <limits.h>\n";

    // The C expression of a constant whose C# name says something else.
    private static readonly Dictionary<string, string> Expressions = new(StringComparer.Ordinal)
    {
        ["STATX_BASIC_STATS_AND_BTIME"] = "STATX_BASIC_STATS | STATX_BTIME",
        ["SYS_io_uring_setup"] = "__NR_io_uring_setup",
        ["SYS_io_uring_enter"] = "__NR_io_uring_enter",
        ["SYS_io_uring_register"] = "__NR_io_uring_register",
    };

    public static TheoryData<Architecture, string> Architectures() => new() { { Architecture.X64, Gcc.Native }, { Architecture.Arm64, Gcc.Aarch64 } };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Every_hand_copied_constant_is_the_running_architectures_value(Architecture architecture, string compiler)
    {
        Assembly library = typeof(Constants).Assembly;
        List<(string Where, string Name, long Value)> constants =
        [
            .. Fields(library.GetType("IoUring.Interop.Async.LinuxFlags", throwOnError: true)!, architecture),
            .. Fields(library.GetType("IoUring.Interop.Libc", throwOnError: true)!, architecture),
            .. Fields(typeof(Syscalls), architecture),
            .. Fields(library.GetType("IoUring.Interop.Async.RingFileStream", throwOnError: true)!, architecture),
            .. Fields(library.GetType("IoUring.Interop.Async.EngineWakeup", throwOnError: true)!, architecture),
        ];
        constants.Select(c => c.Name).Should().Contain(["O_DIRECT", "MAP_POPULATE", "SYS_io_uring_enter", "F_GETFL", "EFD_CLOEXEC"]);
        constants.Count.Should().BeGreaterThan(25);

        Dictionary<string, ulong[]> gcc = Gcc.Evaluate(
            compiler, Prologue,
            constants.Select(c => new Gcc.Row(c.Name, [Expressions.GetValueOrDefault(c.Name, c.Name)])).ToList(),
            [], systemHeaders: true);

        constants.Where(c => unchecked((long)gcc[c.Name][0]) != c.Value && (ulong)(uint)c.Value != gcc[c.Name][0])
            .Select(c => $"{c.Where}.{c.Name}: library {c.Value:#,0} (0x{c.Value:x}), {compiler} {unchecked((long)gcc[c.Name][0])} (0x{gcc[c.Name][0]:x})")
            .Should().BeEmpty($"the library runs on {architecture} with these values");
    }

    // A const is the same on every architecture; a static readonly field is chosen at run time by an internal
    // "<Name>For(Architecture)" method (O_DIRECT: ODirectFor), which is asked for the architecture under test.
    private static IEnumerable<(string, string, long)> Fields(Type type, Architecture architecture)
    {
        foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
                     .Where(f => f.FieldType == typeof(int) || f.FieldType == typeof(uint) || f.FieldType == typeof(long))
                     .Where(f => f.IsLiteral || f.IsInitOnly)
                     .Where(f => f.Name.Contains('_', StringComparison.Ordinal) && f.Name.ToUpperInvariant().StartsWith(f.Name[..1], StringComparison.Ordinal)))
        {
            object value;
            if (field.IsLiteral)
            {
                value = field.GetRawConstantValue()!;
            }
            else
            {
                string seam = string.Concat(field.Name.Split('_').Select(p => p.Length == 0 ? p : p[..1] + p[1..].ToLowerInvariant())) + "For";
                MethodInfo method = type.GetMethod(seam, BindingFlags.Static | BindingFlags.NonPublic, [typeof(Architecture)])
                    ?? throw new InvalidOperationException($"{type.Name}.{field.Name} is chosen at run time but has no {seam}(Architecture)");
                value = method.Invoke(null, [architecture])!;
            }

            yield return (type.Name, field.Name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
