package org.rnnlab.evaluation.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.core.AtomicFiles;

/**
 * The charts rnnlab draws, in one style, written as PNG atomically.
 *
 * <p>The style: white background, no plot border, light grid, 13-16 pt sans-serif text, one colour per
 * series name from a {@link Palette} that a report shares between its charts. Axes stay readable at a
 * glance: a linear axis gets a tick every {@value #X_TICK_SPACING} px (x) or {@value #Y_TICK_SPACING} px (y)
 * at most, at round values; an axis whose values are all whole numbers (epochs, distances) is labelled with
 * whole numbers only; a logarithmic axis is drawn as log10 of the values on a linear axis whose ticks fall on
 * whole decades, labelled "1e-40", "0.01", "1", so a curve that falls over 46 decades gets five or six labels
 * instead of 47. {@link #readability} checks this on a rendered chart (at most {@value #MAX_LABELS} labels per
 * numeric axis, no two labels overlapping); the tests run it on every chart the reports write.
 *
 * <p>Line charts draw an optional band behind each line in the line's colour (translucent): mean ± sd on a linear axis, or a
 * range given point by point (e.g. the lowest to the highest seed), which a logarithmic axis draws too; the
 * legend has one entry per line. A chart without any drawable point is not a chart: {@link #hasData} says so,
 * and reports leave such a chart out and say why instead of drawing empty axes.
 */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 520;
    /** Most labels a numeric axis may carry (checked by {@link #readability}). */
    public static final int MAX_LABELS = 8;
    static final int X_TICK_SPACING = 150;
    static final int Y_TICK_SPACING = 100;

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** The names with characters the charts' font cannot draw on this machine (they would show as boxes). */
    public static List<String> undrawable(List<String> names) {
        return names.stream().filter(n -> TICK_FONT.canDisplayUpTo(n) != -1).toList();
    }
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color TEXT = new Color(0x222222);
    private static final Color GRID = new Color(0xE3E3E3);
    private static final Color AXIS = new Color(0x888888);
    private static final int BAND_ALPHA = 50;
    private static final int MARKERS_UP_TO = 30;

    private Charts() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * One line of a line chart: the mean {@code y} at each {@code x} and, optionally, a band behind it: the standard
     * deviation over seeds at each {@code x}, drawn from y - sd to y + sd (linear axes only), or a range from {@code low}
     * to {@code high} at each {@code x} (drawn on logarithmic axes too, where a non-positive {@code low} is drawn at y).
     *
     * @param sd   null for no sd band
     * @param low  null for no range band (then {@code high} is null too)
     * @param high null for no range band
     */
    public record Line(String name, double[] x, double[] y, double[] sd, double[] low, double[] high) {
        public Line {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length || (sd != null && sd.length != y.length)) {
                throw new IllegalArgumentException("line '" + name + "': x, y and sd must have the same length");
            }
            if ((low == null) != (high == null) || (low != null && (low.length != y.length || high.length != y.length))) {
                throw new IllegalArgumentException("line '" + name + "': low and high must both be given, as long as y, or neither");
            }
            if (sd != null && low != null) {
                throw new IllegalArgumentException("line '" + name + "': an sd band or a low-high band, not both");
            }
        }

        /** A line with a mean ± sd band ({@code sd} null for none). */
        public Line(String name, double[] x, double[] y, double[] sd) {
            this(name, x, y, sd, null, null);
        }

        /** A line without a band. */
        public static Line of(String name, double[] x, double[] y) {
            return new Line(name, x, y, null);
        }

        /** A line with a band from {@code low} to {@code high} at each x (e.g. the lowest and highest seed). */
        public static Line withRange(String name, double[] x, double[] y, double[] low, double[] high) {
            return new Line(name, x, y, null, low, high);
        }
    }

    /**
     * A line chart with a palette in the order of the map (one series per entry: {@code {x[], y[]}}).
     *
     * @param logY logarithmic y axis (non-positive values are dropped from each series)
     */
    public static XYChart lines(String title, String xTitle, String yTitle, boolean logY, Map<String, double[][]> series) {
        List<Line> lines = new ArrayList<>();
        series.forEach((name, xy) -> lines.add(Line.of(name, xy[0], xy[1])));
        return lines(title, xTitle, yTitle, logY, Palette.of(series.keySet()), lines);
    }

    /**
     * A line chart: one line per {@link Line} in its palette colour, bands (where given, linear y only) behind
     * all lines, sparse round ticks, whole-number ticks when every x is a whole number.
     *
     * @param logY logarithmic y axis: points with y <= 0, NaN or infinite are left out; whole decades labelled
     */
    public static XYChart lines(String title, String xTitle, String yTitle, boolean logY, Palette palette, List<Line> lines) {
        return styledLines(title, xTitle, yTitle, logY, palette, lines.stream().map(Styled::plain).toList(),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * A line with its look: the colour and marker shape of {@code colourOf} in the palette (e.g. its configuration), a dash
     * pattern ({@link #PALETTE_DASH}: the palette's dash for that name; 0-3: solid, dashed, dotted, dash-dot, e.g. one per band,
     * in turn beyond 3), and whether the legend names it (the
     * later segments of one configuration's line, broken where its values are not comparable, are not named again).
     */
    public record Styled(Line line, String colourOf, int dash, boolean legend) {
        /** The line in its own name's colour, marker and stroke, in the legend. */
        public static Styled plain(Line line) {
            return new Styled(line, line.name(), PALETTE_DASH, true);
        }
    }

    /** {@link Styled#dash} for the palette's dash of the line's {@code colourOf}. */
    public static final int PALETTE_DASH = -1;


    /**
     * {@link #lines} with each line's look given ({@link Styled}), and its shaded band clamped to {@code bandMin..bandMax}
     * (an accuracy's mean ± sd drawn above 1 or below 0 shows values no run can have).
     */
    public static XYChart styledLines(String title, String xTitle, String yTitle, boolean logY, Palette palette, List<Styled> styled,
                                      double bandMin, double bandMax) {
        Map<String, Styled> looks = new java.util.HashMap<>();
        List<Line> lines = new ArrayList<>();
        for (Styled st : styled) {
            looks.put(st.line().name(), st);
            lines.add(st.line());
        }
        int legend = legendWidth(looks.keySet());
        XYChart chart = new XYChartBuilder().width(widthFor(title, legend)).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        LEGENDS.put(chart, legend);
        List<Line> drawable = new ArrayList<>();
        boolean integerX = true;
        SortedSet<Double> xs = new TreeSet<>();
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Line line : lines) {
            Line kept = drawablePart(line, logY);
            if (kept.x().length == 0) {
                continue;
            }
            drawable.add(kept);
            for (int i = 0; i < kept.x().length; i++) {
                integerX &= kept.x()[i] == Math.rint(kept.x()[i]);
                xs.add(kept.x()[i]);
                // a range band is inside the axis: the decades of a log axis reach its lowest and highest values
                yMin = Math.min(yMin, kept.low() == null ? kept.y()[i] : Math.min(kept.y()[i], kept.low()[i]));
                yMax = Math.max(yMax, kept.high() == null ? kept.y()[i] : Math.max(kept.y()[i], kept.high()[i]));
            }
        }
        for (Line line : drawable) {
            if (line.sd() != null || line.low() != null) {
                XYSeries band = line.sd() != null
                        ? chart.addSeries(line.name() + " ± sd", bandX(line.x()), bandY(line.y(), line.sd(), bandMin, bandMax))
                        : chart.addSeries(line.name() + " range", bandX(line.x()), rangeY(line.low(), line.high(), bandMin, bandMax));
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(palette.translucent(looks.get(line.name()).colourOf(), BAND_ALPHA));
                band.setLineColor(new Color(0, 0, 0, 0));
                band.setLineWidth(0.1f);
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
        }
        boolean markers = drawable.stream().allMatch(l -> l.x().length <= MARKERS_UP_TO);
        for (Line line : drawable) {
            Styled look = looks.get(line.name());
            XYSeries s = chart.addSeries(line.name(), line.x(), line.y());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineColor(palette.color(look.colourOf()));
            // colour, marker and (unless the caller gives a dash, e.g. one per band) dash are the configuration's, as in every chart
            s.setLineStyle(look.dash() < 0 ? palette.stroke(look.colourOf(), 2f) : Palette.dashed(look.dash(), 2f));
            s.setMarkerColor(palette.color(look.colourOf()));
            s.setShowInLegend(look.legend());
            s.setMarker(markers ? palette.marker(look.colourOf()) : SeriesMarkers.NONE);
        }
        if (drawable.isEmpty()) {
            return chart;
        }
        if (integerX) {
            wholeNumberX(chart.getStyler(), xs);
        }
        if (logY) {
            decadeY(chart.getStyler(), yMin, yMax);
        }
        return chart;
    }

    /** Whether a chart has at least one series to draw (reports do not write charts without). */
    public static boolean hasData(Chart<?, ?> chart) {
        return !chart.getSeriesCollection().isEmpty();
    }

    /** Sets the y range of a linear axis. */
    public static void yRange(XYChart chart, double min, double max) {
        chart.getStyler().setYAxisMin(min);
        chart.getStyler().setYAxisMax(max);
    }

    /**
     * A bar chart of means with sd whiskers, one bar per category in the category's palette colour and the mean
     * written in the bar.
     */
    public static CategoryChart bars(String title, String yTitle, Palette palette, List<String> categories, List<Double> means,
                                     List<Double> errors, double yMin, double yMax) {
        return bars(title, yTitle, palette, categories, means, errors, yMin, yMax, null);
    }

    /** The decimals of the values written in bars: one precision for every bar (0.480 beside 0.631, not 0.48). */
    public static final String BAR_LABEL_PATTERN = "%.3f";

    /**
     * {@link #bars}, with a labelled horizontal reference line across the plot (e.g. the majority-class baseline a bar
     * must rise above), or none when {@code reference} is null. Every bar's value is written with {@link #BAR_LABEL_PATTERN}.
     */
    public static CategoryChart bars(String title, String yTitle, Palette palette, List<String> categories, List<Double> means,
                                     List<Double> errors, double yMin, double yMax, ReferenceLine reference) {
        CategoryChart chart = new CategoryChartBuilder().width(widthFor(title, 0)).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(yMin);
        chart.getStyler().setYAxisMax(yMax);
        chart.getStyler().setErrorBarsColor(TEXT);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(0.5);
        chart.getStyler().setLabelsFont(TICK_FONT);
        chart.getStyler().setLabelsFontColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("0.000");
        // XChart writes the bars' values with the y axis's format: the bars' means get three decimals each, the axis's round
        // ticks as few as they need (with "0.0##" for both, a bar read "0.48" beside "0.631")
        List<Double> barValues = means.stream().filter(Objects::nonNull).toList();
        java.text.DecimalFormat ticks = new java.text.DecimalFormat("0.0##", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        chart.getStyler().setYAxisTickLabelsFormattingFunction(v -> v == null ? "" : barValues.stream().anyMatch(m -> Math.abs(m - v) < 1e-12)
                ? String.format(Locale.ROOT, BAR_LABEL_PATTERN, v) : ticks.format(v));
        chart.getStyler().setOverlapped(true); // one series per bar, so that each bar has its own colour
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setXAxisTickMarkSpacingHint(20); // a label for every bar
        chart.getStyler().setXAxisLabelRotation(labelsFit(categories, WIDTH - 140) ? 0 : 30);
        for (int i = 0; i < categories.size(); i++) {
            List<Double> y = new ArrayList<>();
            for (int j = 0; j < categories.size(); j++) {
                y.add(i == j ? means.get(j) : null);
            }
            CategorySeries s = chart.addSeries(categories.get(i), categories, y);
            s.setFillColor(palette.color(categories.get(i)));
        }
        // the whiskers, clipped to the axis's range: XChart's error bars are drawn mean +- error whatever the range (trial
        // 77f F5: an accuracy of 0.978 +- 0.031 over 2 seeds had its whisker drawn to 1.009)
        List<double[]> whiskers = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            Double mean = means.get(i);
            Double error = errors == null ? null : errors.get(i);
            whiskers.add(mean == null || error == null || !(error > 0) || !Double.isFinite(mean) ? null
                    : new double[] {Math.max(yMin, mean - error), Math.min(yMax, mean + error)});
        }
        if (whiskers.stream().anyMatch(Objects::nonNull)) {
            chart.addAnnotation(new WhiskerAnnotation(whiskers));
            WHISKERS.put(chart, whiskers);
        }
        if (reference != null && Double.isFinite(reference.value())) {
            chart.getStyler().setLabelsPosition(labelPosition(barValues, reference.value(), yMax - yMin));
            chart.addAnnotation(new ReferenceAnnotation(reference));
            REFERENCES.put(chart, reference);
        }
        return chart;
    }

    /**
     * Each bar's whisker, {low, high}, as drawn: mean -+ its error clipped to the y axis's range (for accuracy, [0, 1]); null
     * for a bar without one. Empty for a chart not made by {@link #bars} or without whiskers (for tests and captions).
     */
    public static List<double[]> whiskers(Chart<?, ?> chart) {
        List<double[]> w = WHISKERS.get(chart);
        return w == null ? List.of() : w;
    }

    private static final Map<Chart<?, ?>, List<double[]>> WHISKERS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * Paints the whiskers of {@link #bars}, one per bar at its centre, with a cap at each end: XChart's own error bars are
     * symmetric and not clipped to the plot. The bars' centres are XChart's: the plot content takes {@code plotContentSize}
     * of the plot's width, centred, and each of the n categories an equal share of it.
     */
    private static final class WhiskerAnnotation extends org.knowm.xchart.internal.chartpart.Annotation {
        private final List<double[]> whiskers;

        WhiskerAnnotation(List<double[]> whiskers) {
            super(false);
            this.whiskers = whiskers;
        }

        @Override
        public void paint(Graphics2D g) {
            if (!isVisible) {
                return;
            }
            double x0 = getXAxisScreenValueForMin();
            double width = getXAxisScreenValueForMax() - x0;
            double content = styler.getPlotContentSize() * width;
            double step = content / whiskers.size();
            java.awt.Stroke stroke = g.getStroke();
            Color colour = g.getColor();
            g.setColor(TEXT);
            g.setStroke(new BasicStroke(1f));
            for (int i = 0; i < whiskers.size(); i++) {
                double[] w = whiskers.get(i);
                if (w == null) {
                    continue;
                }
                int x = (int) Math.round(x0 + (width - content) / 2 + (i + 0.5) * step);
                int low = getYAxisScreenValue(w[0]);
                int high = getYAxisScreenValue(w[1]);
                g.drawLine(x, low, x, high);
                g.drawLine(x - 4, low, x + 4, low);
                g.drawLine(x - 4, high, x + 4, high);
            }
            g.setStroke(stroke);
            g.setColor(colour);
            bounds = new Rectangle2D.Double(x0, getYAxisScreenValueForMin(), width, getYAxisScreenValueForMax() - getYAxisScreenValueForMin());
        }
    }

    /**
     * Where in the bars (XChart's share of each bar's height, the same for all) their values are written so that none sits on
     * the reference line at {@code reference}: of a few heights, the one whose labels are farthest from it.
     */
    static double labelPosition(List<Double> values, double reference, double range) {
        double best = 0.5;
        double bestDistance = -1;
        for (double p : new double[] {0.5, 0.3, 0.7, 0.15, 0.85}) {
            double nearest = Double.POSITIVE_INFINITY;
            for (double v : values) {
                nearest = Math.min(nearest, Math.abs(p * v - reference));
            }
            if (nearest > 0.06 * range) {
                return p;
            }
            if (nearest > bestDistance) {
                bestDistance = nearest;
                best = p;
            }
        }
        return best;
    }

    /**
     * A horizontal line across a chart's plot at {@code value} (in the y axis's units), dashed in near-black, with
     * {@code label} written above its right end on a white ground.
     */
    public record ReferenceLine(double value, String label) {
        public ReferenceLine {
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * A second reference line on a chart {@link #bars} drew with one (compare's summary-feature baseline beside the
     * majority-class one, trial 79j F3), its label at the line's left end so that two lines close together keep both labels.
     */
    public static void addReferenceLine(CategoryChart chart, ReferenceLine line) {
        chart.addAnnotation(new ReferenceAnnotation(line, true));
    }

    /** The reference line drawn on a chart, or null (for tests and alt texts). */
    public static ReferenceLine referenceLine(Chart<?, ?> chart) {
        return REFERENCES.get(chart);
    }

    private static final Map<Chart<?, ?>, ReferenceLine> REFERENCES = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Paints a {@link ReferenceLine}: XChart's own annotation line has no label and one style per chart. */
    private static final class ReferenceAnnotation extends org.knowm.xchart.internal.chartpart.Annotation {
        private static final Color INK = new Color(0x111111);
        private final ReferenceLine line;
        private final boolean labelLeft;

        ReferenceAnnotation(ReferenceLine line) {
            this(line, false);
        }

        ReferenceAnnotation(ReferenceLine line, boolean labelLeft) {
            super(false);
            this.line = line;
            this.labelLeft = labelLeft;
        }

        @Override
        public void paint(Graphics2D g) {
            if (!isVisible) {
                return;
            }
            int y = getYAxisScreenValue(line.value());
            int x0 = getXAxisScreenValueForMin();
            int x1 = getXAxisScreenValueForMax();
            java.awt.Stroke stroke = g.getStroke();
            Color colour = g.getColor();
            Font font = g.getFont();
            g.setColor(INK);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 5f}, 0f));
            g.drawLine(x0, y, x1, y);
            g.setFont(LEGEND_FONT);
            FontMetrics fm = g.getFontMetrics();
            int w = fm.stringWidth(line.label());
            int tx = labelLeft ? x0 + 6 : x1 - w - 6;
            int ty = y - 6;
            g.setColor(Color.WHITE);
            g.fillRect(tx - 3, ty - fm.getAscent(), w + 6, fm.getAscent() + fm.getDescent());
            g.setColor(INK);
            g.drawString(line.label(), tx, ty);
            g.setStroke(stroke);
            g.setColor(colour);
            g.setFont(font);
            bounds = new Rectangle2D.Double(x0, ty - fm.getAscent(), x1 - x0, y - ty + fm.getAscent() + 1);
        }
    }

    private static boolean labelsFit(List<String> labels, int width) {
        double total = 0;
        for (String l : labels) {
            total += textWidth(l, TICK_FONT, 0) + 24;
        }
        return total < width;
    }

    /**
     * A confusion matrix as a grid: one cell per (true, predicted) pair, true classes as rows (top to bottom in
     * label order), predicted classes as columns. A cell's colour is its share of its row (each row sums to 1),
     * so classes of different sizes read alike; the cell shows the count and that share. Each row's total is
     * written at its right. Drawn with Java2D: XChart's heat map cannot write a count and a share in a cell.
     */
    public static BufferedImage confusionGrid(String title, List<String> labels, long[][] counts) {
        return ConfusionGrid.draw(title, labels, counts, 1);
    }

    /**
     * {@link #confusionGrid(String, List, long[][])} of counts summed over {@code seeds} seeds that each tested the same
     * sequences: each row's total says so, {@code n = 122 (61 sequences x 2 seeds)} ({@link ConfusionGrid#rowTotal}).
     */
    public static BufferedImage confusionGrid(String title, List<String> labels, long[][] counts, int seeds) {
        return ConfusionGrid.draw(title, labels, counts, seeds);
    }

    /**
     * The same confusion matrix as an XChart heat map (for notebooks, which show XChart charts): cells coloured
     * and labelled by their share of the row in percent, true classes as rows from the top, predicted as columns.
     * Reports use {@link #confusionGrid}, which also writes the counts.
     */
    public static HeatMapChart confusion(String title, List<String> labels, long[][] counts) {
        int k = labels.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(widthFor(title, 120) - WIDTH + 460, 100 * k + 260)).height(Math.max(400, 80 * k + 180))
                .title(title).xAxisTitle("predicted class").yAxisTitle("true class").build();
        style(chart.getStyler());
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(TICK_FONT);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setValueFontColor(TEXT);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(100);
        // lighter than the grid's ramp: XChart writes every value in one colour, dark text must stay readable
        chart.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x9ECAE1), new Color(0x4292C6)});
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setXAxisTickMarkSpacingHint(20); // a label for every class
        chart.getStyler().setYAxisTickMarkSpacingHint(20);
        chart.getStyler().setXAxisLabelRotation(labelsFit(labels, 100 * k) ? 0 : 30);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            long total = 0;
            for (int p = 0; p < k; p++) {
                total += counts[t][p];
            }
            for (int p = 0; p < k; p++) {
                // heat map rows grow upwards: put the first label at the top
                cells.add(new Number[] {p, k - 1 - t, total == 0 ? 0 : Math.round(100.0 * counts[t][p] / total)});
            }
        }
        List<String> reversed = new ArrayList<>(labels);
        Collections.reverse(reversed);
        chart.addSeries("share of the true class (%)", labels, reversed, cells);
        return chart;
    }

    /**
     * Renders a small chart in memory once, so that AWT, fonts and the PNG encoder are initialised.
     * AWT registers shutdown hooks when it first starts, which fails once the JVM is shutting down: a
     * command that may have to write a report after Ctrl-C calls this first.
     */
    public static void prepare() {
        try {
            BitmapEncoder.getBitmapBytes(lines("", "x", "y", false, Map.of("s", new double[][] {{0, 1}, {0, 1}})),
                    BitmapEncoder.BitmapFormat.PNG);
            png(confusionGrid("", List.of("a", "b"), new long[][] {{1, 0}, {0, 1}}));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot render charts: " + e.getMessage(), e);
        }
    }

    /** Writes a chart as PNG, atomically. */
    public static void writePng(Chart<?, ?> chart, Path file) throws IOException {
        AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Writes an image as PNG, atomically. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.writeBytes(file, png(image));
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- style and axes

    /** The common style of every rnnlab chart with axes. */
    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartFontColor(TEXT);
        s.setChartTitleFont(TITLE_FONT);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(AXIS_TITLE_FONT);
        s.setAxisTickLabelsFont(TICK_FONT);
        s.setAxisTickLabelsColor(TEXT);
        s.setAxisTickMarksColor(AXIS);
        s.setAxisTicksLineVisible(true);
        s.setAxisTickPadding(6);
        s.setLegendFont(LEGEND_FONT);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setMarkerSize(8); // large enough to tell a square from a circle and a diamond
        s.setXAxisTickMarkSpacingHint(X_TICK_SPACING);
        s.setYAxisTickMarkSpacingHint(Y_TICK_SPACING);
        s.setChartPadding(12);
    }

    /**
     * Whole-number ticks on an x axis whose values are whole numbers. One value: one label. Up to
     * {@value #MAX_LABELS} equally spaced values: a label at each. More: the axis reaches half a step beyond the
     * data, so XChart spaces the ticks by the hint instead of putting one at every value; a step below 1 would
     * give two ticks the same "#0" label, which XChart rejects, so the ticks stay on whole numbers.
     */
    private static void wholeNumberX(AxesChartStyler s, SortedSet<Double> values) {
        s.setXAxisDecimalPattern("#0");
        if (values.size() <= 1) {
            return;
        }
        double first = values.first();
        double last = values.last();
        double step = (last - first) / (values.size() - 1);
        boolean equallySpaced = true;
        double expected = first;
        for (double v : values) {
            equallySpaced &= Math.abs(v - expected) < 1e-9;
            expected += step;
        }
        if (equallySpaced && values.size() <= MAX_LABELS) {
            return;
        }
        s.setXAxisMin(first - 0.5);
        s.setXAxisMax(last + 0.5);
    }

    /** A y axis of log10 values: whole decades from below the smallest to above the largest, decades labelled. */
    private static void decadeY(AxesChartStyler s, double minLog, double maxLog) {
        double lo = Math.floor(minLog + 1e-9);
        double hi = Math.ceil(maxLog - 1e-9);
        if (hi <= lo) {
            hi = lo + 1;
        }
        s.setYAxisMin(lo);
        s.setYAxisMax(hi);
        s.setYAxisTickLabelsFormattingFunction(Charts::decadeLabel);
    }

    /** The label of a tick at log10 value {@code e}: "" between decades, "0.01", "1", "100" near 1, else "1e-40". */
    public static String decadeLabel(Double e) {
        if (e == null || Math.abs(e - Math.rint(e)) > 1e-6) {
            return "";
        }
        long d = Math.round(e);
        if (d >= -3 && d <= 3) {
            return BigDecimal.ONE.scaleByPowerOfTen((int) d).toPlainString();
        }
        return "1e" + d;
    }

    private static Line drawablePart(Line line, boolean logY) {
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < line.x().length; i++) {
            double x = line.x()[i];
            double y = line.y()[i];
            if (!Double.isFinite(x) || !Double.isFinite(y) || (logY && y <= 0)) {
                continue;
            }
            double sd = line.sd() == null || logY || !Double.isFinite(line.sd()[i]) ? 0 : line.sd()[i];
            double low = y;
            double high = y;
            if (line.low() != null) { // a bound that cannot be drawn (not finite, or not positive on a log axis) is drawn at y
                low = Double.isFinite(line.low()[i]) && (!logY || line.low()[i] > 0) ? Math.min(y, line.low()[i]) : y;
                high = Double.isFinite(line.high()[i]) && (!logY || line.high()[i] > 0) ? Math.max(y, line.high()[i]) : y;
            }
            kept.add(logY ? new double[] {x, Math.log10(y), sd, Math.log10(low), Math.log10(high)} : new double[] {x, y, sd, low, high});
        }
        double[] x = kept.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = kept.stream().mapToDouble(p -> p[1]).toArray();
        double[] sd = line.sd() == null || logY ? null : kept.stream().mapToDouble(p -> p[2]).toArray();
        double[] low = line.low() == null ? null : kept.stream().mapToDouble(p -> p[3]).toArray();
        double[] high = line.low() == null ? null : kept.stream().mapToDouble(p -> p[4]).toArray();
        return new Line(line.name(), x, y, sd, low, high);
    }

    private static double[] bandX(double[] x) {
        double[] out = new double[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
            out[out.length - 1 - i] = x[i];
        }
        return out;
    }

    private static double[] rangeY(double[] low, double[] high, double min, double max) {
        double[] out = new double[2 * low.length];
        for (int i = 0; i < low.length; i++) {
            out[i] = Math.min(max, high[i]);
            out[out.length - 1 - i] = Math.max(min, low[i]);
        }
        return out;
    }

    private static double[] bandY(double[] y, double[] sd, double min, double max) {
        double[] out = new double[2 * y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = Math.min(max, y[i] + sd[i]);
            out[out.length - 1 - i] = Math.max(min, y[i] - sd[i]);
        }
        return out;
    }

    // ---------------------------------------------------------------- readability check

    /**
     * The tick labels XChart computed for a chart's axes, with their positions along the axis (pixels), read
     * after rendering the chart once in memory.
     *
     * @param category whether the axis is a category axis (its labels are names, one per category)
     */
    public record AxisLabels(String axis, List<String> labels, List<Double> positions, boolean category, double rotation) {
        /** The labels that are not blank. */
        public List<String> shown() {
            return labels.stream().filter(l -> l != null && !l.isBlank()).toList();
        }
    }

    /** Renders the chart and reads the tick labels of its x and y axis. */
    public static List<AxisLabels> axisLabels(Chart<?, ?> chart) {
        BitmapEncoder.getBufferedImage(chart);
        try {
            Object pair = invoke(chart, "getAxisPair");
            List<AxisLabels> out = new ArrayList<>();
            for (String axis : List.of("x", "y")) {
                Object a = invoke(pair, axis.equals("x") ? "getXAxis" : "getYAxis");
                Object calc = invoke(a, "getAxisTickCalculator");
                @SuppressWarnings("unchecked")
                List<String> labels = new ArrayList<>((List<String>) invoke(calc, "getTickLabels"));
                @SuppressWarnings("unchecked")
                List<Double> at = new ArrayList<>((List<Double>) invoke(calc, "getTickLocations"));
                AxesChartStyler styler = (AxesChartStyler) chart.getStyler();
                out.add(new AxisLabels(axis, labels, at, calc.getClass().getSimpleName().contains("Category"),
                        axis.equals("x") ? styler.getXAxisLabelRotation() : 0));
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the axes of " + chart.getClass().getSimpleName() + ": " + e, e);
        }
    }

    /**
     * What makes a chart hard to read at a glance, empty if nothing: a numeric axis with more than
     * {@value #MAX_LABELS} labels, or two labels of an axis that overlap.
     */
    public static List<String> readability(Chart<?, ?> chart) {
        List<String> problems = new ArrayList<>();
        int legend = chart.getStyler().isLegendVisible() ? LEGENDS.getOrDefault(chart, 0) : 0;
        if (chart.getTitle() != null && widthFor(chart.getTitle(), legend) > chart.getWidth()) {
            problems.add(String.format(Locale.ROOT, "the title '%s' (%.0f px) does not fit the chart's width %d beside a legend of %d "
                    + "px: it is clipped", chart.getTitle(), textWidth(chart.getTitle(), TITLE_FONT, 0), chart.getWidth(), legend));
        }
        Font font = ((AxesChartStyler) chart.getStyler()).getAxisTickLabelsFont();
        for (AxisLabels a : axisLabels(chart)) {
            List<String> shown = a.shown();
            if (!a.category() && shown.size() > MAX_LABELS) {
                problems.add(String.format(Locale.ROOT, "%s axis of '%s' has %d labels (at most %d): %s", a.axis(), chart.getTitle(),
                        shown.size(), MAX_LABELS, shown));
            }
            String previous = null;
            double previousAt = 0;
            for (int i = 0; i < a.labels().size(); i++) {
                String label = a.labels().get(i);
                if (label == null || label.isBlank()) {
                    continue;
                }
                double at = a.positions().get(i);
                if (previous != null) {
                    double need = a.axis().equals("x")
                            ? (textWidth(previous, font, a.rotation()) + textWidth(label, font, a.rotation())) / 2 + 2
                            : textHeight(font) + 1;
                    if (Math.abs(at - previousAt) < need) {
                        problems.add(String.format(Locale.ROOT, "%s axis of '%s': labels '%s' and '%s' overlap (%.0f px apart, need %.0f)",
                                a.axis(), chart.getTitle(), previous, label, Math.abs(at - previousAt), need));
                    }
                }
                previous = label;
                previousAt = at;
            }
        }
        return problems;
    }

    private static Object invoke(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) {
                    m.setAccessible(true);
                    return m.invoke(target);
                }
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

    /** The legend width each line chart was sized for ({@link #readability} checks its title against it). */
    private static final Map<Chart<?, ?>, Integer> LEGENDS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Space kept on each side of a chart's title. */
    private static final int TITLE_MARGIN = 20;

    /**
     * The width of a chart titled {@code title} with a legend of {@code legendWidth} px at its right: {@link #WIDTH}, or
     * wider where the title needs it (XChart draws a title on one line, centred over the plot, and clips it at the chart's
     * edges: a fresh-user trial's CV report read "dient reaching each step ...").
     */
    /** About the width of a y axis's title and tick labels, by which XChart shifts the plot (and its title) right. */
    private static final int Y_AXIS_ALLOWANCE = 80;

    static int widthFor(String title, int legendWidth) {
        // the title is centred over the plot, which the legend at its right pushes left and the y axis (its title and tick
        // labels, up to about 80 px) at its left pushes right: the title needs room for the larger of the two shifts (a bar
        // chart without a legend had its long title cut at the right edge, seen in the rendered pixels)
        return title == null ? WIDTH
                : Math.max(WIDTH, (int) Math.ceil(textWidth(title, TITLE_FONT, 0)) + Math.max(legendWidth, Y_AXIS_ALLOWANCE)
                        + 2 * TITLE_MARGIN);
    }

    /** About the width a legend of these series names takes at the chart's right (its marker, padding and longest name). */
    static int legendWidth(java.util.Collection<String> names) {
        return (int) Math.ceil(names.stream().mapToDouble(n -> textWidth(n, LEGEND_FONT, 0)).max().orElse(0)) + 60;
    }

    static double textWidth(String text, Font font, double rotationDegrees) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        TextLayout layout = new TextLayout(text, font, new FontRenderContext(null, true, false));
        AffineTransform rot = rotationDegrees == 0 ? null : AffineTransform.getRotateInstance(-Math.toRadians(rotationDegrees));
        Shape shape = layout.getOutline(rot);
        return shape.getBounds2D().getWidth();
    }

    private static double textHeight(Font font) {
        Rectangle2D r = new TextLayout("0", font, new FontRenderContext(null, true, false)).getBounds();
        return r.getHeight();
    }

    // ---------------------------------------------------------------- confusion grid

    /** Draws the confusion grid with Java2D (XChart's heat map cannot write a count and a share in a cell). */
    static final class ConfusionGrid {
        private static final Color[] RAMP = {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)};
        private static final Font CELL_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        private static final Font SHARE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        private static final String KEY = "colour = share of the row (each row sums to 100%)";
        /** The fill of a row whose class has no test examples. */
        static final Color EMPTY_ROW = new Color(0xE6E6E6);

        private ConfusionGrid() {
        }

        /**
         * What is written at the right of a row of {@code total} test counts summed over {@code seeds} seeds that each tested
         * the same sequences: {@code n = 122 (61 sequences x 2 seeds)}, where {@code n = 122} alone read as 122 sequences
         * (trial 77f F11: 61 'pre_swarm' days, counted once per seed); {@code n = 122} with one seed.
         */
        static String rowTotal(long total, int seeds) {
            if (total == 0) {
                return "n = 0, none";
            }
            return seeds > 1 && total % seeds == 0 ? String.format(Locale.ROOT, "n = %d (%d sequence%s x %d seeds)", total, total / seeds,
                    total / seeds == 1 ? "" : "s", seeds) : "n = " + total;
        }

        /**
         * Above this many classes the grid is a heat map without text in its cells, of cells of {@value #SMALL_CELL} pixels or
         * more: 120 classes drew 14,400 cells of 52 pixels, mostly "0 / 0%", an image of 6540 x 6393 pixels unreadable at the
         * size of a page (trial 81c F6); the counts are in the report's table of the same matrix.
         */
        static final int HEAT_MAP_CLASSES = 30;
        /** The smallest cell of a heat map of more than {@value #HEAT_MAP_CLASSES} classes, in pixels. */
        static final int SMALL_CELL = 12;
        /**
         * The heat map's key: its cells carry no text, so the grey ({@link #EMPTY_ROW}) of the rows of classes without test
         * sequences, which sum to nothing, is said here (review 81b R5: 16 of trial 81c's 120 rows).
         */
        static final String HEAT_KEY = "colour = share of the row (each row sums to 100%; white: none; grey rows: no test "
                + "sequences); the counts are in the report's table";

        static BufferedImage draw(String title, List<String> labels, long[][] counts, int seeds) {
            int k = labels.size();
            boolean heat = k > HEAT_MAP_CLASSES;
            int cell = heat ? Math.max(SMALL_CELL, Math.min(52, 1800 / k)) : Math.max(52, Math.min(110, 560 / Math.max(1, k)));
            Font tick = heat ? TICK_FONT.deriveFont((float) Math.min(13, cell - 3)) : TICK_FONT;
            Font totalFont = heat ? SHARE_FONT.deriveFont((float) Math.min(12, cell - 3)) : SHARE_FONT;
            String key = heat ? HEAT_KEY : KEY;
            double longest = 0;
            for (String l : labels) {
                longest = Math.max(longest, textWidth(l, tick, 0));
            }
            boolean rotate = longest > cell - 8;
            // a heat map's column labels stand upright: at 40 degrees labels 12 pixels apart overlap
            double angle = heat ? 90 : 40;
            double columnLabelHeight = rotate ? longest * Math.sin(Math.toRadians(angle)) + 20 : 22;
            int left = (int) Math.ceil(longest) + 44;
            int top = 48;
            int gridSize = cell * k;
            double widestTotal = 0;
            for (long[] row : counts) {
                widestTotal = Math.max(widestTotal, textWidth(rowTotal(java.util.Arrays.stream(row).sum(), seeds), totalFont, 0));
            }
            int right = Math.max(90, (int) Math.ceil(widestTotal) + 20);
            int bottom = (int) Math.ceil(columnLabelHeight) + 56;
            int width = Math.max(left + gridSize + right,
                    (int) Math.max(textWidth(title, TITLE_FONT, 0), textWidth(key, SHARE_FONT, 0)) + 40);
            int height = top + gridSize + bottom;
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
                g.setColor(TEXT);
                g.setFont(TITLE_FONT);
                centred(g, title, width / 2.0, 28);
                for (int t = 0; t < k; t++) {
                    long total = 0;
                    for (int p = 0; p < k; p++) {
                        total += counts[t][p];
                    }
                    for (int p = 0; p < k; p++) {
                        double share = total == 0 ? 0 : counts[t][p] / (double) total;
                        int x = left + p * cell;
                        int y = top + t * cell;
                        // a class without test examples has no shares: a grey row with dashes, not a row of 0%
                        g.setColor(total == 0 ? EMPTY_ROW : ramp(share));
                        g.fillRect(x, y, cell, cell);
                        g.setColor(Color.WHITE);
                        g.drawRect(x, y, cell, cell);
                        if (heat) {
                            continue;
                        }
                        g.setColor(share > 0.45 ? Color.WHITE : TEXT);
                        g.setFont(CELL_FONT);
                        centred(g, Long.toString(counts[t][p]), x + cell / 2.0, y + cell / 2.0 - 2);
                        g.setFont(SHARE_FONT);
                        centred(g, total == 0 ? "\u2013" : String.format(Locale.ROOT, "%.0f%%", 100 * share), x + cell / 2.0,
                                y + cell / 2.0 + 16);
                    }
                    g.setColor(new Color(0x666666));
                    g.setFont(totalFont);
                    g.drawString(rowTotal(total, seeds), left + gridSize + 8, (float) (top + t * cell + cell / 2.0 + (heat ? cell / 2.0 - 2 : 5)));
                    g.setColor(TEXT);
                    g.setFont(tick);
                    FontMetrics fm = g.getFontMetrics();
                    g.drawString(labels.get(t), left - 8 - fm.stringWidth(labels.get(t)), (float) (top + t * cell + cell / 2.0
                            + (heat ? cell / 2.0 - 2 : 5)));
                }
                g.setFont(tick);
                for (int p = 0; p < k; p++) {
                    double cx = left + p * cell + cell / 2.0;
                    double y = top + gridSize + 18;
                    if (rotate) {
                        AffineTransform saved = g.getTransform();
                        g.translate(heat ? cx - tick.getSize2D() / 3 : cx + 4, top + gridSize + 10);
                        g.rotate(Math.toRadians(angle));
                        g.drawString(labels.get(p), 0, 0);
                        g.setTransform(saved);
                    } else {
                        centred(g, labels.get(p), cx, y);
                    }
                }
                g.setFont(AXIS_TITLE_FONT);
                centred(g, "predicted class", left + gridSize / 2.0, top + gridSize + columnLabelHeight + 16);
                AffineTransform saved = g.getTransform();
                g.translate(18, top + gridSize / 2.0);
                g.rotate(-Math.PI / 2);
                centred(g, "true class", 0, 0);
                g.setTransform(saved);
                g.setFont(SHARE_FONT);
                g.setColor(new Color(0x666666));
                centred(g, key, width / 2.0, height - 14);
            } finally {
                g.dispose();
            }
            return img;
        }

        private static void centred(Graphics2D g, String text, double cx, double cy) {
            FontMetrics fm = g.getFontMetrics();
            g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0));
        }

        /** White (0) through mid blue to dark blue (1). */
        static Color ramp(double share) {
            double s = Math.max(0, Math.min(1, share)) * (RAMP.length - 1);
            int i = Math.min(RAMP.length - 2, (int) Math.floor(s));
            double f = s - i;
            Color a = RAMP[i];
            Color b = RAMP[i + 1];
            return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }
}
