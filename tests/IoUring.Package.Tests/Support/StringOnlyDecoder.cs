using System;
using System.Reflection.Metadata;

namespace IoUring.Package.Tests.Support;

/// <summary>Decodes custom attribute arguments well enough to read string-typed ones (AssemblyMetadata).</summary>
internal sealed class StringOnlyDecoder : ICustomAttributeTypeProvider<Type?>
{
    public Type? GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.String => typeof(string),
        PrimitiveTypeCode.Boolean => typeof(bool),
        PrimitiveTypeCode.Int32 => typeof(int),
        _ => typeof(object),
    };

    public Type? GetSystemType() => typeof(Type);

    public Type? GetSZArrayType(Type? elementType) => elementType?.MakeArrayType();

    public Type? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => typeof(int);

    public Type? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => typeof(int);

    public Type? GetTypeFromSerializedName(string name) => Type.GetType(name);

    public PrimitiveTypeCode GetUnderlyingEnumType(Type? type) => PrimitiveTypeCode.Int32;

    public bool IsSystemType(Type? type) => type == typeof(Type);
}
