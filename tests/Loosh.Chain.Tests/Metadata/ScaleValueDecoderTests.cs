using System.Numerics;
using System.Text;
using Loosh.Chain.Metadata;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Tests.Metadata;

public sealed class ScaleValueDecoderTests
{
    [Fact]
    public void Composites_variants_tuples_and_primitives_decode_by_the_registry()
    {
        var registry = new TestRegistry();
        var u8 = registry.Primitive(Primitive.U8);
        var u32 = registry.Primitive(Primitive.U32);
        var text = registry.Primitive(Primitive.Str);
        var flag = registry.Primitive(Primitive.Bool);
        var bytes = registry.Add(new SequenceDef(u8));
        var pair = registry.Add(new TupleDef([u32, flag]));
        var option = registry.Add(new VariantDef([new Variant("None", 0, [], []), new Variant("Some", 1, [new Field(null, u32, "u32")], [])]), "Option");
        var record = registry.Add(new CompositeDef([
            new Field("name", text, "String"), new Field("data", bytes, "Vec<u8>"), new Field("pair", pair, null),
            new Field("maybe", option, null), new Field("none", option, null),
        ]));
        var input = new ScaleWriter().WriteString("neuron").WriteByteVec([1, 2]).WriteU32(7).WriteBool(true)
            .WriteU8(1).WriteU32(99).WriteU8(0).ToArray();

        var value = Assert.IsType<CompositeValue>(registry.Build().DecodeAll(record, input));

        Assert.Equal(new StringValue("neuron"), value["name"]);
        Assert.Equal([1, 2], Assert.IsType<BytesValue>(value["data"]).Bytes);
        var tuple = Assert.IsType<CompositeValue>(value["pair"]);
        Assert.Equal(new UnsignedValue(Primitive.U32, 7), tuple[0]);
        Assert.Equal(new BoolValue(true), tuple[1]);
        var some = Assert.IsType<VariantValue>(value["maybe"]);
        Assert.Equal(("Some", (byte)1), (some.Name, some.Index));
        Assert.Equal(new UnsignedValue(Primitive.U32, 99), some.Fields[0].Value);
        Assert.Equal("None", Assert.IsType<VariantValue>(value["none"]).Name);
        Assert.Throws<KeyNotFoundException>(() => value["missing"]);
    }

    [Fact]
    public void Arrays_and_sequences_of_non_bytes_are_item_lists()
    {
        var registry = new TestRegistry();
        var u16 = registry.Primitive(Primitive.U16);
        var array = registry.Add(new ArrayDef(2, u16));
        var sequence = registry.Add(new SequenceDef(array));

        var value = Assert.IsType<SequenceValue>(registry.Build().DecodeAll(sequence, Convert.FromHexString("08" + "01000200" + "03000400")));

        Assert.Equal(2, value.Items.Count);
        Assert.Equal(new UnsignedValue(Primitive.U16, 4), Assert.IsType<SequenceValue>(value.Items[1]).Items[1]);
    }

