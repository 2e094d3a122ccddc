package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.report.Charts;
import org.rnnlab.evaluation.report.ComparisonReport;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.TrainingConfig;

/** Every chart of a real (tiny) comparison report reads at a glance; runs without validation data get a loss chart. */
class ReportChartsTest {
    private static ComparisonResult result;

    @BeforeAll
    static void compare() {
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn,gru"), ClipSetting.parseList("none,l2:0.5"),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)), TrainingConfig.defaults().withEpochs(3).withBatchSize(16), 2, 1, 16);
        result = Comparison.run(config, ComparisonTest.tiny(), new InputGradientProbe(), new Comparison.Listener() {
        });
    }

    @Test
    void everyChartHasFewLabelsPerAxisAndNoneOverlap() {
        Map<String, Chart<?, ?>> charts = ComparisonReport.charts(result);
        assertThat(charts).containsKeys("accuracy.png", "accuracy-by-distance.png", "learning-curves.png", "gradient-flow.png");
        charts.forEach((png, chart) -> {
            assertThat(Charts.hasData(chart)).as(png).isTrue();
            assertThat(Charts.readability(chart)).as(png).isEmpty();
        });
        // mean ± sd bands: one hidden band per configuration behind the lines, one legend entry per configuration
        for (String png : List.of("accuracy-by-distance.png", "learning-curves.png")) {
            long legend = charts.get(png).getSeriesCollection().stream().filter(s -> s.isShowInLegend()).count();
            assertThat(legend).as(png).isEqualTo(result.aggregates().size());
            assertThat(charts.get(png).getSeriesCollection()).as(png).hasSize(2 * result.aggregates().size());
        }
        assertThat(charts.get("learning-curves.png").getTitle()).startsWith("Validation accuracy");
        // bars start at 0, so that their lengths compare as their values do (a raised baseline did not)
        org.knowm.xchart.CategoryChart bars = (org.knowm.xchart.CategoryChart) charts.get("accuracy.png");
        assertThat(bars.getStyler().getYAxisMin()).isEqualTo(0.0);
        assertThat(bars.getTitle()).isEqualTo("Test accuracy (mean ± sd over seeds)");
    }

    @Test
    void withOneRunPerConfigurationTheGradientChartClaimsNoMeanOrBand() {
        // a trial's --seeds 1 chart was titled "(geometric mean over seeds, shaded: lowest to highest)" over one run, no band
        long first = result.runs().get(0).seed();
        ComparisonResult one = new ComparisonResult(result.dataset(), result.labelNames(), result.data(), result.config(),
                result.runs().stream().filter(r -> r.seed() == first).toList(), result.aggregates(), result.seconds(), result.tuning(),
                result.baseline(), result.foldGroups(), result.foldUntrainedClasses());
        org.knowm.xchart.XYChart chart = (org.knowm.xchart.XYChart) ComparisonReport.charts(one).get("gradient-flow.png");
        assertThat(chart.getTitle()).startsWith("Gradient reaching each step after training").doesNotContain("geometric mean", "shaded");
        assertThat(chart.getSeriesCollection()).extracting(org.knowm.xchart.XYSeries::getName).contains("rnn");
    }

