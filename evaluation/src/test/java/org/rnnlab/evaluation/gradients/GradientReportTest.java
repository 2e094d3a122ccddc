package org.rnnlab.evaluation.gradients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.rnnlab.core.bptt.ClippingExperiment;
import org.rnnlab.core.bptt.SpectralSweep;
import org.rnnlab.evaluation.report.Charts;

/** The gradient report's charts read at a glance even when a curve falls over 46 decades or explodes. */
class GradientReportTest {

    private static List<GradientFlowRow> flow() {
        List<GradientFlowRow> rows = new ArrayList<>();
        for (String model : List.of("rnn-32", "lstm-32", "gru-32", "bilstm-32", "vanilla-bptt-32")) {
            double rate = model.startsWith("rnn") || model.startsWith("vanilla") ? 0.2 : 0.02;
            for (int d = 0; d < 64; d++) {
                rows.add(new GradientFlowRow(model, 63 - d, d, Math.pow(10, -rate * d)));
            }
        }
        return rows;
    }

    private static List<SpectralSweep.Row> sweep() {
        List<SpectralSweep.Row> rows = new ArrayList<>();
        for (double rho : new double[] {0.5, 0.9, 1.0, 1.1, 1.5}) {
            for (int d = 1; d <= 64; d++) {
                double v = Math.pow(Math.min(rho, 1.2), d) * (rho < 0.6 ? 1e-27 : 1); // 0.5: down to about 1e-46
                rows.add(new SpectralSweep.Row(rho, d, v, Math.pow(rho, d)));
            }
        }
        return rows;
    }