    [Fact]
    public void Compacts_of_integers_and_of_wrapper_structs_decode()
    {
        var registry = new TestRegistry();
        var u64 = registry.Primitive(Primitive.U64);
        var u8 = registry.Primitive(Primitive.U8);
        var perbill = registry.Add(new CompositeDef([new Field(null, u64, "u64")]), "Perbill");
        var compactInteger = registry.Add(new CompactDef(u64));
        var compactWrapper = registry.Add(new CompactDef(perbill));
        var compactByte = registry.Add(new CompactDef(u8));
        var types = registry.Build();

        Assert.Equal(new UnsignedValue(Primitive.U64, 1UL << 40), types.DecodeAll(compactInteger, new ScaleWriter().WriteCompact(1UL << 40).ToArray()));
        var wrapped = Assert.IsType<CompositeValue>(types.DecodeAll(compactWrapper, [0xfc]));
        Assert.Equal(new UnsignedValue(Primitive.U64, 63), wrapped[0]);
        var error = Assert.Throws<ScaleDecodeException>(() => types.DecodeAll(compactByte, new ScaleWriter().WriteCompact(256u).ToArray()));
        Assert.Contains("does not fit U8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_wide_and_char_primitives_decode()
    {
        var registry = new TestRegistry();
        var i16 = registry.Primitive(Primitive.I16);
        var u256 = registry.Primitive(Primitive.U256);
        var i256 = registry.Primitive(Primitive.I256);
        var character = registry.Primitive(Primitive.Character);
        var types = registry.Build();

        Assert.Equal(new SignedValue(Primitive.I16, -2), types.DecodeAll(i16, [0xfe, 0xff]));
        Assert.Equal(BigInteger.Pow(2, 256) - 1, Assert.IsType<BigIntegerValue>(types.DecodeAll(u256, Enumerable.Repeat((byte)0xff, 32).ToArray())).Value);
        Assert.Equal(BigInteger.MinusOne, Assert.IsType<BigIntegerValue>(types.DecodeAll(i256, Enumerable.Repeat((byte)0xff, 32).ToArray())).Value);
        Assert.Equal(new CharValue(new Rune('✓')), types.DecodeAll(character, new ScaleWriter().WriteU32('✓').ToArray()));
        Assert.Throws<ScaleDecodeException>(() => types.DecodeAll(character, new ScaleWriter().WriteU32(0xd800).ToArray()));
    }

    [Fact]
    public void Bit_sequences_follow_their_store_and_order_types()
    {
        var registry = new TestRegistry();
        var u8 = registry.Primitive(Primitive.U8);
        var u16 = registry.Primitive(Primitive.U16);
        var lsb0 = registry.Add(new CompositeDef([]), "bitvec", "order", "Lsb0");
        var msb0 = registry.Add(new CompositeDef([]), "bitvec", "order", "Msb0");
        var lsbBytes = registry.Add(new BitSequenceDef(u8, lsb0));
        var msbBytes = registry.Add(new BitSequenceDef(u8, msb0));
        var lsbWords = registry.Add(new BitSequenceDef(u16, lsb0));
        var types = registry.Build();

        // 10 bits: 0b1000_0101 then 0b10 in the next store unit
        Assert.Equal(Bits("1010000101"), Assert.IsType<BitSequenceValue>(types.DecodeAll(lsbBytes, [0x28, 0x85, 0x02])).Bits);
        Assert.Equal(Bits("1000010100"), Assert.IsType<BitSequenceValue>(types.DecodeAll(msbBytes, [0x28, 0x85, 0x02])).Bits);
        Assert.Equal(Bits("1010000101"), Assert.IsType<BitSequenceValue>(types.DecodeAll(lsbWords, [0x28, 0x85, 0x02])).Bits);

        static bool[] Bits(string bits) => bits.Select(bit => bit == '1').ToArray();
    }

    [Fact]
    public void An_undefined_variant_index_is_reported_with_type_and_offset()
    {
        var registry = new TestRegistry();
        var u8 = registry.Primitive(Primitive.U8);
        var choice = registry.Add(new VariantDef([new Variant("A", 0, [], []), new Variant("B", 3, [], [])]), "my", "Choice");
        var pair = registry.Add(new TupleDef([u8, choice]));

        var error = Assert.Throws<ScaleDecodeException>(() => registry.Build().DecodeAll(pair, [0x00, 0x02]));

        Assert.Equal(1, error.Offset);
        Assert.Contains("Variant index 2 is not defined for Choice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unread_bytes_and_truncation_fail_with_offsets()
    {
        var registry = new TestRegistry();
        var u32 = registry.Primitive(Primitive.U32);
        var types = registry.Build();

        Assert.Equal(4, Assert.Throws<ScaleDecodeException>(() => types.DecodeAll(u32, [1, 0, 0, 0, 9])).Offset);
        Assert.Equal(0, Assert.Throws<ScaleDecodeException>(() => types.DecodeAll(u32, [1, 0, 0])).Offset);
        var reader = new ScaleReader([1, 0, 0, 0, 9]);
        Assert.Equal(new UnsignedValue(Primitive.U32, 1), types.Decode(u32, ref reader));
        Assert.Equal(4, reader.Position);
    }

    [Fact]
    public void A_self_containing_type_fails_instead_of_overflowing_the_stack()
    {
        var loop = new TypeRegistry([new PortableType(0, [], [], new CompositeDef([new Field("again", 0, null)]))]);
        var error = Assert.Throws<ScaleDecodeException>(() => loop.DecodeAll(0, [0]));
        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => loop.FixedSize(0));
    }

    [Fact]
    public void Unknown_type_ids_are_decode_errors() =>
        Assert.Contains("Type id 5", Assert.Throws<ScaleDecodeException>(() => new TestRegistry().Build().DecodeAll(5, [0])).Message, StringComparison.Ordinal);

    [Fact]
    public void A_huge_sequence_count_fails_before_allocating()
    {
        var registry = new TestRegistry();
        var u32 = registry.Primitive(Primitive.U32);
        var sequence = registry.Add(new SequenceDef(u32));
        var error = Assert.Throws<ScaleDecodeException>(() => registry.Build().DecodeAll(sequence, new ScaleWriter().WriteCompact(1_000_000_000u).ToArray()));
        Assert.Contains("cannot fit", error.Message, StringComparison.Ordinal);
    }
}
