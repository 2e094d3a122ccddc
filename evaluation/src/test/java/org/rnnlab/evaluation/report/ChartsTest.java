package org.rnnlab.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The chart style: few readable labels, whole-number and decade ticks, one colour per name, bands, the grid. */
class ChartsTest {

    private static double[] range(int from, int to) {
        double[] x = new double[to - from + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = from + i;
        }
        return x;
    }

    private static Charts.AxisLabels axis(XYChart chart, String name) {
        return Charts.axisLabels(chart).stream().filter(a -> a.axis().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void barsWriteEveryValueWithOnePrecisionAndDrawALabelledBaseline() {
        // an audit: "0.48" beside "0.631", and no line for the majority-class baseline a bar must rise above
        Palette palette = Palette.of(List.of("rnn", "gru"));
        CategoryChart bars = Charts.bars("acc", "test accuracy", palette, List.of("rnn", "gru"), List.of(0.48, 0.631), List.of(0.01, 0.02),
                0, 1.0, new Charts.ReferenceLine(0.6, "majority-class baseline 0.600"));
        java.util.function.Function<Double, String> format = bars.getStyler().getYAxisTickLabelsFormattingFunction();
        assertThat(format.apply(0.48)).isEqualTo("0.480");
        assertThat(format.apply(0.631)).isEqualTo("0.631");
        assertThat(format.apply(0.2)).as("an axis tick").isEqualTo("0.2");
        assertThat(Charts.referenceLine(bars)).isEqualTo(new Charts.ReferenceLine(0.6, "majority-class baseline 0.600"));
        assertThat(Charts.readability(bars)).isEmpty();
        // the dashed line is drawn: near-black pixels across the plot at y = 0.6 (between the bars too)
        BufferedImage image = org.knowm.xchart.BitmapEncoder.getBufferedImage(bars);
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            int row = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                row += c.getRed() < 40 && c.getGreen() < 40 && c.getBlue() < 40 ? 1 : 0;
            }
            dark = Math.max(dark, row);
        }
        assertThat(dark).as("longest row of near-black pixels").isGreaterThan(image.getWidth() / 3);
        // the values are written away from the line: not at half the bars' height when that is where the line runs
        assertThat(Charts.labelPosition(List.of(0.837, 0.999, 0.996), 0.507, 1.0)).isEqualTo(0.3);
        assertThat(Charts.labelPosition(List.of(0.48, 0.631), 0.6, 1.0)).isEqualTo(0.5);
        assertThat(Charts.referenceLine(Charts.bars("acc", "a", palette, List.of("rnn"), List.of(0.5), List.of(0.0), 0, 1))).isNull();
    }