    private static List<ClippingExperiment.Row> clipping() {
        List<ClippingExperiment.Row> rows = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            rows.add(new ClippingExperiment.Row(1.0, s, 9000 * Math.pow(0.8, s) + 1.5, 1));
        }
        for (int s = 0; s < 5; s++) {
            rows.add(new ClippingExperiment.Row(Double.POSITIVE_INFINITY, s, s < 3 ? Math.pow(10, 40 * s + 4) : Double.NaN, 1));
        }
        return rows;
    }

    @Test
    void everyChartHasFewLabelsAndNoneOverlap() {
        Map<String, XYChart> charts = GradientReport.charts(flow(), sweep(), clipping());
        assertThat(charts).containsOnlyKeys(GradientReport.FLOW_PNG, GradientReport.SWEEP_PNG, GradientReport.CLIPPING_PNG);
        charts.forEach((png, chart) -> {
            assertThat(Charts.hasData(chart)).as(png).isTrue();
            assertThat(Charts.readability(chart)).as(png).isEmpty();
        });
        List<String> y = Charts.axisLabels(charts.get(GradientReport.SWEEP_PNG)).get(1).shown();
        assertThat(y).hasSizeBetween(2, 6).contains("1");
    }

    @Test
    void aModelWhoseBriefTrainingEndsNearTheLossOfGuessingIsNamedWithWhatToChange() {
        // a user's try: --trained ended every model at or above ln 2 (rnn 0.81, lstm 0.68, gru 0.69) without a word
        var c = new GradientStudy.Config(List.of(org.rnnlab.core.Architecture.parse("lstm")), 64, 32, 8, 32, List.of(0.9),
                org.rnnlab.core.bptt.RnnActivation.LINEAR, true, 50, 42, "random");
        List<Double> flat = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            flat.add(i < 45 ? 0.69 : 0.66); // a last minibatch below ln 2 is not learning: the last 10 are averaged
        }
        assertThat(GradientStudy.notLearned("lstm-32", flat, 2, c)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("lstm-32 has not learned the task: its training loss over the last 10 minibatches is 0.6750")
                .contains("loss of guessing (ln 2 = 0.6931)", "more --train-steps (50 now)", "--steps 64 now"));
        List<Double> learned = new ArrayList<>(flat.subList(0, 40));
        learned.addAll(java.util.Collections.nCopies(10, 0.3));
        assertThat(GradientStudy.notLearned("lstm-32", learned, 2, c)).isEmpty();
        assertThat(GradientStudy.notLearned("lstm-32", List.of(1.0), 3, c)).as("ln 3 = 1.10: 1.0 is not clearly below").isPresent();
    }

    @Test
    void theGuessingLineIsDashedAsThePageSays() {
        // a user's try: the page calls the loss of guessing "the dashed line", and clipping.png drew it solid
        XYChart chart = GradientReport.charts(flow(), sweep(), clipping()).get(GradientReport.CLIPPING_PNG);
        var guessing = chart.getSeries(GradientReport.GUESSING);
        assertThat(guessing).as("the guessing line").isNotNull();
        assertThat(guessing.getLineStyle().getDashArray()).as("its dashes").isNotNull().isNotEmpty();
        assertThat(chart.getSeries("clip 1.0").getLineStyle().getDashArray()).as("a loss line").isNull();
    }

    @Test
    void aChartWithNothingALogAxisCanShowIsNotWrittenAndThePageSaysSo(@TempDir Path dir) throws Exception {
        List<ClippingExperiment.Row> broken = List.of(new ClippingExperiment.Row(1.0, 0, Double.NaN, 1),
                new ClippingExperiment.Row(1.0, 1, 0, 1));
        GradientReport.ReportFiles files = GradientReport.write(dir, new GradientReport.About("test data", true, List.of()), flow(), sweep(), broken);
        assertThat(files.files()).contains(GradientReport.FLOW_PNG, GradientReport.SWEEP_PNG).doesNotContain(GradientReport.CLIPPING_PNG);
        assertThat(dir.resolve(GradientReport.CLIPPING_PNG)).doesNotExist();
        String html = Files.readString(dir.resolve(GradientReport.INDEX_HTML));
        assertThat(html).doesNotContain("src=\"" + GradientReport.CLIPPING_PNG + "\"").contains("No chart: none of its values");
    }

    @Test
    void theClippingTextNamesItsReluNetworkAndTheForwardBlowUp(@TempDir Path dir) throws Exception {
        // a lecturer's trial: the clipping experiment runs a ReLU RNN (ClippingExperiment.Config.defaults), whose forward state
        // has blown up before the first update (first loss 9710 for 2 classes); the page called that a "saturated start"
        GradientReport.write(dir, new GradientReport.About("test data", false, List.of()), flow(), sweep(), clipping());
        String html = Files.readString(dir.resolve(GradientReport.INDEX_HTML)).replaceAll("\\s+", " ");
        assertThat(ClippingExperiment.Config.defaults(42).activation()).isEqualTo(org.rnnlab.core.bptt.RnnActivation.RELU);
        assertThat(html).contains("here with ReLU units (with tanh the states are bounded")
                .contains("its forward state has already blown up before the first update").doesNotContain("saturated start");
    }

    @Test
    void theSweepsFindingsComeFromItsDataNotFromTheLinearCase() {
        // a fresh-user trial: with tanh or ReLU the page said the product "stays roughly level" at radius 1 while the data
        // fell by 3-4 decades; the sentence of this run now reads the data
        List<SpectralSweep.Row> rows = new ArrayList<>();
        for (int d = 0; d <= 23; d++) {
            rows.add(new SpectralSweep.Row(0.5, d, Math.pow(0.5, d), Math.pow(0.5, d)));
            rows.add(new SpectralSweep.Row(1.0, d, Math.pow(0.7, d), 1)); // tanh at radius 1: falls
            rows.add(new SpectralSweep.Row(2.0, d, Math.pow(1.3, d), Math.pow(2, d)));
            rows.add(new SpectralSweep.Row(1.1, d, 1 + 0.01 * d, Math.pow(1.1, d)));
        }
        assertThat(GradientReport.sweepFindings(rows)).isEqualTo("In this run: radius 0.5: 1.19e-07 at distance 23 (fell); "
                + "radius 1.0: 0.000274 at distance 23 (fell); radius 1.1: 1.23 at distance 23 (stayed within a factor of 2); "
                + "radius 2.0: 418 at distance 23 (grew).");
        assertThat(GradientReport.sweepFindings(List.of())).isEmpty();
    }

    @Test
    void aRadiusWhoseForwardStateOverflowedIsSaidToExplodeNotToFall() {
        // a user's try: ReLU at radius 50 over 400 steps; the forward state overflowed at step 197, the Jacobian product read
        // 0 (f'(NaN) taken as 0) and the page said "radius 50.0: 0 at distance 399 (fell)"; now its norms are NaN and the
        // row carries the step
        List<SpectralSweep.Row> rows = new ArrayList<>();
        for (int d = 0; d <= 399; d++) {
            rows.add(new SpectralSweep.Row(0.5, d, Math.pow(0.5, d), Math.pow(0.5, d)));
            double j = d == 0 ? 1 : Double.NaN;
            rows.add(new SpectralSweep.Row(50.0, d, j, Math.pow(72.45, d), Math.log10(j), d * Math.log10(72.45), 197));
            // linear units: the state overflowed too, but the product W_h^d is exact (log10 kept beyond the double range)
            rows.add(new SpectralSweep.Row(20.0, d, Math.pow(20, d), Math.pow(20, d), d * Math.log10(20), d * Math.log10(20), 236));
        }
        String findings = GradientReport.sweepFindings(rows);
        assertThat(findings).contains("radius 50.0: the forward state overflowed the double range at step 197: exploding (the "
                + "Jacobian product is not computable in doubles from there on: NaN in spectral-sweep.csv, not 0)")
                .contains("radius 20.0: 1.3e519 at distance 399 (grew").contains("and the forward state overflowed the double range at step 236")
                .contains("radius 0.5: ").doesNotContain("radius 50.0: 0 at").doesNotContain("(fell); radius 50");
        String terminal = GradientReport.sweepOverflowLines(rows);
        assertThat(terminal.lines()).containsExactly(
                "spectral sweep, radius 20.0: the forward state overflowed the double range at step 236: exploding",
                "spectral sweep, radius 50.0: the forward state overflowed the double range at step 197: exploding (the Jacobian "
                        + "product is not computable in doubles from there on: NaN in spectral-sweep.csv, not 0)");
        assertThat(GradientReport.sweepOverflowLines(rows.stream().filter(r -> r.spectralRadius() == 0.5).toList())).isEmpty();
    }

    @Test
    void thePageHasHeadingsInOrderCaptionedTablesWithScopedHeadersAndAltTextsWithTheNumbers(@TempDir Path dir) throws Exception {
        // the rows in gradient-flow.csv's order: by step, so distance T-1 first (the alt text still starts at distance 0)
        List<GradientFlowRow> byStep = flow().stream().sorted(java.util.Comparator.comparingInt(GradientFlowRow::t)).toList();
        GradientReport.write(dir, new GradientReport.About("test data", false, List.of("none: non-finite (exploded) after 3 steps")),
                byStep, sweep(), clipping());
        String html = Files.readString(dir.resolve(GradientReport.INDEX_HTML));
        // headings: one h1, then an h2 per study with an h3 for its chart, in this order
        java.util.regex.Matcher h = java.util.regex.Pattern.compile("<h([1-6])>([^<]*)</h\\1>").matcher(html);
        List<String> headings = new ArrayList<>();
        while (h.find()) {
            headings.add(h.group(1) + " " + h.group(2));
        }
        assertThat(headings).containsExactly("1 rnnlab gradients: gradient flow through time",
                "2 How much gradient reaches each input step", "3 Gradient reaching each input step",
                "2 The recurrent matrix and the activation decide: vanishing below 1, exploding above",
                "3 Jacobian product by spectral radius", "2 Gradient clipping keeps training stable",
                "3 Training loss with and without clipping");
        // the table: a caption, column headers scoped col, each row's first cell a row header
        assertThat(html).contains("<caption>Gradient norm ||dLoss/dx_t|| of each model at a few distances to the last step (geometric mean over the batch)</caption>",
                "<th scope=\"col\">model</th>", "<th scope=\"col\">distance 0</th>", "<th scope=\"col\">distance 15</th>",
                "<tr><th scope=\"row\">rnn-32</th><td>1.00</td><td>0.00100</td>", "<th scope=\"row\">vanilla-bptt-32</th>");
        assertThat(html.split("<table>", -1).length - 1).as("tables").isEqualTo(html.split("<caption>", -1).length - 1);
        assertThat(html).doesNotContain("<th>");
        // alt texts give each line's first and last point; the clipping chart's names the guessing line and the capped values
        assertThat(html).contains("alt=\"Line chart, log scale, of the geometric mean over the batch of the norm of the gradient", "rnn-32: 1.00 at distance 0, "
                + "2.51e-13 at distance 63; lstm-32: 1.00 at distance 0, 0.0550 at distance 63")
                .contains("rho = 0.5: 5.00e-28 at distance 1, 5.42e-47 at distance 64")
                .contains("a black dashed line at the loss of guessing, ln 2 = 0.693: clip 1.0: 9.00e+03 at step 0, 3.00 at step 39; "
                        + "clip none (2 above 1e+08 drawn at it) (2 NaN/negative not drawn): 1.00e+04 at step 0, 1.00e+08 at step 2");
        // figcaptions link the CSV of each chart
        for (String csv : List.of(GradientReport.FLOW_CSV, GradientReport.SWEEP_CSV, GradientReport.CLIPPING_CSV)) {
            assertThat(html).contains("The numbers: <a href=\"" + csv + "\">" + csv + "</a>.</figcaption>");
        }
    }

    /**
     * The chart, both tables and the page's reading show the geometric mean over the batch with a band from the lowest to the
     * highest sequence, as compare averages its seeds: a trial found the arithmetic mean at distance 63 set by one or two of
     * 32 sequences (3.2e-13 against a geometric mean of 5.7e-14).
     */
    @Test
    void theFlowIsTheGeometricMeanOverTheBatchWithItsRange() throws Exception {
        List<GradientFlowRow> rows = new ArrayList<>();
        for (int d = 0; d < 4; d++) { // arithmetic mean 10^-d, geometric 10^-(2d), examples from 10^-(3d) to 10^-d
            rows.add(new GradientFlowRow("rnn-8", 3 - d, d, Math.pow(10, -d), Math.pow(10, -2 * d), Math.pow(10, -3 * d),
                    Math.pow(10, -d)));
        }
        XYChart chart = GradientReport.charts(rows, sweep(), clipping()).get(GradientReport.FLOW_PNG);
        assertThat(chart.getTitle()).contains("geometric mean over the batch", "shaded: lowest to highest");
        double[] y = chart.getSeries("rnn-8").getYData(); // log10, as Charts draws a log axis
        assertThat(y[y.length - 1]).as("the line at distance 3 is the geometric mean").isCloseTo(-6, org.assertj.core.api.Assertions.within(1e-9));
        double[] band = chart.getSeries("rnn-8 range").getYData(); // along the highest sequence, then back along the lowest
        assertThat(band[3]).isCloseTo(-3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(band[band.length - 1 - 3]).isCloseTo(-9, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(GradientReport.terminalTable(rows)).contains("geometric mean over the batch", "1.000e+00", "1.000e-06", "1.000e+06")
                .doesNotContain("1.000e-03");
        assertThat(GradientReport.flowTable(rows)).contains("<td>1.00e-06 (3)</td>");
        assertThat(GradientReport.flowFindings(rows, false)).contains("falls 6.0 decades");
        Path dir = Files.createTempDirectory("flow");
        GradientReport.write(dir, new GradientReport.About("s", false, List.of()), rows, sweep(), clipping());
        assertThat(Files.readAllLines(dir.resolve(GradientReport.FLOW_CSV))).first()
                .isEqualTo("model,t,distance,grad_norm,grad_norm_geomean,grad_norm_min,grad_norm_max");
        assertThat(Files.readString(dir.resolve(GradientReport.INDEX_HTML))).contains("the geometric mean over the batch",
                "the shaded band from the lowest sequence");
    }

    @Test
    void linesDifferByMarkerAndDashAsWellAsColour() {
        // with few points each line has its palette marker; with any number of points its palette dash
        List<ClippingExperiment.Row> short_ = new ArrayList<>();
        for (String clip : List.of("1.0", "5.0")) {
            for (int s = 0; s < 10; s++) {
                short_.add(new ClippingExperiment.Row(Double.parseDouble(clip), s, 2.0 / (s + 1), 1));
            }
        }
        XYChart chart = GradientReport.charts(flow(), sweep(), short_).get(GradientReport.CLIPPING_PNG);
        var a = chart.getSeries("clip 1.0");
        var b = chart.getSeries("clip 5.0");
        assertThat(a.getMarker()).isNotNull().isNotEqualTo(b.getMarker());
        assertThat(a.getLineStyle().getDashArray()).isNull();
        assertThat(b.getLineStyle().getDashArray()).isNotNull();
        assertThat(a.getLineColor()).isNotEqualTo(b.getLineColor());
        var guessing = chart.getSeries(GradientReport.GUESSING);
        assertThat(guessing.getLineColor()).as("the guessing line is near-black").isEqualTo(GradientReport.GUESSING_INK);
        XYChart flowChart = GradientReport.charts(flow(), sweep(), clipping()).get(GradientReport.FLOW_PNG);
        assertThat(flowChart.getSeries("lstm-32").getLineStyle().getDashArray()).as("the second model's dash").isNotNull();
    }
}
