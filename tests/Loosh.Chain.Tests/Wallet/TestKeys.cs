namespace Loosh.Chain.Tests.Wallet;

/// <summary>The public test keys of chain.md §4 (well-known development keys; never real funds).</summary>
public static class TestKeys
{
    public const string LeopardPhrase = "old leopard transfer rib spatial phone calm indicate online fire caution review";
    public const string LeopardSeed = "da3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143";
    public const string LeopardPublic = "e4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446";
    public const string LeopardSs58 = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX";

    public const string DevPhrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
    public const string DevSeed = "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e";
    public const string DevPublic = "46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a";
    public const string DevSs58 = "5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV";

    /// <summary>btwallet-style 64-byte private key of the dev phrase: scalar ‖ nonce.</summary>
    public const string DevPrivateKey =
        "05d65584630d16cd4af6d0bec10f34bb504a5dcb62dba2122d49f5a663763d0a" + "fd190cce74df356432b410bd64682309d6dedb27c76845daf388557cbac3ca34";

    /// <summary>A full btwallet hotkey file for "old leopard…", as btwallet writes it (minus privateKey, not needed here).</summary>
    public static string LeopardKeyfile { get; } =
        $$"""{"accountId":"0x{{LeopardPublic}}","publicKey":"0x{{LeopardPublic}}","secretPhrase":"{{LeopardPhrase}}","secretSeed":"0x{{LeopardSeed}}","ss58Address":"{{LeopardSs58}}"}""";
}
