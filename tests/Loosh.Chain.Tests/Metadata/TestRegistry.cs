using Loosh.Chain.Metadata;

namespace Loosh.Chain.Tests.Metadata;

/// <summary>Builds small registries by hand, for decoder cases the fixtures do not contain.</summary>
public sealed class TestRegistry
{
    private readonly List<PortableType> _types = [];

    public int Add(TypeDef definition, params string[] path)
    {
        _types.Add(new PortableType(_types.Count, path, [], definition));
        return _types.Count - 1;
    }

    public int Primitive(Primitive kind) => Add(new PrimitiveDef(kind));

    public TypeRegistry Build() => new([.. _types]);
}
