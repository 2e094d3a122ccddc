package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.datasets.TagBands;
import org.rnnlab.evaluation.metrics.BucketAccuracy;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.report.Charts;
import org.rnnlab.evaluation.report.ComparisonReport;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.TrainingConfig;

/**
 * Charts of a comparison with bands (a user's reading of the default report: the attractors chart pooled the models of
 * every band, so the far band's chance level, where alone 3 attractors fit, read as an attractor effect; and the distance
 * chart joined the last distance of one band's models to the first of the next band's).
 */
class BandChartsTest {

    private static RunResult run(String configuration, long seed, String band, int[] distances, double distanceAccuracy,
                                 double[] byAttractors) {
        List<BucketAccuracy> buckets = new ArrayList<>();
        for (int d : distances) {
            buckets.add(new BucketAccuracy("distance", d, 10, distanceAccuracy));
        }
        for (int a = 0; a < byAttractors.length; a++) {
            buckets.add(new BucketAccuracy("attractors", a, 10, byAttractors[a]));
        }
        return new RunResult(configuration, configuration, "none", seed,
                Evaluator.fromConfusion(List.of("a", "b"), new long[][] {{5, 5}, {5, 5}}, buckets, 0.1), 1, 1, 100, 10, null,
                List.of(new EpochStats(1, 0.6, 0.9, 1, 100)), List.of(), null, null, band);
    }

    private static ComparisonResult result(UpdaterKind updater, String clips) {
        TagBands bands = TagBands.parse("distance:1-2,3-4");
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn,lstm"), ClipSetting.parseList(clips),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)).withUpdater(updater, 0.01), TrainingConfig.defaults(), 2, 1, 16)
                .withBands(bands);
        List<RunResult> runs = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            for (String c : List.of("rnn", "lstm")) {
                runs.add(run(c, seed, "distance 1-2", new int[] {1, 2}, 1.0, new double[] {1.0, 0.98}));
                runs.add(run(c, seed, "distance 3-4", new int[] {3, 4}, c.equals("rnn") ? 0.5 : 0.99, new double[] {0.5, 0.5, 0.52}));
            }
        }
        List<Aggregate> aggregates = List.of(Aggregate.of(runs.stream().filter(r -> r.configuration().equals("rnn")).toList()),
                Aggregate.of(runs.stream().filter(r -> r.configuration().equals("lstm")).toList()));
        return new ComparisonResult("agreement", List.of("a", "b"), null, config, runs, aggregates, 1);
    }

    private static List<XYSeries> lines(Chart<?, ?> chart) {
        return ((XYChart) chart).getSeriesCollection().stream().filter(s -> !s.getName().endsWith(" ± sd")).toList();
    }

    @Test
    void anotherTagIsDrawnWithinEachBandAndTheBandsTagBandByBand() {
        ComparisonResult r = result(UpdaterKind.ADAM, "none");
        Map<String, Chart<?, ?>> charts = ComparisonReport.charts(r);

        Chart<?, ?> attractors = charts.get("accuracy-by-attractors.png");
        assertThat(attractors.getTitle()).isEqualTo("Test accuracy by attractors within each band of distance (mean ± sd over seeds)");
        assertThat(lines(attractors)).extracting(XYSeries::getName).containsExactly("rnn, distance 1-2", "rnn, distance 3-4",
                "lstm, distance 1-2", "lstm, distance 3-4");
        // the far band's line holds the far band's values only: 0.5 at 0 attractors, not the pooled 0.75
        XYSeries far = lines(attractors).get(1);
        assertThat(far.getYData()[0]).isEqualTo(0.5);
        assertThat(far.getXData()).hasSize(3);
        // a configuration keeps its colour in both bands, told apart by the dash
        assertThat(lines(attractors).get(0).getLineColor()).isEqualTo(lines(attractors).get(1).getLineColor());
        assertThat(lines(attractors).get(0).getLineStyle()).isNotEqualTo(lines(attractors).get(1).getLineStyle());

        Chart<?, ?> distance = charts.get("accuracy-by-distance.png");
        List<XYSeries> segments = lines(distance);
        assertThat(segments).hasSize(4); // a segment per configuration and band: no line from distance 2 to 3
        assertThat(segments).allSatisfy(s -> assertThat(s.getXData()).hasSize(2));
        assertThat(segments.stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName)).containsExactly("rnn", "lstm");
        charts.forEach((png, chart) -> assertThat(Charts.readability(chart)).as(png).isEmpty());

        // the numbers behind the charts, per run, for tables of one's own
        List<String> csv = ComparisonFiles.bucketsCsv(r).lines().toList();
        assertThat(csv.get(0)).isEqualTo(ComparisonFiles.BUCKETS_HEADER);
        assertThat(csv).contains("rnn,1,,distance 3-4,distance,3,10,0.5", "lstm,2,,distance 3-4,attractors,2,10,0.52");
        assertThat(csv).hasSize(1 + 8 * 2 + 8 * 3 - 4); // 8 runs: 2 distances each, 2 attractor values near and 3 far
    }

    @Test
    void clippingUnderAnAdaptiveUpdaterIsExplained() {
        // a user compared none against l2:0.001 under Adam: clipped in every update, and the same losses to 4 digits
        ComparisonResult adam = withShares(result(UpdaterKind.ADAM, "none,l2:0.001"));
        assertThat(ComparisonFiles.adaptiveUpdaterNote(adam)).hasValueSatisfying(n -> assertThat(n).startsWith("the updater is adam")
                .contains("--updater sgd"));
        assertThat(ComparisonFiles.table(adam)).contains("(the updater is adam");
        assertThat(ComparisonFiles.adaptiveUpdaterNote(withShares(result(UpdaterKind.SGD, "none,l2:0.001")))).isEmpty();
        assertThat(ComparisonFiles.adaptiveUpdaterNote(result(UpdaterKind.ADAM, "none"))).isEmpty(); // no clip threshold
    }

    /** The result with every run's epochs marked as wholly clipped. */
    private static ComparisonResult withShares(ComparisonResult r) {
        List<RunResult> runs = r.runs().stream().map(x -> new RunResult(x.configuration() + " clip=l2:0.001", x.architecture(), "l2:0.001",
                x.seed(), x.test(), 1, 1, 100, 10, null, List.of(new EpochStats(1, 0.6, 0.9, 1, 100, 1.0)), List.of(), null,
                null, x.band())).toList();
        List<RunResult> all = new ArrayList<>(r.runs());
        all.addAll(runs);
        List<Aggregate> aggregates = new ArrayList<>(r.aggregates());
        aggregates.add(Aggregate.of(runs.stream().filter(x -> x.architecture().equals("rnn")).toList()));
        return new ComparisonResult(r.dataset(), r.labelNames(), null, r.config(), all, aggregates, 1);
    }
}
