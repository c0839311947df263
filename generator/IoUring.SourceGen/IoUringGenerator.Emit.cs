using System.Globalization;
using IoUring.SourceGen.Model;
using IoUring.SourceGen.Text;

namespace IoUring.SourceGen;

// Emit: models → source text. Pure functions.
public sealed partial class IoUringGenerator
{
    private const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"IoUring.SourceGen\", \"1.0.0\")]";
    private const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
    private const string RegisterManPage = "https://man7.org/linux/man-pages/man2/io_uring_register.2.html";
    private const string EnterManPage = "https://man7.org/linux/man-pages/man2/io_uring_enter.2.html";
    private const string Native = "global::IoUring.Interop.Native";
    private const string OpEnum = Native + ".io_uring_register_op";

    internal static string EmitRegisterMethods(EquatableArray<RegisterMethod> methods)
    {
        IndentedWriter w = Header();
        w.Line("namespace IoUring.Interop.Native").Open();
        w.Line("public static unsafe partial class Syscalls").Open();
        w.Line("// The wrappers never throw: a count the kernel would read past the caller's memory is refused with -EINVAL.");
        w.Line("private const int RegisterEinval = 22;");
        w.Line();
        w.Line("// IORING_REGISTER_USE_REGISTERED_RING: ringFd is an index registered with IORING_REGISTER_RING_FDS.");
        w.Line(Inline);
        w.Line($"private static uint RegisterOpcode({OpEnum} opcode, bool registeredRing)");
        w.Line($"    => registeredRing ? unchecked((uint)opcode | (uint){OpEnum}.IORING_REGISTER_USE_REGISTERED_RING) : unchecked((uint)opcode);");
        foreach (RegisterMethod method in methods)
        {
            w.Line();
            EmitRegisterMethod(w, method.Row);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void EmitRegisterMethod(IndentedWriter w, RegisterRow row)
    {
        string t = row.ArgumentType ?? "byte";
        string cType = CName(t);
        string p = row.ParameterName;
        string n = row.CountParameterName;
        string count = row.Count.ToString(CultureInfo.InvariantCulture);
        string span = row.InOut ? "global::System.Span" : "global::System.ReadOnlySpan";
        string byRef = row.InOut ? "ref" : "in";

        (string parameters, string abi, string argDoc) = row.Shape switch
        {
            ArgShape.None => ("", "arg is NULL and nr_args is 0", ""),
            ArgShape.Struct => ($"{byRef} {t} {p}", $"arg points to one {cType} and nr_args is 1", $"The <c>{cType}</c> passed as arg" + WrittenBack(row)),
            ArgShape.StructSized => ($"in {t} {p}", $"arg points to one {cType} and nr_args is sizeof({cType})", $"The <c>{cType}</c> passed as arg."),
            ArgShape.StructNrZero => ($"{byRef} {t} {p}", $"arg points to one {cType} and nr_args is 0", $"The <c>{cType}</c> passed as arg" + WrittenBack(row)),
            ArgShape.StructWithCount => ($"in {t} {p}, uint {n}", $"arg points to one {cType} and nr_args is the element count", $"The <c>{cType}</c> passed as arg."),
            ArgShape.Array => ($"{span}<{t}> {p}", $"arg is the {cType} array and nr_args its length", $"The <c>{cType}</c> array passed as arg; its length is nr_args" + WrittenBack(row)),
            ArgShape.Bytes => ($"global::System.ReadOnlySpan<byte> {p}", "arg is a byte buffer and nr_args its size in bytes", "The bytes passed as arg; their count is nr_args."),
            ArgShape.Value => ($"uint {p}", "arg is NULL and nr_args carries the value", "The value passed as nr_args."),
            ArgShape.FixedArray => ($"{span}<{t}> {p}", $"arg is an array of exactly {count} {cType} and nr_args is {count}", $"Exactly {count} <c>{cType}</c> passed as arg (-EINVAL otherwise)" + WrittenBack(row)),
            ArgShape.PointerWithCount => ($"{t}* {p}, uint {n}", $"arg points to one {cType} followed by room for nr_args entries (at most {count})", $"The <c>{cType}</c> passed as arg, with room for <paramref name=\"{n}\"/> entries; the kernel fills it."),
            _ => ("", "", ""),
        };

        w.Line($"/// <summary>{Sentence(row.Summary)} (<c>{row.Opcode}</c>: {abi}).</summary>");
        w.Line("/// <param name=\"ringFd\">The ring's file descriptor, or its registered index when <paramref name=\"registeredRing\"/> is true"
            + (row.AllowsNoRing ? "; -1 uses the opcode without a ring." : ".") + "</param>");
        if (argDoc.Length > 0)
        {
            w.Line($"/// <param name=\"{p}\">{argDoc}</param>");
        }

        if (row.Shape == ArgShape.StructWithCount)
        {
            w.Line($"/// <param name=\"{n}\">The number of elements the struct describes, passed as nr_args.</param>");
        }
        else if (row.Shape == ArgShape.PointerWithCount)
        {
            w.Line($"/// <param name=\"{n}\">The number of entries, passed as nr_args; more than {count} returns -EINVAL.</param>");
        }

        w.Line("/// <param name=\"registeredRing\">ORs the opcode with IORING_REGISTER_USE_REGISTERED_RING.</param>");
        w.Line($"/// <returns>{ResultText(row.Result)}</returns>");
        w.Line($"/// <remarks>Available since Linux {row.Since}.</remarks>");
        w.Line($"/// <seealso href=\"{RegisterManPage}\"/>");
        w.Line(GeneratedCode);
        string separator = parameters.Length > 0 ? ", " : "";
        w.Line($"public static int {row.MethodName}(int ringFd{separator}{parameters}, bool registeredRing = false)");
        w.Open();
        string op = $"RegisterOpcode({OpEnum}.{row.Opcode}, registeredRing)";
        switch (row.Shape)
        {
            case ArgShape.None:
                w.Line($"return io_uring_register(ringFd, {op}, null, 0);");
                break;
            case ArgShape.Value:
                w.Line($"return io_uring_register(ringFd, {op}, null, {p});");
                break;
            case ArgShape.Struct:
            case ArgShape.StructSized:
            case ArgShape.StructNrZero:
            case ArgShape.StructWithCount:
                string nr = row.Shape switch
                {
                    ArgShape.Struct => "1",
                    ArgShape.StructSized => $"(uint)sizeof({t})",
                    ArgShape.StructWithCount => n,
                    _ => "0",
                };
                w.Line($"fixed ({t}* p = &{p})").Open();
                w.Line($"return io_uring_register(ringFd, {op}, p, {nr});");
                w.Close();
                break;
            case ArgShape.Array:
            case ArgShape.Bytes:
                w.Line($"fixed ({t}* p = {p})").Open();
                w.Line($"return io_uring_register(ringFd, {op}, p, (uint){p}.Length);");
                w.Close();
                break;
            case ArgShape.FixedArray:
                w.Line($"if ({p}.Length != {count})").Open().Line("return -RegisterEinval;").Close();
                w.Line();
                w.Line($"fixed ({t}* p = {p})").Open();
                w.Line($"return io_uring_register(ringFd, {op}, p, {count});");
                w.Close();
                break;
            case ArgShape.PointerWithCount:
                w.Line($"if ({n} > {count})").Open().Line("return -RegisterEinval;").Close();
                w.Line();
                w.Line($"return io_uring_register(ringFd, {op}, {p}, {n});");
                break;
        }

        w.Close();
    }

    internal static string EmitEnterMethods(EquatableArray<EnterRow> rows)
    {
        IndentedWriter w = Header();
        w.Line("namespace IoUring.Interop.Native").Open();
        w.Line("public static unsafe partial class Syscalls").Open();
        bool first = true;
        foreach (EnterRow row in rows)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            EmitEnterMethod(w, row);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void EmitEnterMethod(IndentedWriter w, EnterRow row)
    {
        const string flagsType = "global::IoUring.Interop.EnterFlags";
        const string constants = Native + ".Constants";
        (string name, string extra, string argDoc, string abi) = row.Kind switch
        {
            EnterArgKind.Sigset => ("Enter", ", ulong* sigset", "<param name=\"sigset\">The kernel's 8-byte sigset_t to install while waiting (not glibc's 128-byte one), or null.</param>", "arg is the signal mask, argsz 8"),
            EnterArgKind.GeteventsArg => ("Enter", $", in {Native}.io_uring_getevents_arg arg", "<param name=\"arg\">The extended wait argument (signal mask, timeout, minimum wait).</param>", "adds IORING_ENTER_EXT_ARG; arg is the io_uring_getevents_arg, argsz its size"),
            EnterArgKind.RegisteredWaitOffset => ("EnterRegisteredWait", ", uint regWaitOffset", "<param name=\"regWaitOffset\">The byte offset of an io_uring_reg_wait inside the wait region registered with IORING_REGISTER_MEM_REGION.</param>", "adds IORING_ENTER_EXT_ARG | IORING_ENTER_EXT_ARG_REG; arg is the offset, argsz sizeof(io_uring_reg_wait)"),
            _ => ("Enter", "", "", "arg is NULL and argsz 0"),
        };

        w.Line($"/// <summary>{Sentence(row.Summary)} (io_uring_enter(2): {abi}).</summary>");
        w.Line("/// <param name=\"ringFd\">The ring's file descriptor, or its registered index with <see cref=\"global::IoUring.Interop.EnterFlags\"/> RegisteredRing.</param>");
        w.Line("/// <param name=\"toSubmit\">How many SQEs to submit.</param>");
        w.Line("/// <param name=\"minComplete\">How many completions to wait for (with GetEvents).</param>");
        w.Line("/// <param name=\"flags\">The io_uring_enter(2) flags.</param>");
        if (argDoc.Length > 0)
        {
            w.Line("/// " + argDoc);
        }

        w.Line("/// <returns>The number of SQEs consumed, or -errno.</returns>");
        w.Line($"/// <remarks>Available since Linux {row.Since}.</remarks>");
        w.Line($"/// <seealso href=\"{EnterManPage}\"/>");
        w.Line(GeneratedCode);
        w.Line(Inline);
        w.Line($"public static int {name}(int ringFd, uint toSubmit, uint minComplete, {flagsType} flags{extra})");
        w.Open();
        switch (row.Kind)
        {
            case EnterArgKind.None:
                w.Line("return io_uring_enter(ringFd, toSubmit, minComplete, (uint)flags, null, 0);");
                break;
            case EnterArgKind.Sigset:
                w.Line("// The kernel compares argsz with its own sigset_t size, _NSIG / 8 = 8 bytes.");
                w.Line("return io_uring_enter(ringFd, toSubmit, minComplete, (uint)flags, sigset, 8);");
                break;
            case EnterArgKind.GeteventsArg:
                w.Line($"fixed ({Native}.io_uring_getevents_arg* p = &arg)").Open();
                w.Line($"return io_uring_enter(ringFd, toSubmit, minComplete, (uint)flags | {constants}.IORING_ENTER_EXT_ARG, p, (nuint)sizeof({Native}.io_uring_getevents_arg));");
                w.Close();
                break;
            case EnterArgKind.RegisteredWaitOffset:
                w.Line("// EXT_ARG_REG refines EXT_ARG (without EXT_ARG the kernel reads arg as a sigset); the pointer argument");
                w.Line("// is then a byte offset into the region registered with IORING_MEM_REGION_REG_WAIT_ARG, not an address.");
                w.Line($"return io_uring_enter(ringFd, toSubmit, minComplete, (uint)flags | {constants}.IORING_ENTER_EXT_ARG | {constants}.IORING_ENTER_EXT_ARG_REG, (void*)(nuint)regWaitOffset, (nuint)sizeof({Native}.io_uring_reg_wait));");
                break;
        }

        w.Close();
    }

    internal static string EmitEnum(EnumModel model)
    {
        IndentedWriter w = Header();
        w.Line("namespace IoUring.Interop").Open();
        w.Line($"/// <summary>{Sentence(model.Summary)}.</summary>");
        if (model.Since is not null)
        {
            w.Line($"/// <remarks>Available since Linux {model.Since}.</remarks>");
        }

        if (model.IsFlags)
        {
            w.Line("[global::System.Flags]");
        }

        w.Line(GeneratedCode);
        w.Line($"public enum {model.Name} : {model.UnderlyingType}").Open();
        bool hasZero = false;
        foreach (EnumMemberModel member in model.Members)
        {
            hasZero |= member.Source.Value == 0 && !member.Source.IsNegative;
        }

        if (model.IsFlags && !hasZero)
        {
            w.Line("/// <summary>No flags.</summary>");
            w.Line("None = 0,");
            w.Line();
        }

        for (int i = 0; i < model.Members.Count; i++)
        {
            EnumMemberModel member = model.Members[i];
            NativeConstant source = member.Source;
            string reference = source.Enum is null ? $"{Native}.Constants.{source.Name}" : $"{Native}.{source.Enum}.{source.Name}";
            string value = source.Enum is null && source.Type == model.UnderlyingType ? reference : $"({model.UnderlyingType})({reference})";
            if (member.AliasOf is not null)
            {
                w.Line($"/// <summary>Former name of <see cref=\"{member.AliasOf}\"/> (<c>{source.Name}</c>), kept for code built against it.</summary>");
                w.Line($"[global::System.Obsolete(\"Renamed {member.AliasOf}: the kernel header renamed the constant to {source.Name}.\")]");
                w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
                w.Line($"{member.Name} = {member.AliasOf},");
            }
            else
            {
                w.Line($"/// <summary><c>{source.Name}</c>.</summary>");
                w.Line($"{member.Name} = {value},");
            }
            if (i < model.Members.Count - 1)
            {
                w.Line();
            }
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    private static IndentedWriter Header()
        => new IndentedWriter().Line("// <auto-generated/>").Line("#nullable enable").Line();

    private static string WrittenBack(RegisterRow row) => row.InOut ? "; the kernel writes results back into it." : ".";

    private static string Sentence(string text) => text.TrimEnd().TrimEnd('.');

    private static string CName(string fullyQualified)
    {
        int dot = fullyQualified.LastIndexOf('.');
        return dot < 0 ? fullyQualified : fullyQualified.Substring(dot + 1);
    }

    private static string ResultText(ResultKind kind) => kind switch
    {
        ResultKind.Id => "The new id (non-negative), or -errno.",
        ResultKind.Count => "The number of entries processed, or -errno.",
        ResultKind.FileDescriptor => "A new file descriptor, or -errno.",
        ResultKind.Value => "A non-negative opcode-specific value, or -errno.",
        _ => "0 on success, or -errno.",
    };
}
