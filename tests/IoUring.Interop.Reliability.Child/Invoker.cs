using System;
using System.Reflection;
using System.Reflection.Emit;

namespace IoUring.Interop.Reliability.Child;

/// <summary>Calls any public method or constructor from boxed arguments, including what reflection's Invoke cannot
/// pass: spans (given as arrays), pointers (given as <see cref="IntPtr"/>) and in/ref/out parameters. Each call site is
/// a small DynamicMethod: <c>object? (object? target, object?[] args)</c>.</summary>
internal static class Invoker
{
    /// <summary>Builds the call site for <paramref name="member"/>.</summary>
    public static Func<object?, object?[], object?> For(MethodBase member)
    {
        var method = new DynamicMethod("call_" + member.Name, typeof(object), [typeof(object), typeof(object?[])], typeof(Invoker).Module, skipVisibility: true);
        ILGenerator il = method.GetILGenerator();
        if (member is MethodInfo { IsStatic: false } instance)
        {
            Type owner = instance.DeclaringType!;
            il.Emit(OpCodes.Ldarg_0);

            // A struct receiver is called in its box, so mutations (property setters) stay in the boxed value.
            il.Emit(owner.IsValueType ? OpCodes.Unbox : OpCodes.Castclass, owner);
        }

        ParameterInfo[] parameters = member.GetParameters();
        for (int i = 0; i < parameters.Length; i++)
        {
            LoadArgument(il, parameters[i].ParameterType, i);
        }

        Type returned;
        if (member is ConstructorInfo ctor)
        {
            il.Emit(OpCodes.Newobj, ctor);
            returned = ctor.DeclaringType!;
        }
        else
        {
            var info = (MethodInfo)member;
            il.Emit(info.IsStatic || info.DeclaringType!.IsValueType ? OpCodes.Call : OpCodes.Callvirt, info);
            returned = info.ReturnType;
        }

        if (returned == typeof(void))
        {
            il.Emit(OpCodes.Ldnull);
        }
        else if (returned.IsByRef || returned.IsByRefLike)
        {
            il.Emit(OpCodes.Pop);
            il.Emit(OpCodes.Ldnull);
        }
        else if (returned.IsPointer)
        {
            il.Emit(OpCodes.Box, typeof(IntPtr));
        }
        else if (returned.IsValueType)
        {
            il.Emit(OpCodes.Box, returned);
        }

        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Func<object?, object?[], object?>>();
    }

    private static void LoadArgument(ILGenerator il, Type type, int index)
    {
        if (type.IsByRef)
        {
            Type element = type.GetElementType()!;
            LocalBuilder local = il.DeclareLocal(element);
            LoadBoxed(il, element, index);
            il.Emit(OpCodes.Stloc, local);
            il.Emit(OpCodes.Ldloca, local);
            return;
        }

        LoadBoxed(il, type, index);
    }

    private static void LoadBoxed(ILGenerator il, Type type, int index)
    {
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Ldelem_Ref);
        if (EdgeValues.IsSpan(type, out Type element))
        {
            il.Emit(OpCodes.Castclass, element.MakeArrayType());
            il.Emit(OpCodes.Newobj, type.GetConstructor([element.MakeArrayType()])!);
        }
        else if (type.IsPointer)
        {
            il.Emit(OpCodes.Unbox_Any, typeof(IntPtr));
        }
        else if (type.IsValueType)
        {
            il.Emit(OpCodes.Unbox_Any, type);
        }
        else
        {
            il.Emit(OpCodes.Castclass, type);
        }
    }
}
