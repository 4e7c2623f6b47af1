using OxyPlot;
using OxyPlot.SkiaSharp;
using SkiaSharp;

namespace Loosh.Evaluation.Recording;

/// <summary>
/// An OxyPlot render context that draws shapes through <see cref="SkiaRenderContext"/> and text with a font shipped
/// inside this assembly. The Linux SkiaSharp build without native dependencies finds fonts only by scanning
/// /usr/share/fonts; on a host without fonts its default typeface is empty and every label would silently vanish.
/// Shipping the font also makes glyph metrics, and so the PNG bytes, the same on every host.
/// </summary>
/// <remarks>
/// The font is a subset of DejaVu Sans (Latin-1, dashes, bullet, ellipsis, minus, ✓ and ✗; see
/// Recording/DejaVuSans-subset.LICENSE.txt). Characters outside it draw as the font's missing-glyph box.
/// Bold is synthesised, since one face keeps the resource small.
/// </remarks>
internal sealed class EmbeddedFontRenderContext(SkiaRenderContext inner) : IRenderContext
{
    private const string FontResource = "Loosh.Evaluation.Recording.DejaVuSans-subset.ttf";
    private const double BoldWeight = 600;

    // SKTypeface is immutable once loaded, so one instance serves every render on every thread.
    private static readonly Lazy<SKTypeface> Typeface = new(LoadTypeface);

    public bool RendersToScreen => inner.RendersToScreen;

    public int ClipCount => inner.ClipCount;

    public void DrawText(ScreenPoint p, string text, OxyColor fill, string? fontFamily = null, double fontSize = 10,
        double fontWeight = FontWeights.Normal, double rotation = 0, HorizontalAlignment horizontalAlignment = HorizontalAlignment.Left,
        VerticalAlignment verticalAlignment = VerticalAlignment.Top, OxySize? maxSize = null)
    {
        if (string.IsNullOrEmpty(text) || !fill.IsVisible())
        {
            return;
        }
        using var paint = TextPaint(fontSize, fontWeight);
        paint.Color = new SKColor(fill.R, fill.G, fill.B, fill.A);
        var lines = Lines(text);
        var lineHeight = paint.GetFontMetrics(out var metrics);
        // Baseline of the first line relative to p, so the block of lines sits as OxyPlot asked.
        var baseline = verticalAlignment switch
        {
            VerticalAlignment.Top => -metrics.Ascent,
            VerticalAlignment.Middle => -(metrics.Ascent + metrics.Descent + lineHeight * (lines.Length - 1)) / 2,
            _ => -metrics.Descent - lineHeight * (lines.Length - 1),
        };
        paint.TextAlign = horizontalAlignment switch
        {
            HorizontalAlignment.Left => SKTextAlign.Left,
            HorizontalAlignment.Center => SKTextAlign.Center,
            _ => SKTextAlign.Right,
        };
        var canvas = inner.SkCanvas;
        using var restore = new SKAutoCanvasRestore(canvas);
        canvas.Translate((float)p.X, (float)p.Y);
        canvas.RotateDegrees((float)rotation);
        foreach (var line in lines)
        {
            canvas.DrawText(line, 0, baseline, paint);
            baseline += lineHeight;
        }
    }

    public OxySize MeasureText(string text, string? fontFamily = null, double fontSize = 10, double fontWeight = FontWeights.Normal)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new OxySize(0, 0);
        }
        using var paint = TextPaint(fontSize, fontWeight);
        var lines = Lines(text);
        return new OxySize(lines.Max(line => paint.MeasureText(line)), paint.GetFontMetrics(out _) * lines.Length);
    }

    public void DrawEllipse(OxyRect extents, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode) =>
        inner.DrawEllipse(extents, fill, stroke, thickness, edgeRenderingMode);

    public void DrawEllipses(IList<OxyRect> extents, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode) =>
        inner.DrawEllipses(extents, fill, stroke, thickness, edgeRenderingMode);

    public void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode,
        double[]? dashArray = null, LineJoin lineJoin = LineJoin.Miter) =>
        inner.DrawLine(points, stroke, thickness, edgeRenderingMode, dashArray, lineJoin);

    public void DrawLineSegments(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode,
        double[]? dashArray = null, LineJoin lineJoin = LineJoin.Miter) =>
        inner.DrawLineSegments(points, stroke, thickness, edgeRenderingMode, dashArray, lineJoin);

    public void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode,
        double[]? dashArray = null, LineJoin lineJoin = LineJoin.Miter) =>
        inner.DrawPolygon(points, fill, stroke, thickness, edgeRenderingMode, dashArray, lineJoin);

    public void DrawPolygons(IList<IList<ScreenPoint>> polygons, OxyColor fill, OxyColor stroke, double thickness,
        EdgeRenderingMode edgeRenderingMode, double[]? dashArray = null, LineJoin lineJoin = LineJoin.Miter) =>
        inner.DrawPolygons(polygons, fill, stroke, thickness, edgeRenderingMode, dashArray, lineJoin);

    public void DrawRectangle(OxyRect rectangle, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode) =>
        inner.DrawRectangle(rectangle, fill, stroke, thickness, edgeRenderingMode);

    public void DrawRectangles(IList<OxyRect> rectangles, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode) =>
        inner.DrawRectangles(rectangles, fill, stroke, thickness, edgeRenderingMode);

    public void DrawImage(OxyImage source, double srcX, double srcY, double srcWidth, double srcHeight, double destX, double destY,
        double destWidth, double destHeight, double opacity, bool interpolate) =>
        inner.DrawImage(source, srcX, srcY, srcWidth, srcHeight, destX, destY, destWidth, destHeight, opacity, interpolate);

    public void SetToolTip(string text) => inner.SetToolTip(text);

    public void CleanUp() => inner.CleanUp();

    public void PushClip(OxyRect clippingRectangle) => inner.PushClip(clippingRectangle);

    public void PopClip() => inner.PopClip();

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    private static SKPaint TextPaint(double fontSize, double fontWeight) => new()
    {
        Typeface = Typeface.Value,
        TextSize = (float)fontSize,
        FakeBoldText = fontWeight >= BoldWeight,
        IsAntialias = true,
        Style = SKPaintStyle.Fill,
        // Rendering to a file: unhinted outlines are the same at every size, so output does not depend on a hinter.
        HintingLevel = SKPaintHinting.NoHinting,
    };

    private static SKTypeface LoadTypeface()
    {
        using var stream = typeof(EmbeddedFontRenderContext).Assembly.GetManifestResourceStream(FontResource)
            ?? throw new InvalidOperationException($"The embedded font {FontResource} is missing from the assembly.");
        // Copied into native memory that the typeface owns: Skia reads glyph outlines lazily, long after this stream is gone.
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"The embedded font {FontResource} could not be read.");
    }
}
