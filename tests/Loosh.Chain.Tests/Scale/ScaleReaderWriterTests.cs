using Loosh.Chain.Scale;

namespace Loosh.Chain.Tests.Scale;

public sealed class ScaleReaderWriterTests
{
    [Fact]
    public void Fixed_width_integers_round_trip_little_endian()
    {
        var bytes = new ScaleWriter()
            .WriteU8(0xab).WriteU16(0x1234).WriteU32(0xdeadbeef).WriteU64(ulong.MaxValue - 1).WriteU128(UInt128.MaxValue - 2)
            .WriteI8(sbyte.MinValue).WriteI16(-2).WriteI32(int.MinValue).WriteI64(-3).WriteI128(Int128.MinValue)
            .ToArray();
        Assert.Equal("ab3412efbeadde", Convert.ToHexStringLower(bytes[..7]));

        var reader = new ScaleReader(bytes);
        Assert.Equal(0xab, reader.ReadU8());
        Assert.Equal(0x1234, reader.ReadU16());
        Assert.Equal(0xdeadbeef, reader.ReadU32());
        Assert.Equal(ulong.MaxValue - 1, reader.ReadU64());
        Assert.Equal(UInt128.MaxValue - 2, reader.ReadU128());
        Assert.Equal(sbyte.MinValue, reader.ReadI8());
        Assert.Equal(-2, reader.ReadI16());
        Assert.Equal(int.MinValue, reader.ReadI32());
        Assert.Equal(-3, reader.ReadI64());
        Assert.Equal(Int128.MinValue, reader.ReadI128());
        reader.EnsureConsumed();
    }

    [Fact]
    public void Bools_options_bytes_and_strings_round_trip()
    {
        var bytes = new ScaleWriter()
            .WriteBool(true).WriteBool(false).WriteOptionTag(false).WriteOptionTag(true).WriteU16(7)
            .WriteBytes([1, 2, 3]).WriteByteVec([9, 8]).WriteString("héllo ✓")
            .ToArray();

        var reader = new ScaleReader(bytes);
        Assert.True(reader.ReadBool());
        Assert.False(reader.ReadBool());
        Assert.False(reader.ReadOptionTag());
        Assert.True(reader.ReadOptionTag());
        Assert.Equal(7, reader.ReadU16());
        Assert.Equal([1, 2, 3], reader.ReadBytes(3).ToArray());
        Assert.Equal([9, 8], reader.ReadByteVec().ToArray());
        Assert.Equal("héllo ✓", reader.ReadString());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Strings_carry_their_utf8_byte_length()
    {
        Assert.Equal("0c616263", Convert.ToHexStringLower(new ScaleWriter().WriteString("abc").ToArray()));
        Assert.Equal("08c3a9", Convert.ToHexStringLower(new ScaleWriter().WriteString("é").ToArray()));
    }

    [Theory]
    [InlineData("010203", 4, 0)]
    [InlineData("ff0102", 8, 0)]
    public void Truncated_input_names_the_offset(string hex, int width, int offset)
    {
        var error = Assert.Throws<ScaleDecodeException>(() =>
        {
            var reader = new ScaleReader(Convert.FromHexString(hex));
            _ = width == 4 ? reader.ReadU32() : reader.ReadU64();
        });
        Assert.Equal(offset, error.Offset);
        Assert.Contains($"at byte offset {offset}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{width} bytes needed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncation_after_some_reads_reports_where_it_happened()
    {
        var error = Assert.Throws<ScaleDecodeException>(() =>
        {
            var reader = new ScaleReader(Convert.FromHexString("010002086162"));
            reader.ReadU16();
            reader.ReadU8();
            Assert.Equal("ab", reader.ReadString());
            reader.ReadU8();
        });
        Assert.Equal(6, error.Offset);
    }

    [Fact]
    public void A_byte_string_longer_than_the_input_fails_at_its_data()
    {
        var error = Assert.Throws<ScaleDecodeException>(() => new ScaleReader([0x10, 1, 2]).ReadByteVec());
        Assert.Equal(1, error.Offset);
        Assert.Contains("4 bytes needed, 2 left", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("02")]
    [InlineData("ff")]
    public void Bools_and_option_tags_other_than_0_and_1_are_invalid(string hex)
    {
        var input = Convert.FromHexString("00" + hex);
        var boolError = Assert.Throws<ScaleDecodeException>(() =>
        {
            var reader = new ScaleReader(input);
            reader.ReadU8();
            reader.ReadBool();
        });
        Assert.Equal(1, boolError.Offset);
        Assert.Throws<ScaleDecodeException>(() => new ScaleReader(input.AsSpan(1)).ReadOptionTag());
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_the_string_bytes()
    {
        var error = Assert.Throws<ScaleDecodeException>(() => new ScaleReader([0x08, 0xc3, 0x28]).ReadString());
        Assert.Equal(1, error.Offset);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_consumed_reports_unread_bytes()
    {
        var error = Assert.Throws<ScaleDecodeException>(() =>
        {
            var reader = new ScaleReader([1, 2, 3]);
            reader.ReadU8();
            reader.EnsureConsumed();
        });
        Assert.Equal(1, error.Offset);
        Assert.Contains("2 unread bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_lengths_are_refused_when_writing() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaleWriter().WriteLength(-1));

    [Fact]
    public void The_writer_grows_past_its_initial_capacity()
    {
        var writer = new ScaleWriter(initialCapacity: 1);
        for (var i = 0; i < 1000; i++)
        {
            writer.WriteU32((uint)i);
        }
        Assert.Equal(4000, writer.Length);
        Assert.Equal(999u, new ScaleReader(writer.WrittenSpan[^4..]).ReadU32());
    }

    [Fact]
    public void Account_ids_round_trip_and_compare_by_value()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var reader = new ScaleReader(bytes);
        var account = AccountId32.Read(ref reader);

        Assert.Equal(bytes, account.ToArray());
        Assert.Equal(new AccountId32(bytes), account);
        Assert.True(new AccountId32(bytes) == account);
        Assert.NotEqual(default, account);
        Assert.Equal("0x" + Convert.ToHexStringLower(bytes), account.ToString());
        Assert.Throws<ArgumentException>(() => new AccountId32(bytes.AsSpan(0, 31)));
    }
}
