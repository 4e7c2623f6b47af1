using System.Globalization;
using System.Text;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;
using OxyPlot.SkiaSharp;
using SkiaSharp;

namespace Loosh.Evaluation.Recording;

/// <summary>
/// The consensus similarity heatmap of evaluation.md §8.1 as a PNG. Unlike the reference it shows every valid answer,
/// not only the survivors (§14.16): answers out of consensus carry a "✗" after their label and a black outline around
/// their row, so operators can see who disagreed with whom.
/// </summary>
public static class SimilarityHeatmap
{
    /// <summary>Default size: the reference's 5 × 4 in figure at 100 dpi.</summary>
    public const int DefaultWidth = 500;

    public const int DefaultHeight = 400;

    /// <summary>
    /// Cells carry their value (2 decimals) only up to this many answers, as in the reference: beyond it the text no
    /// longer fits a cell of the default-size image and the colours say enough.
    /// </summary>
    public const int MaxAnnotatedAnswers = 5;

    /// <summary>Marks an out-of-consensus label; the embedded font has the glyph (see EmbeddedFontRenderContext).</summary>
    public const string OutOfConsensusMark = "✗";

    public const string Title = "Consensus Similarity Heatmap";

    public const string ColourBarTitle = "Similarity Score";

    private const int MinSize = 200;
    private const int MaxSize = 4000;

    /// <summary>Below this spread the colours would amplify rounding noise, so the full [0, 1] scale is used (§8.1).</summary>
    private const double FlatSpread = 0.01;

    private const double LimitMargin = 0.05;

    /// <summary>Cell text height as a fraction of the cell height.</summary>
    private const double CellLabelScale = 0.15;

    private const double TitleFontSize = 11;
    private const double TextFontSize = 10;
    private const double OutlineThickness = 2;

    /// <summary>Matplotlib's coolwarm (Moreland's diverging map) sampled at nine points and interpolated to 256 colours.</summary>
    private static readonly OxyPalette CoolWarm = OxyPalette.Interpolate(256,
        OxyColor.FromRgb(59, 76, 192), OxyColor.FromRgb(98, 130, 234), OxyColor.FromRgb(141, 176, 254),
        OxyColor.FromRgb(184, 208, 249), OxyColor.FromRgb(221, 220, 219), OxyColor.FromRgb(245, 196, 173),
        OxyColor.FromRgb(244, 154, 123), OxyColor.FromRgb(222, 96, 77), OxyColor.FromRgb(180, 4, 38));

