using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests.Audit;

/// <summary>Every io_uring_register_op of the header has a generated Syscalls method and a Submitter member.</summary>
public class RegisterCoverageAuditTests
{
    // Which Submitter member(s) reach each opcode; a new opcode from a header bump fails the first test until it is listed.
    private static readonly Dictionary<io_uring_register_op, string[]> SubmitterMembers = new()
    {
        [io_uring_register_op.IORING_REGISTER_BUFFERS] = ["RegisterBuffers"],
        [io_uring_register_op.IORING_UNREGISTER_BUFFERS] = ["UnregisterBuffers"],
        [io_uring_register_op.IORING_REGISTER_FILES] = ["RegisterFiles"],
        [io_uring_register_op.IORING_UNREGISTER_FILES] = ["UnregisterFiles"],
        [io_uring_register_op.IORING_REGISTER_EVENTFD] = ["RegisterEventfd"],
        [io_uring_register_op.IORING_UNREGISTER_EVENTFD] = ["UnregisterEventfd"],
        [io_uring_register_op.IORING_REGISTER_FILES_UPDATE] = ["RegisterFilesUpdate"],
        [io_uring_register_op.IORING_REGISTER_EVENTFD_ASYNC] = ["RegisterEventfdAsync"],
        [io_uring_register_op.IORING_REGISTER_PROBE] = ["RegisterProbe"],
        [io_uring_register_op.IORING_REGISTER_PERSONALITY] = ["RegisterPersonality"],
        [io_uring_register_op.IORING_UNREGISTER_PERSONALITY] = ["UnregisterPersonality"],
        [io_uring_register_op.IORING_REGISTER_RESTRICTIONS] = ["RegisterRestrictions"],
        [io_uring_register_op.IORING_REGISTER_ENABLE_RINGS] = ["RegisterEnableRings"],
        [io_uring_register_op.IORING_REGISTER_FILES2] = ["RegisterFilesSparse", "RegisterFilesTags"],
        [io_uring_register_op.IORING_REGISTER_FILES_UPDATE2] = ["RegisterFilesUpdateTag"],
        [io_uring_register_op.IORING_REGISTER_BUFFERS2] = ["RegisterBuffers2", "RegisterBuffersSparse"],
        [io_uring_register_op.IORING_REGISTER_BUFFERS_UPDATE] = ["RegisterBuffersUpdate"],
        [io_uring_register_op.IORING_REGISTER_IOWQ_AFF] = ["RegisterIowqAff"],
        [io_uring_register_op.IORING_UNREGISTER_IOWQ_AFF] = ["UnregisterIowqAff"],
        [io_uring_register_op.IORING_REGISTER_IOWQ_MAX_WORKERS] = ["RegisterIowqMaxWorkers"],
        [io_uring_register_op.IORING_REGISTER_RING_FDS] = ["RegisterRingFd"],
        [io_uring_register_op.IORING_UNREGISTER_RING_FDS] = ["UnregisterRingFd"],
        [io_uring_register_op.IORING_REGISTER_PBUF_RING] = ["RegisterBufRing", "RegisterBufRingWithFlags"],
        [io_uring_register_op.IORING_UNREGISTER_PBUF_RING] = ["UnregisterBufRing"],
        [io_uring_register_op.IORING_REGISTER_SYNC_CANCEL] = ["RegisterSyncCancel"],
        [io_uring_register_op.IORING_REGISTER_FILE_ALLOC_RANGE] = ["RegisterFileAllocRange"],
        [io_uring_register_op.IORING_REGISTER_PBUF_STATUS] = ["BufRingHead"],
        [io_uring_register_op.IORING_REGISTER_NAPI] = ["RegisterNapi", "RegisterNapiAddId", "RegisterNapiDelId"],
        [io_uring_register_op.IORING_UNREGISTER_NAPI] = ["UnregisterNapi"],
        [io_uring_register_op.IORING_REGISTER_CLOCK] = ["RegisterClock"],
        [io_uring_register_op.IORING_REGISTER_CLONE_BUFFERS] = ["RegisterBuffersClone", "RegisterBuffersCloneOffset"],
        [io_uring_register_op.IORING_REGISTER_SEND_MSG_RING] = ["SendMsgRingSync"],
        [io_uring_register_op.IORING_REGISTER_ZCRX_IFQ] = ["RegisterIfq"],
        [io_uring_register_op.IORING_REGISTER_RESIZE_RINGS] = ["ResizeRings"],
        [io_uring_register_op.IORING_REGISTER_MEM_REGION] = ["RegisterMemRegion"],
        [io_uring_register_op.IORING_REGISTER_QUERY] = ["Query", "QueryRaw"],
        [io_uring_register_op.IORING_REGISTER_ZCRX_CTRL] = ["RegisterZcrxCtrl"],
        [io_uring_register_op.IORING_REGISTER_BPF_FILTER] = ["RegisterBpfFilter"],
    };

    private static IEnumerable<io_uring_register_op> Opcodes() => Enum.GetValues<io_uring_register_op>()
        .Where(op => op is not io_uring_register_op.IORING_REGISTER_LAST and not io_uring_register_op.IORING_REGISTER_USE_REGISTERED_RING);

    [Fact]
    public void Every_register_opcode_has_a_Submitter_member()
    {
        var submitter = typeof(Submitter).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Select(m => m.Name).ToHashSet();

        var unlisted = Opcodes().Where(op => !SubmitterMembers.ContainsKey(op)).ToList();
        unlisted.Should().BeEmpty("each io_uring_register_op needs a Submitter member (list it here once it has one)");

        var absent = SubmitterMembers.SelectMany(kv => kv.Value.Where(name => !submitter.Contains(name)).Select(name => $"{kv.Key}: {name}")).ToList();
        absent.Should().BeEmpty();
    }

    [Fact]
    public void Every_register_opcode_has_a_generated_Syscalls_method()
    {
        var generated = typeof(Syscalls).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).ToHashSet();

        var missing = Opcodes().Select(GeneratedName).Where(name => !generated.Contains(name)).ToList();

        missing.Should().BeEmpty("the source generator emits one method per [RegisterOp] row, named after the opcode");
    }

    // IORING_REGISTER_FILES_UPDATE2 -> RegisterFilesUpdate2; IORING_UNREGISTER_IOWQ_AFF -> UnregisterIowqAff.
    private static string GeneratedName(io_uring_register_op op)
    {
        string[] words = op.ToString()["IORING_".Length..].Split('_');
        return string.Concat(words.Select(w => w[..1] + w[1..].ToLower(CultureInfo.InvariantCulture)));
    }
}
