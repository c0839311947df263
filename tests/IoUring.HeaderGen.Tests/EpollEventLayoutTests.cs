using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;
using FluentAssertions;
using IoUring.HeaderGen.Tests.Infrastructure;
using IoUring.Interop;
using Xunit;

namespace IoUring.HeaderGen.Tests;

/// <summary>
/// The safe layer's <see cref="EpollEvent"/> is handwritten (linux/eventpoll.h is not in the io_uring closure), and its
/// layout is the one uapi type known to differ between x86-64 and arm64: the layout the library uses on each
/// architecture is checked against that architecture's gcc and the compiler's own linux/eventpoll.h.
/// </summary>
public sealed class EpollEventLayoutTests
{
    public static TheoryData<Architecture, string> Architectures() => new() { { Architecture.X64, Gcc.Native }, { Architecture.Arm64, Gcc.Aarch64 } };

    [Theory]
    [MemberData(nameof(Architectures))]
    public unsafe void EpollEvent_has_the_kernels_layout_on_each_architecture(Architecture architecture, string compiler)
    {
        // -nostdinc keeps every search explicit: the compiler's own target headers (Debian's linux-libc-dev, and
        // linux-libc-dev-arm64-cross for the cross compiler), never the other architecture's.
        IReadOnlyList<string> includes = compiler == Gcc.Native
            ? ["/usr/include/x86_64-linux-gnu", "/usr/include"]
            : ["/usr/aarch64-linux-gnu/include"];
        ulong[] c = Gcc.Evaluate(
            compiler, "#include <linux/eventpoll.h>\n",
            [new("epoll_event", ["sizeof(struct epoll_event)", "__builtin_offsetof(struct epoll_event, data)"])], includes)["epoll_event"];

        // The layout the library chooses for that architecture at run time (an internal seam: this machine runs x86-64 only).
        var layout = ((int Size, int DataOffset))typeof(EpollEvent).GetMethod("LayoutFor", BindingFlags.NonPublic | BindingFlags.Static)!
            .Invoke(null, [architecture])!;
        layout.Should().Be(((int)c[0], (int)c[1]), $"{compiler} lays struct epoll_event out so for {architecture}");
        sizeof(EpollEvent).Should().BeGreaterThanOrEqualTo((int)c[0], "an EpollEvent[n] holds n kernel-sized events");

        if (RuntimeInformation.ProcessArchitecture == architecture)
        {
            // What the process really uses: the stride, and where Data's bytes land.
            EpollEvent.Size.Should().Be((int)c[0]);
            EpollEvent e = default;
            e.Data = 0x1122334455667788;
            ((ulong*)&e)[0].Should().NotBe(0x1122334455667788UL);
            (*(ulong*)((byte*)&e + c[1])).Should().Be(0x1122334455667788UL);
            e.Events.Should().Be(0, "Data does not overlap Events");
        }
    }
}
