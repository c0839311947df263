namespace IoUring.SourceGen.Model;

// These mirror the emitted IoUring.Interop.SourceGeneration enums value for value (see AttributeSource).

/// <summary>How typed parameters map to io_uring_register(2)'s arg and nr_args.</summary>
internal enum ArgShape
{
    None = 0,
    Struct = 1,
    StructSized = 2,
    StructNrZero = 3,
    StructWithCount = 4,
    Array = 5,
    Bytes = 6,
    Value = 7,
    FixedArray = 8,
    PointerWithCount = 9,
}

/// <summary>What a non-negative register result means.</summary>
internal enum ResultKind
{
    Zero = 0,
    Id = 1,
    Count = 2,
    FileDescriptor = 3,
    Value = 4,
}

/// <summary>The argument an io_uring_enter(2) overload passes.</summary>
internal enum EnterArgKind
{
    None = 0,
    Sigset = 1,
    GeteventsArg = 2,
    RegisteredWaitOffset = 3,
}

/// <summary>What the generator knows about an argument type without keeping its symbol.</summary>
internal enum TypeCategory
{
    /// <summary>No type given.</summary>
    Absent,

    /// <summary>A struct with fields, unmanaged.</summary>
    Struct,

    /// <summary>An integral primitive (byte, int, uint, ...).</summary>
    Integer,

    /// <summary>Anything else: a class, an enum, a managed struct, a pointer.</summary>
    Other,
}
