using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>Every <c>io_uring_op</c> of the vendored header has a builder, and every builder encodes its own opcode.</summary>
public class OpcodeCoverageTests
{
    private static IEnumerable<Type> Builders() => typeof(Nop).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(Nop).Namespace && t.IsValueType && t.IsPublic && CodeField(t) is not null);

    private static FieldInfo? CodeField(Type t)
    {
        FieldInfo? field = t.GetField("Code", BindingFlags.Public | BindingFlags.Static);
        return field is { IsLiteral: true } && field.FieldType == typeof(Opcode) ? field : null;
    }

    [Fact]
    public void Every_opcode_of_the_header_has_a_builder()
    {
        var covered = Builders().Select(t => (io_uring_op)(Opcode)CodeField(t)!.GetRawConstantValue()!).ToHashSet();
        var missing = Enum.GetValues<io_uring_op>()
            .Where(op => op != io_uring_op.IORING_OP_LAST && !covered.Contains(op))
            .ToList();

        missing.Should().BeEmpty("each IORING_OP_* needs a builder in IoUring.Interop.Opcodes (a header bump shows the gap here)");
    }

    [Fact]
    public void Every_builder_encodes_its_code_in_the_entry()
    {
        foreach (Type builder in Builders())
        {
            var code = (Opcode)CodeField(builder)!.GetRawConstantValue()!;
            MethodInfo build = builder.GetMethod("Build", Type.EmptyTypes)!;
            build.Should().NotBeNull($"{builder.Name} needs Build()");
            object entry = build.Invoke(Activator.CreateInstance(builder), null)!;
            byte opcode = entry switch
            {
                SubmissionEntry e => e.Native.opcode,
                SubmissionEntry128 e => e.Native.opcode,
                _ => throw new InvalidOperationException($"{builder.Name}.Build returns {entry.GetType()}"),
            };
            ((Opcode)opcode).Should().Be(code, builder.Name);
        }
    }

    [Fact]
    public void No_builder_exposes_a_type_of_the_Native_layer()
    {
        static Type Bare(Type t)
        {
            while (t.IsPointer || t.IsByRef)
            {
                t = t.GetElementType()!;
            }

            return Nullable.GetUnderlyingType(t) ?? t;
        }

        var exposed = Builders()
            .SelectMany(b => b.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => ($"{b.Name}({p.Name})", p.ParameterType))
                .Concat(b.GetProperties().Select(p => ($"{b.Name}.{p.Name}", p.PropertyType))))
            .Where(m => Bare(m.Item2).Namespace == typeof(io_uring_sqe).Namespace)
            .Select(m => $"{m.Item1}: {m.Item2.Name}")
            .ToList();

        exposed.Should().BeEmpty("builders speak .NET types; raw C types stay in IoUring.Interop.Native");
    }

    [Fact]
    public void Builders_cover_the_flag_encoded_variants()
    {
        string[] expected =
        [
            "AcceptMulti", "RecvMulti", "RecvMsgMulti", "ReadMulti", "RecvBundle", "RecvMultiBundle", "SendBundle",
            "SendZc", "SendMsgZc", "MsgRingData", "MsgRingSendFd", "TimeoutUpdate", "LinkTimeout", "PollUpdate",
            "AsyncCancel2", "UringCmd16", "UringCmd80", "UringCmd128", "GetSockOpt", "SetSockOpt", "SiocInq",
            "SiocOutq", "GetSockName", "Nop128",
        ];
        Builders().Select(t => t.Name).Should().Contain(expected);
    }

    [Fact]
    public unsafe void A_fixed_target_sets_the_fixed_file_flag_and_an_fd_target_does_not()
    {
        SubmissionEntry onFixed = new Read(new Fixed(3), null, 0).Build();
        SubmissionEntry onFd = new Read(new Fd(7), null, 0).Build();

        onFixed.Native.fd.Should().Be(3);
        ((SqeFlags)onFixed.Native.flags).Should().HaveFlag(SqeFlags.FixedFile);
        onFd.Native.fd.Should().Be(7);
        ((SqeFlags)onFd.Native.flags).Should().NotHaveFlag(SqeFlags.FixedFile);
    }

    [Fact]
    public void Closing_a_direct_descriptor_uses_the_one_based_file_index_not_the_fixed_flag()
    {
        SubmissionEntry entry = new Close(new Fixed(4)).Build();

        entry.Native.fd.Should().Be(0);
        entry.Native.file_index.Should().Be(5u);
        ((SqeFlags)entry.Native.flags).Should().NotHaveFlag(SqeFlags.FixedFile);
    }
    [Fact]
    public unsafe void Building_entries_allocates_nothing()
    {
        Timespec ts = Timespec.From(1, 0);
        byte* buffer = stackalloc byte[16];
        ulong sink = 0;
        for (int warmup = 0; warmup < 2; warmup++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                sink += new Read(new Fd(3), buffer, 16) { Offset = i, BufferGroup = 1 }.Build().WithUserData(1).UserData;
                sink += new TimeoutAdd(&ts) { Count = 2 }.Build().UserData;
                sink += new AsyncCancel2(CancelBuilder.Any().All()).Build().UserData;
                sink += new OpenAt(-100, buffer) { FileIndex = DestinationSlot.Auto }.Build().UserData;
                sink += new UringCmd80(new Fixed(1), 7).Build().Native.user_data;
            }

            if (warmup == 1)
            {
                (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
            }
        }

        sink.Should().Be(2000UL);
    }
}
