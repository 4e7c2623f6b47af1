using Loosh.Evaluation.Recording;
using SkiaSharp;

namespace Loosh.Evaluation.Tests.Recording;

/// <summary>SimilarityHeatmap: the §8.1 heatmap of all valid answers, read back from the PNG it produces.</summary>
public sealed class SimilarityHeatmapTests
{
    private static readonly DateTimeOffset When = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);
    private static readonly string[] SixLabels = ["11", "22", "33", "44", "55", "66"];

    /// <summary>
    /// Six answers, so cells carry no text and their centres show the pure cell colour. Every pair has its own
    /// similarity (0.25–0.50), except 11–22 (0.95, high) and 11–66 (0.20, low).
    /// </summary>
    private static double[,] SixAnswers()
    {
        var m = new double[6, 6];
        var pair = 0;
        for (var i = 0; i < 6; i++)
        {
            m[i, i] = 1.0;
            for (var j = i + 1; j < 6; j++)
            {
                Set(m, i, j, 0.25 + 0.018 * pair++);
            }
        }
        Set(m, 0, 1, 0.95);
        Set(m, 0, 5, 0.20);
        return m;
    }

    private static void Set(double[,] m, int i, int j, double value) => (m[i, j], m[j, i]) = (value, value);

    private static HeatmapRequest Request(double[,] similarities, string[] labels, string[]? inConsensus = null, string challengeId = "c-1") =>
        new(challengeId, When, labels, similarities, new HashSet<string>(inConsensus ?? labels));

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a decodable image");

    /// <summary>
    /// Where the grid is: the diagonal cells share the scale's top colour (each has similarity 1, the maximum), so the
    /// top-left diagonal cell starts at the first such pixel and the last one ends at the lowest. The colour bar also
    /// reaches that colour, but only to the right of the grid and near its top.
    /// </summary>
    private static (float Left, float Top, float CellWidth, float CellHeight) Grid(SKBitmap image, int n)
    {
        var diagonal = MostFrequentColour(image);
        int left = int.MaxValue, first = int.MaxValue, last = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (image.GetPixel(x, y) == diagonal)
                {
                    left = Math.Min(left, x);
                    first = Math.Min(first, y);
                    last = Math.Max(last, y);
                }
            }
        }
        var right = left;
        while (image.GetPixel(right, first + 2) == diagonal)
        {
            right++;
        }
        return (left, first, right - left, (last + 1 - first) / (float)n);
    }

    /// <summary>The diagonal's colour: n cells of it, against two cells for any off-diagonal value.</summary>
    private static SKColor MostFrequentColour(SKBitmap image)
    {
        var counts = new Dictionary<SKColor, int>();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var colour = image.GetPixel(x, y);
                if (colour != SKColors.White)
                {
                    counts[colour] = counts.GetValueOrDefault(colour) + 1;
                }
            }
        }
        return counts.MaxBy(pair => pair.Value).Key;
    }

    private static SKColor CellCentre(SKBitmap image, (float Left, float Top, float CellWidth, float CellHeight) grid, int row, int column) =>
        image.GetPixel((int)(grid.Left + (column + 0.5f) * grid.CellWidth), (int)(grid.Top + (row + 0.5f) * grid.CellHeight));

    private static int Redness(SKColor colour) => colour.Red - colour.Blue;

    private static int DarkPixels(SKBitmap image, int fromY, int toY)
    {
        var count = 0;
        for (var y = fromY; y < toY; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var c = image.GetPixel(x, y);
                count += c.Red + c.Green + c.Blue < 3 * 128 ? 1 : 0;
            }
        }
        return count;
    }

    [Fact]
    public void Png_has_the_signature_and_the_default_size()
    {
        var png = SimilarityHeatmap.RenderPng(Request(SixAnswers(), SixLabels));

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        using var image = Decode(png);
        Assert.Equal((500, 400), (image.Width, image.Height));
    }

    [Fact]
    public void Size_can_be_chosen()
    {
        using var image = Decode(SimilarityHeatmap.RenderPng(Request(SixAnswers(), SixLabels), 800, 600));

        Assert.Equal((800, 600), (image.Width, image.Height));
    }

    [Fact]
    public void Same_input_gives_the_same_bytes()
    {
        var request = Request(SixAnswers(), SixLabels, ["11", "22", "33"]);

        Assert.Equal(SimilarityHeatmap.RenderPng(request), SimilarityHeatmap.RenderPng(request));
    }

    [Fact]
    public void Cell_colours_follow_the_similarities()
    {
        using var image = Decode(SimilarityHeatmap.RenderPng(Request(SixAnswers(), SixLabels)));
        var grid = Grid(image, 6);

        var high = CellCentre(image, grid, 0, 1);
        var low = CellCentre(image, grid, 0, 5);
        var middle = CellCentre(image, grid, 2, 3);

        // Redness (red minus blue) rather than either channel alone: coolwarm's blue channel peaks below the middle.
        Assert.True(Redness(high) > Redness(middle) && Redness(middle) > Redness(low), $"colour should warm with similarity: {low} {middle} {high}");
        Assert.True(Redness(high) > 0 && Redness(low) < 0, $"high should be red, low blue: {low} {high}");
        Assert.Equal(high, CellCentre(image, grid, 1, 0));
    }

    [Fact]
    public void Diagonal_cells_have_the_top_colour_of_the_scale()
    {
        using var image = Decode(SimilarityHeatmap.RenderPng(Request(SixAnswers(), SixLabels)));
        var grid = Grid(image, 6);

        var diagonal = Enumerable.Range(0, 6).Select(i => CellCentre(image, grid, i, i)).Distinct().ToList();

        // Coolwarm's red end: similarity 1 is the maximum, so the diagonal sits at the top of the scale.
        Assert.Equal(new SKColor(180, 4, 38), Assert.Single(diagonal));
    }

    [Fact]
    public void Out_of_consensus_rows_are_outlined()
    {
        var marked = SimilarityHeatmap.RenderPng(Request(SixAnswers(), SixLabels, ["11", "22", "33", "44", "66"]));
        using var image = Decode(marked);
        var grid = Grid(image, 6);
        var x = (int)(grid.Left + 1.5f * grid.CellWidth);

        // The darkest pixel across a row boundary, half-way along a cell: black where row 4 ("55") begins, cell colour
        // between rows 2 and 3, which are in consensus.
        var outlined = DarkestAcross(image, x, (int)(grid.Top + 4 * grid.CellHeight));
        var plain = DarkestAcross(image, x, (int)(grid.Top + 3 * grid.CellHeight));

        Assert.True(outlined < 100, $"outline expected, darkest sum {outlined}");
        Assert.True(plain > 300, $"no outline expected, darkest sum {plain}");
        Assert.NotEqual(SimilarityHeatmap.RenderPng(Request(SixAnswers(), SixLabels)), marked);
    }

    private static int DarkestAcross(SKBitmap image, int x, int boundaryY) =>
        Enumerable.Range(boundaryY - 2, 5).Select(y => image.GetPixel(x, y)).Min(c => c.Red + c.Green + c.Blue);

    [Fact]
    public void Title_text_is_drawn_above_the_grid_and_grows_with_the_challenge_id()
    {
        using var shortId = Decode(SimilarityHeatmap.RenderPng(Request(SixAnswers(), SixLabels, challengeId: "c")));
        using var longId = Decode(SimilarityHeatmap.RenderPng(Request(SixAnswers(), SixLabels,
            challengeId: "3f2b9c1e-7d4a-4e8b-9a6f-0c5d2e1b8a77")));
        var top = (int)Grid(shortId, 6).Top;

        var shortInk = DarkPixels(shortId, 0, top);
        var longInk = DarkPixels(longId, 0, top);

        // Glyphs, not an empty band: a font without outlines would leave both counts at zero.
        Assert.True(shortInk > 200, $"title band has {shortInk} dark pixels");
        Assert.True(longInk > shortInk + 100, $"a longer id should add ink: {shortInk} → {longInk}");
    }

    [Fact]
    public void Small_matrices_carry_their_values_in_the_cells()
    {
        double[,] m = { { 1.0, 0.8, 0.6 }, { 0.8, 1.0, 0.7 }, { 0.6, 0.7, 1.0 } };
        using var image = Decode(SimilarityHeatmap.RenderPng(Request(m, ["1", "2", "3"])));
        var grid = Grid(image, 3);

        // The "1.00" label sits on the diagonal cell's centre, so the centre is no longer the plain cell colour.
        var centre = CellCentre(image, grid, 0, 0);
        var corner = image.GetPixel((int)(grid.Left + 3), (int)(grid.Top + 3));
        var inkInCell = 0;
        for (var y = (int)grid.Top; y < grid.Top + grid.CellHeight; y++)
        {
            for (var x = (int)grid.Left; x < grid.Left + grid.CellWidth; x++)
            {
                inkInCell += image.GetPixel(x, y) != corner ? 1 : 0;
            }
        }

        Assert.Equal(new SKColor(180, 4, 38), corner);
        Assert.True(inkInCell > 50, $"expected cell text, {inkInCell} pixels differ from the cell colour; centre {centre}");
    }

    [Fact]
    public void Larger_matrices_have_plain_cells()
    {
        using var image = Decode(SimilarityHeatmap.RenderPng(Request(SixAnswers(), SixLabels)));
        var grid = Grid(image, 6);
        var corner = image.GetPixel((int)(grid.Left + 2), (int)(grid.Top + 2));

        var differing = 0;
        for (var y = (int)grid.Top + 2; y < grid.Top + grid.CellHeight - 2; y++)
        {
            for (var x = (int)grid.Left + 2; x < grid.Left + grid.CellWidth - 2; x++)
            {
                differing += image.GetPixel(x, y) != corner ? 1 : 0;
            }
        }

        Assert.Equal(0, differing);
    }

    [Theory]
    [InlineData(0.30, 0.90, 0.25, 0.95)]
    [InlineData(0.02, 1.00, 0.0, 1.0)]
    [InlineData(0.50, 0.98, 0.45, 1.0)]
    [InlineData(0.995, 1.0, 0.0, 1.0)]
    [InlineData(-0.2, 0.6, 0.0, 0.65)]
    public void Colour_limits_follow_the_spread(double low, double high, double expectedMin, double expectedMax)
    {
        double[,] m = { { high, low }, { low, high } };

        var (min, max) = SimilarityHeatmap.ColourLimits(m);

        Assert.Equal(expectedMin, min, 1e-12);
        Assert.Equal(expectedMax, max, 1e-12);
    }

    [Fact]
    public void A_spread_just_below_one_hundredth_uses_the_full_scale()
    {
        double[,] below = { { 0.9, 0.8901 }, { 0.8901, 0.9 } };
        double[,] at = { { 0.9, 0.89 }, { 0.89, 0.9 } };

        Assert.Equal((0.0, 1.0), SimilarityHeatmap.ColourLimits(below));
        Assert.Equal(0.84, SimilarityHeatmap.ColourLimits(at).Minimum, 1e-9);
    }

    [Theory]
    [InlineData("3f2b9c1e-7d4a-4e8b", "heatmap_3f2b9c1e-7d4a-4e8b_20250314_150926.png")]
    [InlineData("a/b\\c d:e?*", "heatmap_a_b_c_d_e___20250314_150926.png")]
    [InlineData("v1.2_x", "heatmap_v1.2_x_20250314_150926.png")]
    [InlineData("café😀", "heatmap_caf___20250314_150926.png")]
    [InlineData("", "heatmap__20250314_150926.png")]
    public void File_name_replaces_unsafe_characters(string challengeId, string expected)
    {
        Assert.Equal(expected, SimilarityHeatmap.HeatmapFileName(challengeId, When));
    }

    [Fact]
    public void File_name_uses_utc()
    {
        var local = new DateTimeOffset(2025, 3, 14, 17, 9, 26, TimeSpan.FromHours(2));

        Assert.Equal("heatmap_x_20250314_150926.png", SimilarityHeatmap.HeatmapFileName("x", local));
    }

    [Fact]
    public void Bad_requests_are_refused()
    {
        double[,] two = { { 1, 0.5 }, { 0.5, 1 } };
        double[,] one = { { 1 } };

        Assert.Throws<ArgumentException>(() => SimilarityHeatmap.RenderPng(Request(one, ["1"])));
        Assert.Throws<ArgumentException>(() => SimilarityHeatmap.RenderPng(Request(two, ["1", "2", "3"])));
        Assert.Throws<ArgumentException>(() => SimilarityHeatmap.RenderPng(Request(two, ["1", "1"])));
        Assert.Throws<ArgumentException>(() => SimilarityHeatmap.RenderPng(Request(two, ["1", "2"], ["9"])));
        Assert.Throws<ArgumentException>(() => SimilarityHeatmap.RenderPng(Request(new double[,] { { 1, double.NaN }, { 0.5, 1 } }, ["1", "2"])));
        Assert.Throws<ArgumentException>(() => SimilarityHeatmap.RenderPng(Request(two, ["1", "2"]), 10, 10));
    }
}
