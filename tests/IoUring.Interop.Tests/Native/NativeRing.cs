using System;
using FluentAssertions;
using System.Runtime.InteropServices;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests.Native;

/// <summary>A raw ring made with Syscalls.io_uring_setup and nothing else: register calls need no mmap.</summary>
internal sealed unsafe class NativeRing : IDisposable
{
    private NativeRing(int fd, io_uring_params parameters)
    {
        Fd = fd;
        Params = parameters;
    }

    public int Fd { get; }

    public io_uring_params Params { get; }

    public static NativeRing Create(SetupFlags flags = SetupFlags.None, uint entries = 8, uint cqEntries = 0)
    {
        io_uring_params p = default;
        p.flags = (uint)flags;
        p.cq_entries = cqEntries;
        int fd = Syscalls.io_uring_setup(entries, &p);
        fd.Should().BeGreaterThanOrEqualTo(0, $"io_uring_setup({flags}) returned {Errno.ResultName(fd)}");
        return new NativeRing(fd, p);
    }

    public void Dispose() => Libc.close(Fd);
}

/// <summary>Skips a test when the running kernel predates an opcode and rejects it as unknown.</summary>
internal static class KernelGate
{
    private static readonly Version Running = ParseRelease(Environment.OSVersion.Version);

    private static Version ParseRelease(Version osVersion) => new(osVersion.Major, osVersion.Minor);

    /// <summary>
    /// When <paramref name="result"/> is -EINVAL or -EOPNOTSUPP and the kernel is older than <paramref name="since"/>,
    /// the opcode is unknown to it: skip with the errno. On a kernel that should know the opcode, nothing is skipped.
    /// </summary>
    public static void SkipIfUnsupported(int result, string opcode, string since)
    {
        if ((result == -Errno.EINVAL || result == -Errno.EOPNOTSUPP) && Running < Version.Parse(since))
        {
            Assert.Skip($"{opcode} returned {Errno.ResultName(result)}: it was added in Linux {since}, this kernel is {Running}");
        }
    }

    /// <summary>Skips when <paramref name="result"/> says a kernel feature this test needs is configured out.</summary>
    public static void SkipIfConfiguredOut(int result, string what, params int[] errnos)
    {
        if (Array.IndexOf(errnos, -result) >= 0)
        {
            Assert.Skip($"{what} returned {Errno.ResultName(result)}: not available in this kernel's configuration");
        }
    }
}

/// <summary>Page-aligned, zeroed native memory that the kernel may keep pointers into.</summary>
internal sealed unsafe class PageMemory : IDisposable
{
    public PageMemory(int pages = 1)
    {
        Length = pages * Environment.SystemPageSize;
        Pointer = (byte*)NativeMemory.AlignedAlloc((nuint)Length, (nuint)Environment.SystemPageSize);
        NativeMemory.Clear(Pointer, (nuint)Length);
    }

    public byte* Pointer { get; }

    public int Length { get; }

    public ulong Address => (ulong)Pointer;

    public void Dispose() => NativeMemory.AlignedFree(Pointer);
}