    @Test
    void aLongTitleWidensTheChartInsteadOfBeingClipped() {
        // a fresh-user trial: the CV report's gradient chart read "dient reaching each step after training, relative to the
        // last step (mean over seeds and folds)", its title cut at both sides
        String title = "Gradient reaching each step after training, relative to the last step (mean over seeds and folds)";
        XYChart chart = Charts.lines(title, "steps before the last", "relative norm", true,
                Map.of("lstm", new double[][] {{0, 1, 2}, {1, 0.5, 0.25}}));
        assertThat(chart.getWidth()).isGreaterThan(Charts.WIDTH);
        assertThat(Charts.readability(chart)).isEmpty();
        CategoryChart bars = Charts.bars(title, "test accuracy", Palette.of(List.of("lstm")), List.of("lstm"), List.of(0.5),
                List.of(0.1), 0, 1.0);
        assertThat(Charts.readability(bars)).isEmpty();
        XYChart shortTitle = Charts.lines("sweep", "d", "norm", true, Map.of("a", new double[][] {{0, 1}, {1, 0.5}}));
        assertThat(shortTitle.getWidth()).isEqualTo(Charts.WIDTH);
        // the rendered title keeps a margin at both edges (readability() judges by the width the chart was given, so the
        // pixels are the check that the title is not cut: a clipped title has ink in the image's first and last columns)
        for (org.knowm.xchart.internal.chartpart.Chart<?, ?> c : List.of(chart, bars)) {
            java.awt.image.BufferedImage image = org.knowm.xchart.BitmapEncoder.getBufferedImage(c);
            int background = image.getRGB(0, image.getHeight() - 1);
            int first = image.getWidth();
            int last = -1;
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if (image.getRGB(x, y) != background) {
                        first = Math.min(first, x);
                        last = Math.max(last, x);
                    }
                }
            }
            assertThat(last).as("title ink in the top band").isGreaterThan(first);
            assertThat(first).as("the title's first column").isGreaterThanOrEqualTo(3);
            assertThat(last).as("the title's last column").isLessThan(image.getWidth() - 3);
        }
    }

    @Test
    void aLogAxisOverFortySixDecadesIsLabelledAtAFewDecades() {
        double[] x = range(0, 63);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.pow(10, -46.0 * i / 63);
        }
        XYChart chart = Charts.lines("sweep", "distance d", "norm", true, Map.of("rho = 0.5", new double[][] {x, y}));
        List<String> shown = axis(chart, "y").shown();
        assertThat(shown).hasSizeBetween(2, 6).allSatisfy(l -> assertThat(l).matches("1e-\\d+|0\\.0*1|1"));
        assertThat(shown).contains("1");
        assertThat(axis(chart, "x").shown()).hasSizeBetween(3, Charts.MAX_LABELS).allSatisfy(l -> assertThat(l).matches("\\d+"));
        assertThat(Charts.readability(chart)).isEmpty();
    }

    @Test
    void narrowAndWideLogRangesStayReadable() {
        for (double decades : new double[] {0.3, 1, 2.5, 7, 13, 15, 22, 46, 160}) {
            double[] x = range(1, 40);
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = 3 * Math.pow(10, -decades * i / 39);
            }
            XYChart chart = Charts.lines("log " + decades, "step", "loss", true, Map.of("a", new double[][] {x, y}));
            assertThat(Charts.readability(chart)).as("%s decades", decades).isEmpty();
            assertThat(axis(chart, "y").shown()).as("%s decades", decades).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void wholeNumberAxesGetWholeNumberTicksOnlyAndFewOfThem() {
        for (int n : new int[] {1, 2, 3, 5, 6, 10, 17, 25, 40, 64, 100, 200, 1000}) {
            double[] x = range(1, n);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = 0.5 + 0.4 * Math.sin(i / 5.0);
            }
            XYChart chart = Charts.lines("epochs " + n, "epoch", "accuracy", false, Map.of("gru", new double[][] {x, y}));
            List<String> shown = axis(chart, "x").shown();
            assertThat(shown).as("%d epochs", n).isNotEmpty().allSatisfy(l -> assertThat(l).matches("\\d+"));
            assertThat(shown).as("%d epochs", n).doesNotHaveDuplicates().doesNotContain("0");
            assertThat(Charts.readability(chart)).as("%d epochs", n).isEmpty();
        }
    }

    @Test
    void bandsSitBehindTheirLineInItsColourAndTheLegendHasOneEntryPerLine() {
        Palette palette = Palette.of(List.of("rnn", "gru"));
        double[] x = range(1, 12);
        double[] y = new double[12];
        double[] sd = new double[12];
        java.util.Arrays.fill(y, 0.7);
        java.util.Arrays.fill(sd, 0.05);
        XYChart chart = Charts.lines("t", "distance", "accuracy", false, palette,
                List.of(new Charts.Line("rnn", x, y, sd), new Charts.Line("gru", x, y.clone(), sd)));
        List<XYSeries> series = new ArrayList<>(chart.getSeriesCollection());
        assertThat(series).hasSize(4);
        assertThat(series.subList(0, 2)).allSatisfy(s -> {
            assertThat(s.isShowInLegend()).isFalse();
            assertThat(s.getXYSeriesRenderStyle()).contains(XYSeries.XYSeriesRenderStyle.PolygonArea);
        });
        assertThat(series.subList(2, 4)).extracting(XYSeries::getName).containsExactly("rnn", "gru");
        assertThat(series.get(2).getLineColor()).isEqualTo(palette.color("rnn"));
        Color band = series.get(0).getFillColor();
        assertThat(new Color(band.getRed(), band.getGreen(), band.getBlue())).isEqualTo(palette.color("rnn"));
        assertThat(band.getAlpha()).isLessThan(128);
        assertThat(Charts.readability(chart)).isEmpty();
    }

    @Test
    void aNameKeepsItsColourAcrossChartsAndDistinctNamesDiffer() {
        Palette palette = Palette.of(List.of("rnn", "lstm", "gru", "bilstm"));
        assertThat(List.of("rnn", "lstm", "gru", "bilstm").stream().map(palette::color).distinct()).hasSize(4);
        palette.alias("lstm-arch", "lstm");
        assertThat(palette.color("lstm-arch")).isEqualTo(palette.color("lstm"));
        assertThat(palette.color("a new name")).isNotIn(List.of("rnn", "lstm", "gru", "bilstm").stream().map(palette::color).toList());
        CategoryChart bars = Charts.bars("acc", "accuracy", palette, List.of("rnn", "lstm", "gru", "bilstm"),
                List.of(0.5, 0.9, 0.95, 0.97), List.of(0.01, 0.02, 0.01, 0.0), 0.4, 1.0);
        XYChart lines = Charts.lines("by distance", "distance", "accuracy", false, palette,
                List.of(Charts.Line.of("gru", range(1, 3), new double[] {1, 1, 1}), Charts.Line.of("rnn", range(1, 3), new double[] {1, 1, 1})));
        assertThat(bars.getSeries("gru").getFillColor()).isEqualTo(palette.color("gru"));
        assertThat(lines.getSeries("gru").getLineColor()).isEqualTo(palette.color("gru"));
        assertThat(lines.getSeries("rnn").getLineColor()).isEqualTo(bars.getSeries("rnn").getFillColor());
        assertThat(Charts.readability(bars)).isEmpty();
        // long configuration names: the labels are turned so that they do not run into each other
        List<String> names = List.of("rnn clip=l2:0.5", "lstm clip=l2:0.5", "gru clip=l2:0.5", "bilstm clip=l2:0.5", "rnn clip=none",
                "lstm clip=none", "gru clip=none", "bilstm clip=none");
        List<Double> means = names.stream().map(n -> 0.8).toList();
        CategoryChart many = Charts.bars("acc", "accuracy", Palette.of(names), names, means, means, 0, 1);
        assertThat(Charts.readability(many)).isEmpty();
        assertThat(Charts.axisLabels(many).get(0).shown()).as("every bar is labelled").hasSize(names.size());
    }

    @Test
    void aChartWithoutDrawablePointsHasNoData() {
        double[] nan = {Double.NaN, Double.NaN};
        XYChart chart = Charts.lines("t", "epoch", "validation accuracy", false, Map.of("rnn", new double[][] {{1, 2}, nan}));
        assertThat(Charts.hasData(chart)).isFalse();
        XYChart log = Charts.lines("t", "d", "norm", true, Map.of("rnn", new double[][] {{1, 2}, {0, -1}}));
        assertThat(Charts.hasData(log)).isFalse();
    }

    @Test
    void confusionCellsAreColouredByTheirShareOfTheRow() throws Exception {
        // class a has 100 examples, class b 10: both 90% right, so both diagonal cells get the same colour
        BufferedImage img = Charts.confusionGrid("rnn", List.of("a", "b"), new long[][] {{90, 10}, {1, 9}});
        assertThat(img.getWidth()).isGreaterThan(200);
        assertThat(img.getHeight()).isGreaterThan(200);
        int same = Charts.ConfusionGrid.ramp(0.9).getRGB();
        int[] diagonal = findCells(img, same);
        assertThat(diagonal[0]).as("pixels in the colour of 90%").isGreaterThan(2 * 40 * 40);
        assertThat(Charts.ConfusionGrid.ramp(0).getRGB()).isNotEqualTo(Charts.ConfusionGrid.ramp(1).getRGB());
        // a class without test examples: its row is grey (no shares), not the white of 0%
        BufferedImage empty = Charts.confusionGrid("rnn", List.of("a", "b"), new long[][] {{9, 1}, {0, 0}});
        assertThat(findCells(empty, Charts.ConfusionGrid.EMPTY_ROW.getRGB())[0]).as("grey pixels").isGreaterThan(2 * 40 * 40);
        assertThat(findCells(img, Charts.ConfusionGrid.EMPTY_ROW.getRGB())[0]).as("grey pixels with every class present (antialiased text only)").isLessThan(40 * 40);
        // many classes with long names: still drawn, labels turned
        List<String> labels = List.of("WALKING", "WALKING_UPSTAIRS", "WALKING_DOWNSTAIRS", "SITTING", "STANDING", "LAYING");
        long[][] counts = new long[6][6];
        for (int i = 0; i < 6; i++) {
            counts[i][i] = 100 + i;
            counts[i][(i + 1) % 6] = 7;
        }
        BufferedImage har = Charts.confusionGrid("lstm", labels, counts);
        assertThat(har.getWidth()).isGreaterThan(6 * 52);
        // kept for a look: target/report-examples/confusion-six-classes.png
        Path examples = Files.createDirectories(Path.of("target", "report-examples"));
        Charts.writePng(har, examples.resolve("confusion-six-classes.png"));
        // the heat map for notebooks: the same row shares, in percent
        org.knowm.xchart.HeatMapChart heat = Charts.confusion("lstm", labels, counts);
        assertThat(heat.getHeatMapSeries().getHeatData()).hasSize(36);
        Number[] first = heat.getHeatMapSeries().getHeatData().get(0);
        assertThat(first[2].longValue()).isEqualTo(Math.round(100.0 * 100 / 107));
        assertThat(Charts.axisLabels(heat)).allSatisfy(a -> assertThat(a.shown()).as(a.axis()).hasSize(6));
        Charts.writePng(heat, examples.resolve("confusion-heat-map-six-classes.png"));
    }

    @Test
    void aWhiskerStopsAtTheEndOfTheAxisAndIsDrawnAtItsBarsCentre() throws Exception {
        // trial 77f F5: rnn's accuracy 0.978 +- 0.031 over 2 seeds had its whisker drawn to 1.009, above the possible maximum
        Palette palette = Palette.of(List.of("rnn", "lstm", "gru"));
        CategoryChart bars = Charts.bars("Test accuracy", "test accuracy", palette, List.of("rnn", "lstm", "gru"),
                List.of(0.978, 0.5, 0.944), List.of(0.031, 0.1, 0.0), 0, 1.0);
        List<double[]> whiskers = Charts.whiskers(bars);
        assertThat(whiskers).hasSize(3);
        assertThat(whiskers.get(0)).containsExactly(new double[] {0.978 - 0.031, 1.0}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(whiskers.get(1)).containsExactly(new double[] {0.4, 0.6}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(whiskers.get(2)).as("an sd of 0: no whisker").isNull();
        BufferedImage image = org.knowm.xchart.BitmapEncoder.getBufferedImage(bars);
        Path examples = Files.createDirectories(Path.of("target", "report-examples"));
        Charts.writePng(bars, examples.resolve("accuracy-whiskers.png"));
        // rnn's bar: its columns of fill colour; its top (0.978) and bottom (0) give the y of 1.0
        int fill = palette.color("rnn").getRGB();
        int left = Integer.MAX_VALUE;
        int right = -1;
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (image.getRGB(x, y) == fill) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        assertThat(right - left).as("rnn's bar found").isGreaterThan(50);
        int centre = (left + right) / 2;
        double yOfOne = bottom - (bottom - top) / 0.978;
        int highest = Integer.MAX_VALUE;
        for (int x = centre - 2; x <= centre + 2; x++) {
            for (int y = 0; y < top; y++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() < 90 && c.getGreen() < 90 && c.getBlue() < 90) {
                    highest = Math.min(highest, y);
                }
            }
        }
        assertThat(highest).as("a whisker above rnn's bar, at its centre").isLessThan(top);
        assertThat((double) highest).as("it stops at 1.0").isGreaterThanOrEqualTo(yOfOne - 1.5);
    }

    @Test
    void aConfusionRowSummedOverSeedsSaysHowManySequencesItCounts() {
        // trial 77f F11: "n = 122" for 61 'pre_swarm' days tested once per seed, 2 seeds
        assertThat(Charts.ConfusionGrid.rowTotal(122, 2)).isEqualTo("n = 122 (61 sequences x 2 seeds)");
        assertThat(Charts.ConfusionGrid.rowTotal(122, 1)).isEqualTo("n = 122");
        assertThat(Charts.ConfusionGrid.rowTotal(0, 2)).isEqualTo("n = 0, none");
        long[][] counts = {{380, 9}, {30, 92}};
        BufferedImage plain = Charts.confusionGrid("lstm: test counts summed over 10 runs", List.of("healthy", "pre_swarm"), counts);
        BufferedImage seeds = Charts.confusionGrid("lstm: test counts summed over 10 runs", List.of("healthy", "pre_swarm"), counts, 2);
        assertThat(seeds.getWidth()).as("room for the longer row totals").isGreaterThan(plain.getWidth());
    }

    @Test
    void aConfusionGridOfManyClassesIsAHeatMapWithoutTextInItsCellsThatFitsAPage() throws Exception {
        // trial 81c F6: 120 classes drew a 6540 x 6393 px image of 14,400 cells, mostly "0 / 0%", and "1 sequences"
        assertThat(Charts.ConfusionGrid.rowTotal(3, 3)).isEqualTo("n = 3 (1 sequence x 3 seeds)");
        int k = 120;
        List<String> labels = java.util.stream.IntStream.range(0, k).mapToObj(i -> String.format(Locale.ROOT, "spk%03d", i)).toList();
        long[][] counts = new long[k][k];
        for (int c = 0; c < 104; c++) {
            counts[c][c] = 3;
        }
        BufferedImage img = Charts.confusionGrid("gru: test counts summed over 3 runs", labels, counts, 3);
        assertThat(img.getWidth()).as("width").isBetween(k * Charts.ConfusionGrid.SMALL_CELL, 2600);
        assertThat(img.getHeight()).as("height").isBetween(k * Charts.ConfusionGrid.SMALL_CELL, 2600);
        // the first pixel of the diagonal's colour is inside cell (0, 0); its run along the row gives the cell's size
        int full = Charts.ConfusionGrid.ramp(1).getRGB();
        int x0 = -1;
        int y0 = -1;
        for (int y = 0; y < img.getHeight() && x0 < 0; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) == full) {
                    x0 = x;
                    y0 = y;
                    break;
                }
            }
        }
        assertThat(x0).as("a cell of 100%").isNotNegative();
        int cell = 0;
        while (img.getRGB(x0 + cell, y0) == full) {
            cell++;
        }
        cell++; // the white border
        assertThat(cell).as("cell size").isBetween(Charts.ConfusionGrid.SMALL_CELL, 30);
        // review 81b R5: the 16 rows without test sequences are grey, and the key (no dashes in the cells) says what grey is
        assertThat(Charts.ConfusionGrid.HEAT_KEY).contains("white: none; grey rows: no test sequences");
        assertThat(img.getRGB(x0 + 3 * cell, y0 + 110 * cell + 2)).as("a row without test sequences")
                .isEqualTo(Charts.ConfusionGrid.EMPTY_ROW.getRGB());
        // a cell of 0 is blank: every pixel inside it the colour of 0%, no "0" nor "0%"
        int zero = Charts.ConfusionGrid.ramp(0).getRGB();
        for (int[] at : new int[][] {{1, 5}, {50, 7}, {103, 0}}) {
            for (int dy = 0; dy < cell - 1; dy++) {
                for (int dx = 0; dx < cell - 1; dx++) {
                    assertThat(img.getRGB(x0 + at[1] * cell + dx, y0 + at[0] * cell + dy)).as("cell %s pixel %d,%d", java.util.Arrays.toString(at), dx, dy)
                            .isEqualTo(zero);
                }
            }
        }
        // kept for a look: target/report-examples/confusion-120-classes.png
        Charts.writePng(img, Files.createDirectories(Path.of("target", "report-examples")).resolve("confusion-120-classes.png"));
    }

    @Test
    void unequallySpacedWholeNumbersAsTheRungsOfSuccessiveHalving() {
        for (double[] x : new double[][] {{1, 3, 9}, {1, 3, 9, 27}, {2, 6, 18, 54, 162}, {1, 2}}) {
            double[] y = new double[x.length];
            java.util.Arrays.fill(y, 0.8);
            XYChart chart = Charts.lines("rungs", "epochs trained (rung)", "validation accuracy", false, Map.of("lstm", new double[][] {x, y}));
            assertThat(axis(chart, "x").shown()).as(java.util.Arrays.toString(x)).isNotEmpty()
                    .allSatisfy(l -> assertThat(l).matches("\\d+")).doesNotHaveDuplicates();
            assertThat(Charts.readability(chart)).as(java.util.Arrays.toString(x)).isEmpty();
        }
    }

    private static int[] findCells(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) == rgb) {
                    n++;
                }
            }
        }
        return new int[] {n};
    }

    @Test
    void namesTheChartsFontCannotDrawAreFound() {
        // a private-use character no font draws stands for a script this machine has no font for
        assertThat(Charts.undrawable(List.of("walk", "Ärger", "\uE000x"))).containsExactly("\uE000x");
    }

    @Test
    void decadeLabelsArePlainNearOneAndScientificFarFromIt() {
        assertThat(Charts.decadeLabel(0.0)).isEqualTo("1");
        assertThat(Charts.decadeLabel(-2.0)).isEqualTo("0.01");
        assertThat(Charts.decadeLabel(3.0)).isEqualTo("1000");
        assertThat(Charts.decadeLabel(-40.0)).isEqualTo("1e-40");
        assertThat(Charts.decadeLabel(-0.5)).isEmpty();
    }
}
