using Loosh.Evaluation.Consensus;

namespace Loosh.Evaluation.Tests.Consensus;

/// <summary>EntityCaps: the reference's cap_entity_contributions (evaluation.md §4.3, E4).</summary>
public sealed class EntityCapsTests
{
    private const double Tolerance = 1e-12;

    private static Dictionary<string, MinerEntity> E4Entities(string coldkeyOfC) => new()
    {
        ["A"] = new("1.2.3.4", "ckA"),
        ["B"] = new("1.2.3.4", "ckB"),
        ["C"] = new("1.2.3.4", coldkeyOfC),
        ["D"] = new("5.5.5.5", "K"),
        ["E"] = new("6.6.6.6", "K"),
        ["F"] = new("7.7.7.7", "ckF"),
    };

    [Fact]
    public void E4_ip_groups_then_coldkey_groups()
    {
        var weights = EntityCaps.Compute(["A", "B", "C", "D", "E", "F"], E4Entities("ckC"));

        Assert.Equal(1.0 / 3, weights["A"], Tolerance);
        Assert.Equal(1.0 / 3, weights["B"], Tolerance);
        Assert.Equal(1.0 / 3, weights["C"], Tolerance);
        Assert.Equal(0.5, weights["D"], Tolerance);
        Assert.Equal(0.5, weights["E"], Tolerance);
        Assert.Equal(1.0, weights["F"]);
    }

    [Fact]
    public void E4_a_miner_capped_by_ip_does_not_join_its_coldkey_group()
    {
        var weights = EntityCaps.Compute(["A", "B", "C", "D", "E", "F"], E4Entities("K"));

        // {D, E} is the coldkey group, not {C, D, E}: C keeps 1/3 and D, E get 1/2, not 1/3.
        Assert.Equal(1.0 / 3, weights["C"], Tolerance);
        Assert.Equal(0.5, weights["D"], Tolerance);
        Assert.Equal(0.5, weights["E"], Tolerance);
    }

    [Fact]
    public void Only_this_challenges_miners_form_groups()
    {
        // A and B share an IP with C, but C did not answer this challenge: the group is {A, B}.
        var weights = EntityCaps.Compute(["A", "B", "F"], E4Entities("ckC"));

        Assert.Equal([0.5, 0.5, 1.0], new[] { weights["A"], weights["B"], weights["F"] });
        Assert.Equal(3, weights.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0.0.0.0")]
    public void Unknown_ips_do_not_group_but_the_coldkey_still_does(string ip)
    {
        var entities = new Dictionary<string, MinerEntity>
        {
            ["X"] = new(ip, "K1"),
            ["Y"] = new(ip, "K2"),
            ["Z"] = new(ip, "K2"),
        };

        var weights = EntityCaps.Compute(["X", "Y", "Z"], entities);

        Assert.Equal(1.0, weights["X"]);
        Assert.Equal(0.5, weights["Y"], Tolerance);
        Assert.Equal(0.5, weights["Z"], Tolerance);
    }

    [Fact]
    public void Empty_coldkeys_do_not_group()
    {
        var entities = new Dictionary<string, MinerEntity> { ["X"] = new("1.1.1.1", ""), ["Y"] = new("2.2.2.2", "") };

        var weights = EntityCaps.Compute(["X", "Y"], entities);

        Assert.Equal([1.0, 1.0], new[] { weights["X"], weights["Y"] });
    }

    [Fact]
    public void Miners_missing_from_the_map_and_an_empty_map_give_one()
    {
        var partial = EntityCaps.Compute(["A", "unknown"], E4Entities("ckC"));
        var empty = EntityCaps.Compute(["A", "B", "C"], new Dictionary<string, MinerEntity>());

        Assert.Equal(1.0, partial["unknown"]);
        Assert.Equal(1.0, partial["A"]);
        Assert.All(empty.Values, w => Assert.Equal(1.0, w));
    }

    [Fact]
    public void A_hotkey_listed_twice_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => EntityCaps.Compute(["A", "A"], E4Entities("ckC")));
    }
}
