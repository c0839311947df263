using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using FluentAssertions;
using Xunit;

namespace IoUring.Interop.Tests;

/// <summary>Issue 9, defect 8: after Dispose, 17 members still answered although the docs say every member throws
/// <see cref="ObjectDisposedException"/>; and <see cref="BufferRing.Unregister"/> after <see cref="BufferRing.Dispose"/>
/// still unregistered its group id, which may by then belong to a newer buffer ring.</summary>
/// <remarks>The members are found by reflection, so a member added later is checked too. Each is called with default
/// arguments (zero, null, empty spans) through a small emitted stub, since reflection cannot pass spans.</remarks>
public sealed class MembersAfterDisposeTests
{
    // Members that must keep working after Dispose: Dispose itself (idempotent) and object's own.
    private static readonly HashSet<string> Exempt = ["Dispose", "GetType", "Equals", "GetHashCode", "ToString"];

    public static TheoryData<string> RingMembers => Names(typeof(Ring));

    public static TheoryData<string> SubmissionQueueMembers => Names(typeof(SubmissionQueue));

    public static TheoryData<string> CompletionQueueMembers => Names(typeof(CompletionQueue));

    public static TheoryData<string> SubmitterMembers => Names(typeof(Submitter));

    public static TheoryData<string> BufferRingMembers => Names(typeof(BufferRing));

    [Theory]
    [MemberData(nameof(RingMembers))]
    public void Every_Ring_member_throws_after_Dispose(string member) =>
        AfterDispose(ring => ring, typeof(Ring), member);

    [Theory]
    [MemberData(nameof(SubmissionQueueMembers))]
    public void Every_SubmissionQueue_member_throws_after_Dispose(string member) =>
        AfterDispose(ring => ring.SubmissionQueue, typeof(SubmissionQueue), member);

    [Theory]
    [MemberData(nameof(CompletionQueueMembers))]
    public void Every_CompletionQueue_member_throws_after_Dispose(string member) =>
        AfterDispose(ring => ring.CompletionQueue, typeof(CompletionQueue), member);

    [Theory]
    [MemberData(nameof(SubmitterMembers))]
    public void Every_Submitter_member_throws_after_Dispose(string member) =>
        AfterDispose(ring => ring.Submitter, typeof(Submitter), member);

    [Theory]
    [MemberData(nameof(BufferRingMembers))]
    public void Every_BufferRing_member_throws_after_Dispose(string member)
    {
        var bufferRing = new BufferRing(8, 1);
        bufferRing.Dispose();
        foreach (MethodInfo method in Methods(typeof(BufferRing), member))
        {
            CallWithDefaults(method, bufferRing).Should().BeOfType<ObjectDisposedException>($"{Describe(method)} is called after Dispose");
        }
    }

    [Fact]
    public void BufferRing_Unregister_after_Dispose_leaves_a_newer_ring_of_the_same_group_registered()
    {
        using Ring ring = new(8);
        var first = new BufferRing(8, groupId: 7);
        RegisterOrSkip(first, ring);
        first.Dispose();

        using var second = new BufferRing(8, groupId: 7);
        second.Register(ring.Submitter);

        FluentActions.Invoking(() => first.Unregister(ring.Submitter)).Should().Throw<ObjectDisposedException>();

        // The group still belongs to the second ring: registering it again is refused (EEXIST), unregistering works.
        FluentActions.Invoking(() => ring.Submitter.RegisterBufRingWithFlags(second.Address, 8, 7, 0))
            .Should().Throw<IoUringException>().Which.Errno.Should().Be(Errno.EEXIST);
        second.Unregister(ring.Submitter);
    }

    private static void AfterDispose(Func<Ring, object> view, Type type, string member)
    {
        var ring = new Ring(8);
        object target = view(ring);
        ring.Dispose();
        foreach (MethodInfo method in Methods(type, member))
        {
            CallWithDefaults(method, target).Should().BeOfType<ObjectDisposedException>($"{Describe(method)} is called after Dispose");
        }
    }

    private static void RegisterOrSkip(BufferRing bufferRing, Ring ring)
    {
        try
        {
            bufferRing.Register(ring.Submitter);
        }
        catch (IoUringException e)
        {
            KernelSkip.IfUnsupported(e, "IORING_REGISTER_PBUF_RING");
            throw;
        }
    }

    private static TheoryData<string> Names(Type type)
    {
        var data = new TheoryData<string>();
        foreach (string name in AllMethods(type).Select(m => m.Name).Distinct().Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    // Public instance methods, property accessors included, declared by the type itself.
    private static IEnumerable<MethodInfo> AllMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !Exempt.Contains(m.Name) && !m.IsGenericMethodDefinition);

    private static IEnumerable<MethodInfo> Methods(Type type, string name)
    {
        MethodInfo[] methods = AllMethods(type).Where(m => m.Name == name).ToArray();
        methods.Should().NotBeEmpty($"{type.Name}.{name} exists");
        return methods;
    }

    private static string Describe(MethodInfo method) =>
        $"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";

    // Calls the method on the target with every argument at its default value (ref/out arguments point at a zeroed
    // local) and returns what it threw, or null.
    private static Exception? CallWithDefaults(MethodInfo method, object target)
    {
        var stub = new DynamicMethod("Call_" + method.Name, typeof(void), [typeof(object)], typeof(MembersAfterDisposeTests).Module, skipVisibility: true);
        ILGenerator il = stub.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Castclass, method.DeclaringType!);
        foreach (ParameterInfo parameter in method.GetParameters())
        {
            Type type = parameter.ParameterType;
            if (type.IsByRef)
            {
                LocalBuilder local = il.DeclareLocal(type.GetElementType()!);
                il.Emit(OpCodes.Ldloca, local);
            }
            else if (type.IsPointer)
            {
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Conv_U);
            }
            else if (type.IsValueType)
            {
                LocalBuilder local = il.DeclareLocal(type);
                il.Emit(OpCodes.Ldloc, local);
            }
            else
            {
                il.Emit(OpCodes.Ldnull);
            }
        }

        il.Emit(OpCodes.Callvirt, method);
        if (method.ReturnType != typeof(void))
        {
            il.Emit(OpCodes.Pop);
        }

        il.Emit(OpCodes.Ret);
        var call = (Action<object>)stub.CreateDelegate(typeof(Action<object>));
        try
        {
            call(target);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
