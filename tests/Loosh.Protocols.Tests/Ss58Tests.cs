namespace Loosh.Protocols.Tests;

/// <summary>Ss58.LooksLikeAddress: the shape of an SS58 address of a 32-byte key.</summary>
public sealed class Ss58Tests
{
    public const string Alice = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

    [Theory]
    [InlineData(Alice)]
    [InlineData("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")]
    [InlineData("5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy")]
    public void A_real_address_is_accepted(string address)
    {
        Assert.True(Ss58.LooksLikeAddress(address));
    }

    [Fact]
    public void A_47_character_address_is_accepted()
    {
        Assert.True(Ss58.LooksLikeAddress(Alice[..47]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM69")]
    [InlineData(Alice + "a")]
    [InlineData("0FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty")]
    [InlineData("OFHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty")]
    [InlineData("IFHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty")]
    [InlineData("lFHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty")]
    [InlineData("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694t ")]
    [InlineData("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694t/")]
    [InlineData("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694tÿ")]
    public void Anything_else_is_rejected(string text)
    {
        Assert.False(Ss58.LooksLikeAddress(text));
    }

    [Fact]
    public void Null_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => Ss58.LooksLikeAddress(null!));
    }
}
