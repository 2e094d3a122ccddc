package org.rnnlab.evaluation.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.core.AtomicFiles;

/** Small XChart helpers: the chart kinds rnnlab draws, written as PNG atomically. */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private Charts() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * A line chart, one series per entry: {@code {x[], y[]}}.
     *
     * @param logY logarithmic y axis (non-positive values are dropped from each series)
     */
    public static XYChart lines(String title, String xTitle, String yTitle, boolean logY, Map<String, double[][]> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[] x = e.getValue()[0];
            double[] y = e.getValue()[1];
            if (logY) {
                int n = 0;
                for (double v : y) {
                    if (v > 0 && Double.isFinite(v)) {
                        n++;
                    }
                }
                double[] xs = new double[n];
                double[] ys = new double[n];
                for (int i = 0, j = 0; i < y.length; i++) {
                    if (y[i] > 0 && Double.isFinite(y[i])) {
                        xs[j] = x[i];
                        ys[j++] = y[i];
                    }
                }
                x = xs;
                y = ys;
            }
            if (x.length > 0) {
                XYSeries s = chart.addSeries(e.getKey(), x, y);
                s.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    /** A bar chart of means with error bars, one bar per category. */
    public static CategoryChart bars(String title, String yTitle, List<String> categories, List<Double> means, List<Double> errors,
                                     double yMin, double yMax) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(yMin);
        chart.getStyler().setYAxisMax(yMax);
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(0.9);
        chart.getStyler().setDecimalPattern("0.000");
        chart.addSeries(yTitle, categories, means, errors);
        return chart;
    }

    /** A confusion matrix as a heat map: rows = actual, columns = predicted. */
    public static HeatMapChart confusion(String title, List<String> labels, long[][] counts) {
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(420, 90 * labels.size() + 220))
                .height(Math.max(380, 70 * labels.size() + 160)).title(title).xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
        List<Number[]> cells = new ArrayList<>();
        int k = labels.size();
        for (int actual = 0; actual < k; actual++) {
            for (int predicted = 0; predicted < k; predicted++) {
                // heat map rows grow upwards: put the first label at the top
                cells.add(new Number[] {predicted, k - 1 - actual, counts[actual][predicted]});
            }
        }
        List<String> reversed = new ArrayList<>(labels);
        Collections.reverse(reversed);
        chart.addSeries("confusion", labels, reversed, cells);
        return chart;
    }

    /** Writes a chart as PNG, atomically. */
    /**
     * Renders a small chart in memory once, so that AWT, fonts and the PNG encoder are initialised.
     * AWT registers shutdown hooks when it first starts, which fails once the JVM is shutting down: a
     * command that may have to write a report after Ctrl-C calls this first.
     */
    public static void prepare() {
        try {
            BitmapEncoder.getBitmapBytes(lines("", "x", "y", false, Map.of("s", new double[][] {{0, 1}, {0, 1}})),
                    BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot render charts: " + e.getMessage(), e);
        }
    }

    public static void writePng(Chart<?, ?> chart, Path file) throws IOException {
        AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