    /// <summary>Draws the heatmap and encodes it as PNG. The same request always yields the same bytes.</summary>
    /// <exception cref="ArgumentException">Fewer than two answers, a matrix that is not n × n for n labels, repeated
    /// labels, an in-consensus label that is not among them, a non-finite similarity, or a size outside 200–4000 px.</exception>
    public static byte[] RenderPng(HeatmapRequest request, int width = DefaultWidth, int height = DefaultHeight)
    {
        Validate(request, width, height);
        var model = BuildModel(request);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var skia = new SkiaRenderContext { RenderTarget = RenderTarget.PixelGraphic, SkCanvas = canvas, UseTextShaping = false })
        {
            canvas.Clear(SKColors.White);
            IPlotModel plot = model;
            plot.Update(true);
            plot.Render(new EmbeddedFontRenderContext(skia), new OxyRect(0, 0, width, height));
        }
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>
    /// The colour scale of §8.1: [0, 1] when max − min &lt; 0.01, else [max(0, min − 0.05), min(1, max + 0.05)],
    /// over the whole matrix including the diagonal.
    /// </summary>
    public static (double Minimum, double Maximum) ColourLimits(double[,] similarities)
    {
        ArgumentNullException.ThrowIfNull(similarities);
        if (similarities.Length == 0)
        {
            throw new ArgumentException("The similarity matrix is empty.", nameof(similarities));
        }
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var value in similarities)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        return max - min < FlatSpread ? (0.0, 1.0) : (Math.Max(0.0, min - LimitMargin), Math.Min(1.0, max + LimitMargin));
    }

    /// <summary>
    /// <c>heatmap_{challengeId}_{yyyyMMdd_HHmmss}.png</c> (§8.1), every character of the id outside [A-Za-z0-9_.-]
    /// replaced by '_' so the name is safe on any file system and in an upload form.
    /// </summary>
    public static string HeatmapFileName(string challengeId, DateTimeOffset utcTime)
    {
        ArgumentNullException.ThrowIfNull(challengeId);
        var name = new StringBuilder("heatmap_", challengeId.Length + 32);
        // One '_' per Unicode scalar, as the reference's regex does, not per UTF-16 unit.
        foreach (var rune in challengeId.EnumerateRunes())
        {
            name.Append(rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '_' or '.' or '-') ? (char)rune.Value : '_');
        }
        return name.Append('_').Append(utcTime.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)).Append(".png").ToString();
    }

    private static void Validate(HeatmapRequest request, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.ChallengeId);
        ArgumentNullException.ThrowIfNull(request.Labels);
        ArgumentNullException.ThrowIfNull(request.Similarities);
        ArgumentNullException.ThrowIfNull(request.InConsensus);
        var n = request.Labels.Count;
        if (n < 2)
        {
            throw new ArgumentException("A heatmap needs at least two answers (§8.1).", nameof(request));
        }
        if (request.Similarities.GetLength(0) != n || request.Similarities.GetLength(1) != n)
        {
            throw new ArgumentException($"The similarity matrix must be {n} × {n}, one row and column per label.", nameof(request));
        }
        if (request.Labels.Distinct(StringComparer.Ordinal).Count() != n)
        {
            throw new ArgumentException("Labels must be distinct.", nameof(request));
        }
        if (!request.InConsensus.IsSubsetOf(request.Labels))
        {
            throw new ArgumentException("Every in-consensus label must be one of the labels.", nameof(request));
        }
        foreach (var value in request.Similarities)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("Similarities must be finite.", nameof(request));
            }
        }
        if (width is < MinSize or > MaxSize || height is < MinSize or > MaxSize)
        {
            throw new ArgumentException($"Width and height must lie in {MinSize}–{MaxSize} px.", nameof(request));
        }
    }

    private static PlotModel BuildModel(HeatmapRequest request)
    {
        var n = request.Labels.Count;
        var labels = request.Labels.Select(label => request.InConsensus.Contains(label) ? label : $"{label} {OutOfConsensusMark}").ToList();
        var anyOut = labels.Count != request.InConsensus.Count;
        var model = new PlotModel
        {
            // Cell labels are formatted with the model's culture; the invariant one keeps "0.85" on every host.
            Culture = CultureInfo.InvariantCulture,
            Background = OxyColors.White,
            Title = Title,
            TitleFontSize = TitleFontSize,
            Subtitle = Subtitle(request),
            SubtitleFontSize = TextFontSize,
            PlotAreaBorderThickness = new OxyThickness(0),
        };
        var columns = LabelAxis(AxisPosition.Bottom, labels);
        // Labels as matplotlib draws them: rotated 45° so long UIDs do not collide.
        columns.Angle = -45;
        columns.Title = anyOut ? $"{OutOfConsensusMark} out of consensus" : null;
        model.Axes.Add(columns);
        var rows = LabelAxis(AxisPosition.Left, labels);
        // Row 0 at the top, like the reference's seaborn heatmap.
        rows.StartPosition = 1;
        rows.EndPosition = 0;
        model.Axes.Add(rows);
        var (minimum, maximum) = ColourLimits(request.Similarities);
        model.Axes.Add(new LinearColorAxis
        {
            Position = AxisPosition.Right,
            Palette = CoolWarm,
            Minimum = minimum,
            Maximum = maximum,
            Title = ColourBarTitle,
            FontSize = TextFontSize,
            IsZoomEnabled = false,
            IsPanEnabled = false,
        });
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0,
            X1 = n - 1,
            Y0 = 0,
            Y1 = n - 1,
            Data = Transposed(request.Similarities),
            RenderMethod = HeatMapRenderMethod.Rectangles,
            Interpolate = false,
            LabelFontSize = n <= MaxAnnotatedAnswers ? CellLabelScale : 0,
            LabelFormatString = "0.00",
        });
        for (var i = 0; i < n; i++)
        {
            if (!request.InConsensus.Contains(request.Labels[i]))
            {
                model.Annotations.Add(new RectangleAnnotation
                {
                    MinimumX = -0.5,
                    MaximumX = n - 0.5,
                    MinimumY = i - 0.5,
                    MaximumY = i + 0.5,
                    Fill = OxyColors.Transparent,
                    Stroke = OxyColors.Black,
                    StrokeThickness = OutlineThickness,
                });
            }
        }
        return model;
    }

    private static CategoryAxis LabelAxis(AxisPosition position, IEnumerable<string> labels)
    {
        var axis = new CategoryAxis
        {
            Position = position,
            FontSize = TextFontSize,
            GapWidth = 0,
            IsZoomEnabled = false,
            IsPanEnabled = false,
            MajorTickSize = 3,
        };
        axis.Labels.AddRange(labels);
        return axis;
    }

    private static string Subtitle(HeatmapRequest request)
    {
        var lines = new List<string> { $"Challenge ID: {request.ChallengeId}" };
        if (!string.IsNullOrEmpty(request.CorrelationId))
        {
            lines.Add($"Correlation ID: {request.CorrelationId}");
        }
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Timestamp: {request.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"));
        return string.Join('\n', lines);
    }

    /// <summary>HeatMapSeries indexes its data [x, y]: column first, row second.</summary>
    private static double[,] Transposed(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var data = new double[n, n];
        for (var row = 0; row < n; row++)
        {
            for (var column = 0; column < n; column++)
            {
                data[column, row] = matrix[row, column];
            }
        }
        return data;
    }
}
