using System;
using System.Runtime.InteropServices;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>The kernel argument types keep their C layouts (x86-64), and RecvMsgOut parses a hand-made buffer.</summary>
public unsafe class OpcodeTypesTests
{
    [Fact]
    public void Sizes_match_the_kernel_structs()
    {
        sizeof(OpenHow).Should().Be(24);
        sizeof(StatxBuffer).Should().Be(256);
        sizeof(StatxTimestamp).Should().Be(16);
        sizeof(EpollEvent).Should().Be(16, "large enough for epoll_event on both architectures (12 bytes packed on x86-64, 16 on arm64)");
        EpollEvent.Size.Should().Be(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64 ? 12 : 16);
        sizeof(FutexWaiter).Should().Be(24);
        sizeof(MsgHdr).Should().Be(56);
        sizeof(ProtectionInformation).Should().Be(sizeof(io_uring_attr_pi));
    }

    [Fact]
    public void Offsets_match_the_kernel_structs()
    {
        Marshal.OffsetOf<FutexWaiter>(nameof(FutexWaiter.Flags)).Should().Be(16);
        Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.NameLength)).Should().Be(8);
        Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.IoVecs)).Should().Be(16);
        Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.Control)).Should().Be(32);
        Marshal.OffsetOf<MsgHdr>(nameof(MsgHdr.Flags)).Should().Be(48);
        Marshal.OffsetOf<StatxBuffer>(nameof(StatxBuffer.Size)).Should().Be(40);
        Marshal.OffsetOf<StatxBuffer>(nameof(StatxBuffer.ModificationTime)).Should().Be(112);
        Marshal.OffsetOf<StatxBuffer>(nameof(StatxBuffer.MountId)).Should().Be(144);
        Marshal.OffsetOf<ProtectionInformation>(nameof(ProtectionInformation.ApplicationTag)).Should().Be(Marshal.OffsetOf<io_uring_attr_pi>(nameof(io_uring_attr_pi.app_tag)));
        Marshal.OffsetOf<ProtectionInformation>(nameof(ProtectionInformation.Length)).Should().Be(Marshal.OffsetOf<io_uring_attr_pi>(nameof(io_uring_attr_pi.len)));
        Marshal.OffsetOf<ProtectionInformation>(nameof(ProtectionInformation.Address)).Should().Be(Marshal.OffsetOf<io_uring_attr_pi>(nameof(io_uring_attr_pi.addr)));
        Marshal.OffsetOf<ProtectionInformation>(nameof(ProtectionInformation.Seed)).Should().Be(Marshal.OffsetOf<io_uring_attr_pi>(nameof(io_uring_attr_pi.seed)));
    }

    [Fact]
    public void RecvMsgOut_splits_name_control_and_payload_and_flags_truncation()
    {
        var template = new MsgHdr { NameLength = 8, ControlLength = 4 };
        byte[] buffer = new byte[16 + 8 + 4 + 6];
        var header = new io_uring_recvmsg_out { namelen = 12, controllen = 4, payloadlen = 6, flags = 0x08 /* MSG_CTRUNC */ };
        MemoryMarshal.Write(buffer, in header);
        for (int i = 16; i < buffer.Length; i++)
        {
            buffer[i] = (byte)i;
        }

        RecvMsgOut.TryParse(buffer, template, out RecvMsgOut parsed).Should().BeTrue();

        parsed.Name.Length.Should().Be(8);
        parsed.IsNameTruncated.Should().BeTrue("the source address (12) is longer than the name area (8)");
        parsed.ControlData.ToArray().Should().Equal(24, 25, 26, 27);
        parsed.IsControlDataTruncated.Should().BeTrue();
        parsed.Payload.ToArray().Should().Equal(28, 29, 30, 31, 32, 33);
        parsed.IsPayloadTruncated.Should().BeFalse();
        RecvMsgOut.TryParse(buffer.AsSpan(0, 20), template, out _).Should().BeFalse();
    }
}
