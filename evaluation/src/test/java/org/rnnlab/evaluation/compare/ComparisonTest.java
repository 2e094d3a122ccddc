package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.evaluation.report.ComparisonReport;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.TrainingConfig;

class ComparisonTest {

    @Test
    void oneRunHasNoSpreadPrintedSeveralHaveTheirs() {
        // one seed printed "0.8125 +- 0.0000", as if runs had agreed exactly
        String one = ComparisonFiles.meanSd(new Aggregate.Stats(0.8125, null, 0.8125, 0.8125), 1);
        assertThat(one).isEqualTo("  0.8125          ").doesNotContain("+-");
        String three = ComparisonFiles.meanSd(new Aggregate.Stats(0.8125, 0.0312, 0.78, 0.84), 3);
        assertThat(three).isEqualTo("  0.8125 +- 0.0312").hasSize(one.length());
    }

    @Test
    void oneSeedsSdIsNullInJsonAndEmptyInCsv(@TempDir Path dir) throws Exception {
        // --seeds 1 wrote "sd": 0.0 and recall_sd/f1_sd 0.0, while the table and report rightly print no ±
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(3)), TrainingConfig.defaults().withEpochs(1).withBatchSize(16), 1, 100, 0);
        ComparisonResult result = Comparison.run(config, tiny(), null, new Comparison.Listener() {
        });
        assertThat(result.aggregates()).singleElement().satisfies(a -> assertThat(a.metrics().get(Metric.ACCURACY).sd()).isNull());
        ComparisonFiles.write(result, dir);
        JsonNode metrics = Json.mapper().readTree(dir.resolve("results.json").toFile()).get("aggregates").get(0).get("metrics");
        for (Metric m : Metric.values()) {
            if (m == Metric.TOP_3_ACCURACY || m == Metric.TOP_5_ACCURACY) { // measured for more than 10 classes only: absent here
                assertThat(metrics.has(m.name())).as(m.name() + " of 2 classes").isFalse();
                continue;
            }
            assertThat(metrics.get(m.name()).has("sd")).as(m.name()).isTrue();
            assertThat(metrics.get(m.name()).get("sd").isNull()).as(m.name()).isTrue();
            assertThat(metrics.get(m.name()).get("mean").isNumber()).isTrue();
        }
        List<String> perClass = Files.readAllLines(dir.resolve("per-class.csv"));
        List<String> header = List.of(perClass.get(0).split(","));
        assertThat(perClass).hasSize(3); // neg and pos
        for (String row : perClass.subList(1, perClass.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells[header.indexOf("recall_sd")]).as(row).isEmpty();
            assertThat(cells[header.indexOf("f1_sd")]).as(row).isEmpty();
            assertThat(cells[header.indexOf("recall_mean")]).as(row).isNotEmpty();
        }
        // the readers: the table, the report and its charts take the undefined sd (no ±, no whisker)
        assertThat(ComparisonFiles.table(result)).doesNotContain("+-");
        ComparisonReport.write(result, Provenance.capture(List.of("rnnlab", "compare"), "tiny", "x", List.of(100L)), dir);
        assertThat(Files.readString(dir.resolve("index.html"))).doesNotContain("0.0000 ±");
    }

    static SequenceDataset tiny() {
        Random r = new Random(11);
        List<Sequence> all = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            int label = r.nextInt(2);
            float[][] v = new float[4 + r.nextInt(3)][1];
            v[0][0] = label == 1 ? 1 : -1;
            for (int t = 1; t < v.length; t++) {
                v[t][0] = (float) (0.2 * r.nextGaussian());
            }
            all.add(new Sequence(v, label, Map.of("distance", v.length - 1)));
        }
        return new InMemorySequenceDataset("tiny", InputDescription.dense(List.of("x"), 6), List.of("neg", "pos"),
                new SequenceSet(all.subList(0, 64)), new SequenceSet(all.subList(64, 80)), new SequenceSet(all.subList(80, 96)),
                new DatasetProvenance("tiny", "generated", Map.of(), List.of(), 11));
    }

    @Test
    void aRunsPartOfTheDataReachesTheListenerThroughForwarders() {
        // a Spark trial's --cv printed "[1/12] gru seed 1: submitted" once per fold, and the folds' start times overwrote each other
        assertThat(Comparison.part(1, null)).isEqualTo(" fold 1");
        assertThat(Comparison.part(null, "distance 1-4")).isEqualTo(", distance 1-4");
        assertThat(Comparison.part(null, null)).isEmpty();
        List<String> seen = new ArrayList<>();
        Comparison.Listener recording = new Comparison.Listener() {
            @Override
            public void onRunStart(int index, int total, String configuration, long seed, String part) {
                seen.add(configuration + " seed " + seed + part);
            }
        };
        new Comparison.ForwardingListener(new Comparison.ForwardingListener(recording)).onRunStart(0, 3, "gru", 1, " fold 2");
        assertThat(seen).containsExactly("gru seed 1 fold 2");
        // a listener of the four-argument form still hears of every run
        List<String> old = new ArrayList<>();
        new Comparison.ForwardingListener(new Comparison.Listener() {
            @Override
            public void onRunStart(int index, int total, String configuration, long seed) {
                old.add(configuration);
            }
        }).onRunStart(0, 3, "gru", 1, " fold 2");
        assertThat(old).containsExactly("gru");
    }

    @Test
    void everyConfigurationAndSeedRunsAndAggregatesMatchTheRows(@TempDir Path dir) throws Exception {
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn,lstm"),
                ClipSetting.parseList("none,l2:0.5"), ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(2).withBatchSize(16), 2, 100, 0);
        List<String> started = new ArrayList<>();
        ComparisonResult result = Comparison.run(config, tiny(), null, new Comparison.Listener() {
            @Override
            public void onRunStart(int index, int total, String configuration, long seed) {
                started.add(index + "/" + total + " " + configuration + " " + seed);
            }
        });
        assertThat(started).containsExactly("0/8 rnn 100", "1/8 rnn 101", "2/8 rnn clip=l2:0.5 100", "3/8 rnn clip=l2:0.5 101",
                "4/8 lstm 100", "5/8 lstm 101", "6/8 lstm clip=l2:0.5 100", "7/8 lstm clip=l2:0.5 101");
        assertThat(result.aggregates()).extracting(Aggregate::configuration)
                .containsExactly("rnn", "rnn clip=l2:0.5", "lstm", "lstm clip=l2:0.5");
        for (Aggregate a : result.aggregates()) {
            double[] acc = result.runs().stream().filter(r -> r.configuration().equals(a.configuration()))
                    .mapToDouble(r -> r.test().accuracy()).toArray();
            assertThat(acc).hasSize(2);
            assertThat(a.metrics().get(Metric.ACCURACY).mean()).isCloseTo((acc[0] + acc[1]) / 2, within(1e-12));
            assertThat(a.metrics().get(Metric.ACCURACY).sd()).isCloseTo(Math.abs(acc[0] - acc[1]) / Math.sqrt(2), within(1e-12));
            assertThat(a.metrics().get(Metric.ACCURACY).min()).isEqualTo(Math.min(acc[0], acc[1]));
        }
        assertThat(result.runs()).allSatisfy(r -> assertThat(r.test().examples()).isEqualTo(16));

        ComparisonFiles.write(result, dir);
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv.get(0)).isEqualTo(ComparisonFiles.CSV_HEADER);
        assertThat(csv).hasSize(9);
        assertThat(csv.get(4)).startsWith("rnn clip=l2:0.5,rnn,l2:0.5,101,");
        JsonNode json = Json.mapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.get("runs")).hasSize(8);
        assertThat(json.get("aggregates").get(2).get("metrics").get("ACCURACY").get("mean").asDouble())
                .isEqualTo(result.aggregates().get(2).mean(Metric.ACCURACY));
        assertThat(ComparisonFiles.table(result)).contains("lstm clip=l2:0.5").contains("+-");
        // the ranking of each run's test probabilities (no cut-off): per run in the CSV and the JSON, per configuration in the table
        int auc = java.util.Arrays.asList(ComparisonFiles.CSV_HEADER.split(",")).indexOf("macro_roc_auc");
        int ap = java.util.Arrays.asList(ComparisonFiles.CSV_HEADER.split(",")).indexOf("macro_average_precision");
        for (int i = 0; i < 8; i++) {
            RunResult r = result.runs().get(i);
            assertThat(r.test().metric(Metric.MACRO_ROC_AUC)).as(r.key()).isBetween(0.0, 1.0);
            assertThat(Double.parseDouble(csv.get(i + 1).split(",", -1)[auc])).isEqualTo(r.test().metric(Metric.MACRO_ROC_AUC));
            assertThat(Double.parseDouble(csv.get(i + 1).split(",", -1)[ap])).isEqualTo(r.test().metric(Metric.MACRO_AVERAGE_PRECISION));
        }
        assertThat(result.aggregates().get(0).mean(Metric.MACRO_ROC_AUC)).isCloseTo((result.runs().get(0).test().metric(Metric.MACRO_ROC_AUC)
                + result.runs().get(1).test().metric(Metric.MACRO_ROC_AUC)) / 2, within(1e-12));
        assertThat(json.get("aggregates").get(0).get("metrics").get("MACRO_ROC_AUC").get("mean").asDouble())
                .isEqualTo(result.aggregates().get(0).mean(Metric.MACRO_ROC_AUC));
        assertThat(ComparisonFiles.table(result)).contains("ROC AUC (macro)");
        // the share of updates clipping changed: counted for the clipped configurations only, in the CSV and the table
        for (RunResult r : result.runs()) {
            boolean clipped = r.clip().equals("l2:0.5");
            assertThat(r.history()).as(r.key()).allSatisfy(e -> assertThat(e.clipped() != null).isEqualTo(clipped));
            if (clipped) {
                assertThat(r.clippedShare()).isBetween(0.0, 1.0)
                        .isCloseTo(r.history().stream().mapToDouble(e -> e.clipped()).average().orElseThrow(), within(1e-12));
            } else {
                assertThat(r.clippedShare()).isNull();
            }
        }
        int clippedColumn = java.util.Arrays.asList(ComparisonFiles.CSV_HEADER.split(",")).indexOf("clipped");
        assertThat(csv.get(1).split(",", -1)[clippedColumn]).as("rnn, no clip").isEmpty();
        assertThat(csv.get(4).split(",", -1)[clippedColumn]).as("rnn clip=l2:0.5, seed 101")
                .isEqualTo(String.valueOf(result.runs().get(3).clippedShare()));
        // 2 seeds: no pair can have a verdict, and the table says how to get one
        assertThat(ComparisonFiles.table(result)).contains("no pair of configurations has the 6 paired runs a verdict needs (at most 2 here)",
                "--seeds 6 or more, or --cv 6 or more").doesNotContain("--seeds 2");
        assertThat(ComparisonCaveats.tuningSawFoldTestData(result)).isEmpty();
        ComparisonResult tunedAndCrossValidated = new ComparisonResult(result.dataset(), result.labelNames(), result.data(),
                result.config().withCrossValidation(new org.rnnlab.datasets.CrossValidation(3, null, 1)), result.runs(),
                result.aggregates(), result.seconds(), new org.rnnlab.evaluation.tune.TuningResult(
                new org.rnnlab.evaluation.tune.TuningConfig(3, 3, 0, 1, org.rnnlab.evaluation.tune.SearchSpace.defaults()),
                List.of(), List.of(), 0));
        assertThat(ComparisonCaveats.tuningSawFoldTestData(tunedAndCrossValidated)).hasValueSatisfying(w -> assertThat(w)
                .contains("--tune chose", "also in the folds' test parts", "optimistic"));
        // 2 seeds x 3 folds: the verdicts' pairs share each fold's test examples, said beside them (a keyword trial's); not
        // without --cv, nor when no pair has a verdict
        List<PairedDifference> six = List.of(new PairedDifference("gru", "bilstm", Metric.ACCURACY, 6, -0.05, -0.08, -0.01, 0.031, true));
        assertThat(ComparisonCaveats.foldsShareTestData(tunedAndCrossValidated, six)).hasValueSatisfying(w -> assertThat(w)
                .contains("the verdicts pair the configurations by fold: each fold's difference is the mean over its 2 seeds, "
                        + "which share the fold's test examples, so the test's n is the 3 folds, not 6 runs",
                        "each of the 1 pairs of configurations is tested on its own"));
        assertThat(ComparisonCaveats.foldsShareTestData(result, six)).isEmpty();
        assertThat(ComparisonCaveats.foldsShareTestData(tunedAndCrossValidated, List.of(new PairedDifference("gru", "bilstm",
                Metric.ACCURACY, 4, -0.05, Double.NaN, Double.NaN, Double.NaN, false)))).isEmpty();
        assertThat(ComparisonCaveats.tuningSawFoldTestData(new ComparisonResult(result.dataset(), result.labelNames(), result.data(),
                result.config(), result.runs(), result.aggregates(), result.seconds(), tunedAndCrossValidated.tuning())))
                .as("tuned, not cross-validated: the test split was never seen").isEmpty();
        assertThat(ComparisonFiles.table(result)).contains("updates changed by gradient clipping")
                .containsPattern("\\n  lstm clip=l2:0\\.5 +[0-9.]+% \\[")
                .doesNotContainPattern("\\n  rnn +[0-9.]+% \\[");

        List<String> written = ComparisonReport.write(result,
                Provenance.capture(List.of("rnnlab", "compare"), "tiny", "x", List.of(100L, 101L)), dir);
        assertThat(written).contains("accuracy.png", "accuracy-by-distance.png", "learning-curves.png", "index.html")
                .doesNotContain("gradient-flow.png"); // no probe in this run
        for (String f : written) {
            if (f.endsWith(".png")) {
                assertThat(ImageIO.read(dir.resolve(f).toFile())).as(f).isNotNull();
            }
        }
        ReportLinks.assertAllLocalLinksExist(dir.resolve("index.html"), "config.json", "provenance.json");
        assertThat(Files.readString(dir.resolve("index.html"))).contains("Updates changed by gradient clipping")
                .contains("<tr><th scope=\"row\">lstm clip=l2:0.5</th><td>").doesNotContain("<tr><th scope=\"row\">lstm</th><td>%");
    }

    @Test
    void clipSettingsParseAndPrint() {
        assertThat(ClipSetting.parseList("none,l2:1.0,value:0.5,renorm,l2param:2,renormparam"))
                .extracting(ClipSetting::mode).containsExactly(GradientNormalization.None, GradientNormalization.ClipL2PerLayer,
                        GradientNormalization.ClipElementWiseAbsoluteValue, GradientNormalization.RenormalizeL2PerLayer,
                        GradientNormalization.ClipL2PerParamType, GradientNormalization.RenormalizeL2PerParamType);
        assertThat(ClipSetting.parse("l2:0.25").id()).isEqualTo("l2:0.25");
        // thresholds read as written, not in Java's exponent form
        assertThat(ClipSetting.parse("value:0.0001").id()).isEqualTo("value:0.0001");
        assertThat(ClipSetting.parse("l2:1e-5").id()).isEqualTo("l2:0.00001");
        assertThat(ClipSetting.parse("l2param:5e7").id()).isEqualTo("l2param:50000000.0");
        assertThat(ClipSetting.parse("l2:2").id()).isEqualTo("l2:2.0");
        assertThatThrownBy(() -> ClipSetting.parse("l3:1")).hasMessageContaining("unknown clip setting 'l3:1'");
        assertThatThrownBy(() -> ClipSetting.parse("l2:x")).hasMessageContaining("threshold after ':' must be a number");
        assertThatThrownBy(() -> ClipSetting.parse("l2:-1")).hasMessageContaining("threshold must be a finite number > 0");
        // a threshold that would mean nothing is refused, not stored and shown in the model's name
        assertThatThrownBy(() -> ClipSetting.parse("renorm:2")).hasMessageContaining("clip setting 'renorm:2': renorm takes no threshold");
        assertThatThrownBy(() -> ClipSetting.parse("renormparam:2")).hasMessageContaining("renormparam takes no threshold");
        assertThatThrownBy(() -> ClipSetting.parse("none:3")).hasMessageContaining("none takes no threshold (no normalization");
    }
}