    @Test
    void theGradientChartDrawsTheGeometricMeanOverSeedsWithTheirRange() {
        // a lecturer's trial: the chart drew the arithmetic mean of per-seed ratios on a log axis (the rnn at distance 13:
        // 7.0e-4 from seeds at 1.8e-5, 5.0e-4 and 1.6e-3, one seed's value over 3), with no spread shown
        assertThat(result.config().bands()).as("the tiny comparison has no bands: every run is drawn").isNull();
        org.knowm.xchart.XYChart chart = (org.knowm.xchart.XYChart) ComparisonReport.charts(result).get("gradient-flow.png");
        assertThat(chart.getTitle()).contains("geometric mean over seeds", "shaded: lowest to highest");
        boolean differsFromArithmetic = false;
        for (Aggregate a : result.aggregates()) {
            java.util.TreeMap<Integer, List<Double>> ratios = new java.util.TreeMap<>();
            for (RunResult r : result.runsOf(a.configuration())) {
                for (int d = 0; d < r.gradientNorms().size(); d++) {
                    ratios.computeIfAbsent(d, x -> new ArrayList<>()).add(r.gradientNorms().get(d) / r.gradientNorms().get(0));
                }
            }
            Map<String, org.knowm.xchart.XYSeries> series = new java.util.HashMap<>();
            chart.getSeriesCollection().forEach(s -> series.put(s.getName(), s));
            org.knowm.xchart.XYSeries line = series.get(a.configuration());
            org.knowm.xchart.XYSeries band = series.get(a.configuration() + " range");
            assertThat(band).as(a.configuration() + ": its band").isNotNull();
            assertThat(band.isShowInLegend()).isFalse();
            double[] xs = line.getXData();
            double[] ys = line.getYData();
            assertThat(xs).as(a.configuration() + ": every distance").hasSize(ratios.size());
            for (int i = 0; i < xs.length; i++) {
                List<Double> v = ratios.get((int) xs[i]);
                assertThat(v).as(a.configuration() + ": the seeds").hasSize(2);
                double geometric = Math.log10(Math.exp(v.stream().mapToDouble(Math::log).average().orElseThrow()));
                double arithmetic = Math.log10(v.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
                assertThat(ys[i]).as(a.configuration() + " at distance " + xs[i] + " (log10)").isCloseTo(geometric, within(1e-9));
                differsFromArithmetic |= Math.abs(geometric - arithmetic) > 1e-6;
                // the band: the polygon runs along the highest seed, then back along the lowest
                double[] by = band.getYData();
                assertThat(by[i]).isCloseTo(Math.log10(java.util.Collections.max(v)), within(1e-9));
                assertThat(by[by.length - 1 - i]).isCloseTo(Math.log10(java.util.Collections.min(v)), within(1e-9));
            }
        }
        assertThat(differsFromArithmetic).as("seeds whose ratios differ, so that the two means differ").isTrue();
    }

    @Test
    void everyLineHasItsConfigurationsMarkerAndDashInEveryChart() {
        // an audit: lines told apart by colour only; in grayscale rnn, gru and bigru were nearly the same grey
        Map<String, Chart<?, ?>> charts = ComparisonReport.charts(result);
        Map<String, org.knowm.xchart.style.markers.Marker> markers = new java.util.HashMap<>();
        Map<String, java.awt.BasicStroke> strokes = new java.util.HashMap<>();
        for (String png : List.of("accuracy-by-distance.png", "learning-curves.png", "gradient-flow.png")) {
            List<org.knowm.xchart.XYSeries> lines = charts.get(png).getSeriesCollection().stream().map(s -> (org.knowm.xchart.XYSeries) s)
                    .filter(s -> s.isShowInLegend()).toList();
            assertThat(lines).as(png).hasSize(result.aggregates().size());
            assertThat(lines.stream().map(s -> s.getMarker().getClass())).as(png + ": a marker shape per line").doesNotHaveDuplicates();
            assertThat(lines.stream().map(s -> java.util.Arrays.toString(s.getLineStyle().getDashArray())))
                    .as(png + ": a dash per line (4 configurations, 4 patterns)").doesNotHaveDuplicates();
            for (org.knowm.xchart.XYSeries s : lines) {
                // the same in every chart
                assertThat(markers.computeIfAbsent(s.getName(), n -> s.getMarker())).as(png + " " + s.getName()).isSameAs(s.getMarker());
                assertThat(strokes.computeIfAbsent(s.getName(), n -> s.getLineStyle())).as(png + " " + s.getName())
                        .isEqualTo(s.getLineStyle());
            }
        }
    }

    @Test
    void theReportReadsWithAScreenReader(@TempDir Path dir) throws Exception {
        // an audit with a colleague who uses a screen reader: headings, table captions and header scopes, alt texts that carry
        // each chart's message, the numbers of a chart linked where the page does not hold them
        for (String f : List.of("results.json", "results.csv", "config.json", "provenance.json")) {
            Files.writeString(dir.resolve(f), "{}");
        }
        Files.writeString(dir.resolve(ComparisonFiles.BUCKETS_CSV), "");
        ComparisonReport.write(result, Provenance.capture(List.of("rnnlab", "compare"), "tiny", "x", List.of(1L, 2L)), dir);
        String html = Files.readString(dir.resolve("index.html"));
        // headings in order, no level skipped
        java.util.regex.Matcher h = java.util.regex.Pattern.compile("<h([1-6])>([^<]*)</h").matcher(html);
        List<String> headings = new ArrayList<>();
        int level = 0;
        while (h.find()) {
            int l = Integer.parseInt(h.group(1));
            assertThat(l).as("heading '" + h.group(2) + "' after a level " + level).isLessThanOrEqualTo(level + 1);
            level = l;
            headings.add(l + " " + h.group(2));
        }
        assertThat(headings).containsSubsequence("2 Results", "3 Recall and F1 by class", "2 Which differences are reliable",
                "2 Charts", "3 Test accuracy", "3 Test accuracy by distance", "3 Learning curves", "3 Gradient flow",
                "2 Confusion matrices", "3 " + result.aggregates().get(0).configuration(), "2 How this run was made");
        // every table has a caption; every header cell a scope; every row starts with a row header
        assertThat(html.split("<table>\n<caption>", -1).length).isEqualTo(html.split("<table>", -1).length);
        assertThat(html).doesNotContain("<th>").doesNotContain("<tr><td>").doesNotContain(" title=");
        assertThat(html).contains("<th scope=\"col\">test sequences per run</th>")
                .contains("<p>* run MiB: the largest JVM heap (after collections) plus ND4J off-heap memory");
        // alt texts: the accuracy chart's values and baseline, each configuration's line, the confusion counts' table
        java.util.regex.Matcher alt = java.util.regex.Pattern.compile("<img src=\"([^\"]+)\" alt=\"([^\"]*)\"").matcher(html);
        Map<String, String> alts = new java.util.HashMap<>();
        while (alt.find()) {
            alts.put(alt.group(1), alt.group(2));
        }
        assertThat(alts.values()).allSatisfy(a -> assertThat(a).hasSizeGreaterThan(40));
        for (Aggregate a : result.aggregates()) {
            assertThat(alts.get("accuracy.png")).contains(a.configuration() + " " + String.format(java.util.Locale.ROOT, "%.3f",
                    a.mean(org.rnnlab.evaluation.metrics.Metric.ACCURACY)));
            assertThat(alts.get("learning-curves.png")).contains(a.configuration() + ": ");
        }
        if (result.baseline() != null) {
            assertThat(alts.get("accuracy.png")).contains(String.format(java.util.Locale.ROOT, "majority-class baseline %.3f",
                    result.baseline().accuracy()));
        }
        assertThat(alts).anySatisfy((png, a) -> assertThat(png).startsWith("confusion-1-"));
        alts.forEach((png, a) -> {
            if (png.startsWith("confusion-")) {
                assertThat(a).contains("summed over 2 runs").contains("The same counts are in the table below it");
            }
        });
        assertThat(html).contains("<caption>Confusion matrix of " + result.aggregates().get(0).configuration() + " (test counts summed over 2 runs");
        // the numbers of charts the page does not hold: linked
        assertThat(html).contains("The numbers: <a href=\"results.json\">results.json</a>.")
                .contains("The numbers: <a href=\"accuracy-by-tag.csv\">accuracy-by-tag.csv</a>.");
        ReportLinks.assertAllLocalLinksExist(dir.resolve("index.html"));
        // the confusion grid's own title says what it sums
        assertThat(ComparisonReport.confusionTitle("gru", 60)).isEqualTo("gru: test counts summed over 60 runs");
    }

    @Test
    void theLearningCurvesShowTheScoreThatChoseTheKeptEpoch(@TempDir Path dir) throws Exception {
        // an audit: the curves showed validation accuracy while the caption said the epoch kept had the highest macro-F1
        ComparisonConfig c = result.config();
        ComparisonConfig byF1 = new ComparisonConfig(c.architectures(), c.clips(), c.base(),
                c.training().withSelection(org.rnnlab.training.EpochSelection.MACRO_F1), c.seeds(), c.firstSeed(), c.probeExamples(),
                c.crossValidation(), c.tuning(), c.bands());
        ComparisonResult f1 = new ComparisonResult(result.dataset(), result.labelNames(), result.data(), byF1, result.runs(),
                result.aggregates(), result.seconds());
        org.knowm.xchart.XYChart curves = (org.knowm.xchart.XYChart) ComparisonReport.charts(f1).get("learning-curves.png");
        assertThat(curves.getTitle()).startsWith("Validation macro-F1 per epoch");
        assertThat(curves.getYAxisTitle()).isEqualTo("validation macro-F1 (selects the kept epoch)");
        // the plotted means are those of the runs' macro-F1 at each epoch
        RunResult first = result.runsOf(result.aggregates().get(0).configuration()).get(0);
        double f1Epoch1 = result.runsOf(result.aggregates().get(0).configuration()).stream()
                .mapToDouble(r -> r.history().get(0).validationMacroF1()).average().orElseThrow();
        assertThat(curves.getSeriesCollection().stream().filter(s -> s.getName().equals(result.aggregates().get(0).configuration()))
                .findFirst().orElseThrow().getYData()[0]).isCloseTo(f1Epoch1,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.history().get(0).validationMacroF1()).isNotNull();
        ComparisonReport.write(f1, Provenance.capture(List.of("rnnlab", "compare"), "tiny", "x", List.of(1L, 2L)), dir);
        assertThat(Files.readString(dir.resolve("index.html"))).contains("the highest validation macro-F1: the score plotted here");
        // by accuracy (the default): accuracy plotted, and said
        assertThat(((org.knowm.xchart.XYChart) ComparisonReport.charts(result).get("learning-curves.png")).getYAxisTitle())
                .isEqualTo("validation accuracy (selects the kept epoch)");
    }

    @Test
    void theGradientChartSaysWhatABidirectionalCurveIsAndWhatItDoesNotDraw(@TempDir Path dir) throws Exception {
        // trial 76c F2: bigru's curve stayed near 1 out to distance 394 and was read as memory across the dive, where the
        // backward direction reads the first step last; and gru's alt text said "0.00 at distance 394", a point not drawn
        List<RunResult> runs = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        for (String configuration : List.of("gru", "bigru")) {
            List<RunResult> of = new ArrayList<>();
            for (RunResult r : result.runsOf(result.aggregates().get(0).configuration())) {
                List<Double> norms = configuration.equals("gru") ? List.of(1.0, 1e-3, 1e-20, 0.0) : List.of(1.0, 1.2, 2.0, 2.6);
                of.add(new RunResult(configuration, configuration, "none", r.seed(), r.test(), r.bestEpoch(), r.trainSeconds(),
                        r.samplesPerSecond(), r.parameters(), r.runMemoryMb(), r.history(), norms, null, r.evaluatedOn()));
            }
            runs.addAll(of);
            aggregates.add(Aggregate.of(of));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,bigru"), ClipSetting.parseList("none"),
                result.config().base(), result.config().training(), 2, 1, 16);
        ComparisonResult both = new ComparisonResult(result.dataset(), result.labelNames(), result.data(), config, runs, aggregates,
                result.seconds());
        ComparisonReport.write(both, Provenance.capture(List.of("rnnlab", "compare"), "tiny", "x", List.of(1L, 2L)), dir);
        String html = Files.readString(dir.resolve("index.html"));
        java.util.regex.Matcher alt = java.util.regex.Pattern.compile("<img src=\"gradient-flow.png\" alt=\"([^\"]*)\"").matcher(html);
        assertThat(alt.find()).isTrue();
        assertThat(unescape(alt.group(1))).contains("gru: 1.00 at distance 0, last drawn 1.00e-20 at distance 2, below float range (not drawn) "
                        + "at distance 3").doesNotContain("0.00 at distance")
                .contains("For bigru (bidirectional), the backward direction reads the first step last")
                .contains("its curve is flat (or rising) toward the start by construction, not evidence of memory across the sequence");
        int figure = html.indexOf("gradient-flow.png");
        assertThat(unescape(html.substring(figure, html.indexOf("</figcaption>", figure)))).contains("For bigru (bidirectional), the backward "
                + "direction reads the first step last");
        // one-directional cells alone: no such note
        ComparisonResult one = new ComparisonResult(result.dataset(), result.labelNames(), result.data(), result.config(), result.runs(),
                result.aggregates(), result.seconds());
        assertThat(ComparisonReport.backwardNote(one)).isEmpty();
    }

    @Test
    void aPoolingHeadsGradientChartDividesByTheLargestStepAndNamesWhatItDoesNotDraw(@TempDir Path dir) throws Exception {
        // trial 77a F3: with --head max the gradient at the last step was exactly 0 in 5 of 6 runs, the chart divided by it,
        // and rnn and gru vanished from gradient-flow.png without a word
        List<RunResult> runs = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        Map<String, List<Double>> norms = Map.of("rnn", List.of(0.0, 2e-3, 4e-3, 1e-3), "lstm", List.of(1e-4, 1e-3, 2e-3, 5e-3),
                "gru", List.of(0.0, 0.0, 0.0, 0.0));
        for (String configuration : List.of("rnn", "lstm", "gru")) {
            List<RunResult> of = new ArrayList<>();
            for (RunResult r : result.runsOf(result.aggregates().get(0).configuration())) {
                of.add(new RunResult(configuration, configuration, "none", r.seed(), r.test(), r.bestEpoch(), r.trainSeconds(),
                        r.samplesPerSecond(), r.parameters(), r.runMemoryMb(), r.history(), norms.get(configuration), null,
                        r.evaluatedOn()));
            }
            runs.addAll(of);
            aggregates.add(Aggregate.of(of));
        }
        ComparisonResult max = withHead(runs, aggregates, org.rnnlab.core.SequenceHead.MAX);
        org.knowm.xchart.XYChart chart = (org.knowm.xchart.XYChart) ComparisonReport.charts(max).get("gradient-flow.png");
        Map<String, org.knowm.xchart.XYSeries> series = new java.util.HashMap<>();
        chart.getSeriesCollection().forEach(s -> series.put(s.getName(), s));
        assertThat(chart.getTitle()).contains("relative to each run's largest");
        assertThat(chart.getYAxisTitle()).contains("largest");
        // rnn drawn, each point its norm over the largest (4e-3): 0 at the last step is not drawn, the rest is
        assertThat(series.get("rnn").getXData()).containsExactly(1.0, 2.0, 3.0);
        assertThat(series.get("rnn").getYData()).containsExactly(new double[] {Math.log10(0.5), 0, Math.log10(0.25)}, within(1e-9));
        // trial 77f F1: every max-head run peaked at the first step (the state's start-up), and divided by it the rest sat
        // far below; lstm's largest is its first step's (5e-3, distance 3), left out of what its run is divided by (2e-3)
        assertThat(series.get("lstm").getYData()[0]).isCloseTo(Math.log10(1e-4 / 2e-3), within(1e-9));
        assertThat(series.get("lstm").getYData()[3]).as("the first step, drawn above 1").isCloseTo(Math.log10(2.5), within(1e-9));
        assertThat(series.get("gru") == null || series.get("gru").getXData().length == 0).as("gru: nothing to draw").isTrue();
        assertThat(ComparisonReport.gradientNotDrawn(max)).hasValueSatisfying(n -> assertThat(n)
                .contains("Not drawn in the gradient-flow chart: gru (the gradient was 0 at every step in every run)")
                .doesNotContain("rnn").doesNotContain("lstm"));
        ComparisonReport.write(max, Provenance.capture(List.of("rnnlab", "compare"), "tiny", "x", List.of(1L, 2L)), dir);
        String html = unescape(Files.readString(dir.resolve("index.html")));
        int figure = html.indexOf("gradient-flow.png");
        assertThat(html.substring(figure, html.indexOf("</figcaption>", figure)))
                .contains("divided by each run's largest value at any distance but the first step's", "The max head reads every step")
                .contains("A peak at the first steps of the sequence", "is the start-up of the state", "it is not where the event is")
                .contains("Not drawn in the gradient-flow chart: gru");

        // the last head keeps its chart: relative to the last step, and rnn, 0 there, is named as not drawn
        ComparisonResult last = withHead(runs, aggregates, org.rnnlab.core.SequenceHead.LAST);
        org.knowm.xchart.XYChart lastChart = (org.knowm.xchart.XYChart) ComparisonReport.charts(last).get("gradient-flow.png");
        assertThat(lastChart.getYAxisTitle()).isEqualTo("||dLoss/dx_t|| / ||dLoss/dx_last|| (log)");
        assertThat(lastChart.getTitle()).contains("relative to the last step");
        assertThat(ComparisonReport.gradientNotDrawn(last)).hasValueSatisfying(n -> assertThat(n)
                .contains("rnn, gru (the gradient at the last step was 0").doesNotContain("lstm"));
    }

    @Test
    void theConfusionChartOfSeveralSeedsSaysTheSequencesAreCountedOncePerSeed(@TempDir Path dir) throws Exception {
        // trial 77f F11: the confusion chart's "n = 122" of 61 sequences tested by 2 seeds read as 122 sequences
        ComparisonReport.write(result, Provenance.capture(List.of("rnnlab", "compare"), "tiny", "x", List.of(1L, 2L)), dir);
        String html = unescape(Files.readString(dir.resolve("index.html")));
        String configuration = result.aggregates().get(0).configuration();
        long total = 0;
        for (RunResult r : result.runsOf(configuration)) {
            total += java.util.Arrays.stream(r.test().confusion()).flatMapToLong(java.util.Arrays::stream).sum();
        }
        assertThat(result.config().seeds()).isEqualTo(2);
        assertThat(html).contains("Confusion matrix of " + configuration + ", test counts summed over 2 runs: ")
                .contains(" of " + total + " test predictions (" + total / 2 + " sequences x 2 seeds) on the diagonal");
        // trial 77f F5: accuracy.png's whiskers are cut at 0 and 1, and the caption says so
        assertThat(html).contains("the whisker one standard deviation either side of it, cut at 0 and 1");
    }

    /** The runs, aggregated, of a comparison whose models read {@code head}. */
    private static ComparisonResult withHead(List<RunResult> runs, List<Aggregate> aggregates, org.rnnlab.core.SequenceHead head) {
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn,lstm,gru"), ClipSetting.parseList("none"),
                result.config().base().withHead(head), result.config().training(), 2, 1, 16);
        return new ComparisonResult(result.dataset(), result.labelNames(), result.data(), config, runs, aggregates, result.seconds());
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Test
    void runsWithoutValidationDataShowTheTrainingLossInstead(@TempDir Path dir) throws Exception {
        List<RunResult> runs = new ArrayList<>();
        for (RunResult r : result.runs()) {
            List<EpochStats> history = r.history().stream()
                    .map(e -> new EpochStats(e.epoch(), e.trainLoss(), Double.NaN, e.seconds(), e.samplesPerSecond())).toList();
            runs.add(new RunResult(r.configuration(), r.architecture(), r.clip(), r.seed(), r.test(), r.bestEpoch(), r.trainSeconds(),
                    r.samplesPerSecond(), r.parameters(), r.runMemoryMb(), history, r.gradientNorms(), r.fold(), r.evaluatedOn()));
        }
        ComparisonResult noValidation = new ComparisonResult(result.dataset(), result.labelNames(), result.data(), result.config(), runs,
                result.aggregates(), result.seconds());
        Chart<?, ?> curves = ComparisonReport.charts(noValidation).get("learning-curves.png");
        assertThat(Charts.hasData(curves)).isTrue();
        assertThat(curves.getTitle()).contains("Training loss");
        assertThat(Charts.readability(curves)).isEmpty();

        List<String> written = ComparisonReport.write(noValidation,
                Provenance.capture(List.of("rnnlab", "compare"), "tiny", "x", List.of(1L, 2L)), dir);
        assertThat(written).contains("learning-curves.png");
        assertThat(Files.readString(dir.resolve("index.html"))).contains("had no validation data");
        // kept for a look: target/report-examples/learning-curves-without-validation.png
        Path examples = Files.createDirectories(Path.of("target", "report-examples"));
        Files.copy(dir.resolve("learning-curves.png"), examples.resolve("learning-curves-without-validation.png"),
                StandardCopyOption.REPLACE_EXISTING);

        // no history at all: no learning-curve chart, and the page says so
        List<RunResult> bare = runs.stream().map(r -> new RunResult(r.configuration(), r.architecture(), r.clip(), r.seed(), r.test(),
                r.bestEpoch(), r.trainSeconds(), r.samplesPerSecond(), r.parameters(), r.runMemoryMb(), List.of(), List.of(), r.fold(),
                r.evaluatedOn())).toList();
        Path empty = Files.createDirectories(dir.resolve("bare"));
        List<String> bareFiles = ComparisonReport.write(new ComparisonResult(result.dataset(), result.labelNames(), result.data(),
                result.config(), bare, result.aggregates(), result.seconds()), Provenance.capture(List.of("rnnlab"), "tiny", "x",
                List.of(1L)), empty);
        assertThat(bareFiles).doesNotContain("learning-curves.png", "gradient-flow.png").contains("accuracy.png");
        assertThat(Files.readString(empty.resolve("index.html"))).contains("No learning curves chart");
        for (String f : bareFiles) {
            if (f.endsWith(".png")) {
                assertThat(ImageIO.read(empty.resolve(f).toFile())).as(f).isNotNull();
            }
        }
    }
}
