namespace Loosh.Chain.Metadata;

/// <summary>A runtime API (V15 and later): its methods with input and output types, for <c>state_call</c>.</summary>
public sealed record RuntimeApiMetadata(string Name, IReadOnlyList<RuntimeApiMethod> Methods)
{
    public RuntimeApiMethod Method(string name) =>
        Methods.FirstOrDefault(method => method.Name == name)
            ?? throw new KeyNotFoundException($"Runtime API {Name} has no method {name}.");
}

/// <summary>A runtime-API method; the arguments are SCALE-concatenated in <see cref="Inputs"/> order.</summary>
public sealed record RuntimeApiMethod(string Api, string Name, IReadOnlyList<RuntimeApiParameter> Inputs, int OutputType)
{
    /// <summary>The method name <c>state_call</c> takes, e.g. "NeuronInfoRuntimeApi_get_neurons_lite".</summary>
    public string StateCallName => $"{Api}_{Name}";
}

public sealed record RuntimeApiParameter(string Name, int Type);
