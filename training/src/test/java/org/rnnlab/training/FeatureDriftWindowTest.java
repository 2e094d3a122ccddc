package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.csv.SequenceScaling;

/**
 * A service's drift check over a window of requests (trial 76e F4, F5): for a model that scales each sequence by its own
 * statistics, the documented route judged raw values against the standardiser of the scaled ones and named every window,
 * the normal ones too; {@link SequenceClassifier#prepare} and {@link FeatureDrift#judge(SequenceClassifier, List)} judge the
 * values as the model reads them, and {@link FeatureDrift.Shift#describe(String, String)} names the window, not "the whole
 * file".
 */
class FeatureDriftWindowTest {

    private static final int STEPS = 25;

    @TempDir
    static Path dir;

    /** A network trained on centred sequences (as {@code sequenceScaling=center} reads them) and their training range. */
    private static TrainedModel trained;
    private static List<float[][]> training;

    @BeforeAll
    static void train() {
        Random r = new Random(765);
        List<List<Sequence>> splits = new ArrayList<>();
        training = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<Sequence> list = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int label = i % 2;
                float[][] v = raw(r, 0);
                for (int t = 0; t < STEPS; t++) {
                    v[t][0] += (label == 1 ? 0.1f : -0.1f) * (t - STEPS / 2);
                }
                SequenceScaling.CENTER.apply(v);
                list.add(new Sequence(v, label));
                if (part == 0) {
                    training.add(v);
                }
            }
            splits.add(list);
        }
        InMemorySequenceDataset data = new InMemorySequenceDataset("probe", InputDescription.dense(List.of("temp_c", "duty"), STEPS),
                List.of("cold", "warm"), new SequenceSet(splits.get(0)), new SequenceSet(splits.get(1)), new SequenceSet(splits.get(2)),
                new DatasetProvenance("probe", "generated", Map.of(), List.of(), 765L));
        trained = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1).withBatchSize(16), data);
    }

    /**
     * One raw sequence as a device writes it: a level of its own (about 20, or {@code level}'s when not 0) and noise of
     * sd 1 on temp_c; about 0.4 with noise of sd 1 on duty (a
     * standardised model's training spread is about its own).
     */
    private static float[][] raw(Random r, double level) {
        double offset = level != 0 ? level : 20 + 3 * r.nextGaussian();
        double duty = 0.4 + 0.05 * r.nextGaussian();
        float[][] v = new float[STEPS][2];
        for (int t = 0; t < STEPS; t++) {
            v[t][0] = (float) (offset + r.nextGaussian());
            v[t][1] = (float) (duty + r.nextGaussian());
        }
        return v;
    }

    private static List<float[][]> window(Random r, int n) {
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(raw(r, 0));
        }
        return out;
    }

    /** The model saved with the card of a CSV model trained with {@code scaling}, loaded. */
    private static SequenceClassifier model(SequenceScaling scaling) throws Exception {
        CsvSchema schema = new CsvSchema(CsvSchema.LONG, ",", true, 0, Column.named("id"), null, Column.named("label"), null, null,
                List.of(Column.named("temp_c"), Column.named("duty")), MissingValues.ERROR, List.of(), scaling, List.of());
        ModelCard card = ModelBundle.card(trained, Map.of(), "probe", Provenance.capture(List.of("test"), "probe", "x", List.of(765L)),
                STEPS, STEPS, Optional.empty(), Optional.of(schema)).withTrainingRange(TrainingRange.of(training, 2));
        Path file = Files.createTempFile(dir, "model", ".rnnlab");
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);
        return ModelBundle.load(file);
    }

    @Test
    void aWindowOfNormalRequestsToASequenceScaledModelIsNoShiftAndAUnitMixUpIs() throws Exception {
        try (SequenceClassifier classifier = model(SequenceScaling.CENTER)) {
            float[] mean = classifier.normalizer().getMean().toFloatVector();
            float[] std = classifier.normalizer().getStd().toFloatVector();
            List<float[][]> normal = window(new Random(1), 8);
            // the trial's route: raw values against the standardiser of the centred ones name the normal window's level
            assertThat(FeatureDrift.judge(normal, null, mean, std, classifier.card().trainingRange()))
                    .extracting(FeatureDrift.Shift::feature).contains(0);
            // the values as the model reads them: each sequence centred, the caller's arrays unchanged
            List<float[][]> prepared = classifier.prepare(normal);
            float[][] expected = new float[STEPS][];
            for (int t = 0; t < STEPS; t++) {
                expected[t] = normal.get(3)[t].clone();
            }
            SequenceScaling.CENTER.apply(expected);
            assertThat(prepared.get(3)).isDeepEqualTo(expected);
            assertThat(normal.get(3)[0][0]).isGreaterThan(10f);
            assertThat(FeatureDrift.judge(classifier, normal)).isEmpty();
            assertThat(FeatureDrift.judge(prepared, null, mean, std, classifier.card().trainingRange())).isEmpty();

            // temp_c in millikelvin steps for kelvin (x1000): the centring keeps the spread, 1000 times the training one
            List<float[][]> mixed = window(new Random(2), 8);
            mixed.forEach(s -> {
                for (float[] step : s) {
                    step[0] *= 1000;
                }
            });
            List<FeatureDrift.Shift> shifts = FeatureDrift.judge(classifier, mixed);
            assertThat(shifts).extracting(FeatureDrift.Shift::feature).containsExactly(0);
            FeatureDrift.Shift s = shifts.get(0);
            assertThat(s.sdRatio()).isGreaterThan(300);
            // F5: the window in the caller's words, or "these 8 sequences"; predict's words stay
            assertThat(s.describe("temp_c", null)).startsWith("'temp_c' in these 8 sequences (mean ").doesNotContain("file")
                    .contains(" times the training sd ");
            assertThat(s.describe("temp_c", "the last hour's requests")).startsWith("'temp_c' in the last hour's requests (8 sequences: mean ");
            assertThat(s.describe("temp_c")).startsWith("'temp_c' in the whole file (8 sequences: mean ");
            assertThat(s.describe("temp_c", null).substring("'temp_c' in these 8 sequences (".length()))
                    .isEqualTo(s.describe("temp_c").substring("'temp_c' in the whole file (8 sequences: ".length()));

            // grouped by device: a group's shift is named by its group whatever the caller's word
            List<float[][]> both = new ArrayList<>(window(new Random(3), 6));
            both.addAll(mixed.subList(0, 6));
            List<String> devices = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                devices.add(i < 6 ? "D1" : "D2");
            }
            List<FeatureDrift.Shift> byDevice = FeatureDrift.judge(classifier, both, devices);
            assertThat(byDevice).extracting(FeatureDrift.Shift::group).containsExactly("D2");
            assertThat(byDevice.get(0).describe("temp_c", null)).startsWith("'temp_c' in 'D2' (6 sequences: mean ");
        }
    }

    @Test
    void theGuidesLinesLogTheWindowsShiftInItsOwnWords() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("drift-window");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        org.slf4j.Logger log = logger;
        List<float[][]> recentSequences = window(new Random(6), 5);
        recentSequences.forEach(s -> {
            for (float[] step : s) {
                step[0] *= 1000;
            }
        });
        try (SequenceClassifier classifier = model(SequenceScaling.CENTER)) {
            // --- java-api.md, Checks only rnnlab predict runs ---
            List<String> names = classifier.card().input().featureNames();
            for (FeatureDrift.Shift s : FeatureDrift.judge(classifier, recentSequences)) {            // org.rnnlab.training
                log.warn("drift: {}", s.describe(names.get(s.feature()), null)); // 'gyro_y' in these 5 sequences (mean ...)
            }
            // ---
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).singleElement()
                .asString().startsWith("drift: 'temp_c' in these 5 sequences (mean ");
        String guide = Files.readString(Path.of("..", "docs", "guide", "java-api.md"));
        List<String> source = Files.readAllLines(Path.of("src/test/java/org/rnnlab/training/FeatureDriftWindowTest.java"));
        int from = source.indexOf("            // --- java-api.md, Checks only rnnlab predict runs ---");
        int to = source.subList(from + 1, source.size()).indexOf("            // ---") + from + 1;
        String block = String.join("\n", source.subList(from + 1, to).stream().map(l -> l.substring(12)).toList());
        assertThat(guide).as("docs/guide/java-api.md, Checks only rnnlab predict runs").contains("```java\n" + block + "\n```");
    }

    @Test
    void aStandardizedModelReadsNeitherLevelNorSpreadAndAMissingValueItRefusesIsNamed() throws Exception {
        try (SequenceClassifier classifier = model(SequenceScaling.STANDARDIZE)) {
            List<float[][]> normal = window(new Random(4), 8);
            assertThat(FeatureDrift.judge(classifier, normal)).isEmpty();
            float[] mean = classifier.normalizer().getMean().toFloatVector();
            float[] std = classifier.normalizer().getStd().toFloatVector();
            assertThat(FeatureDrift.judge(normal, null, mean, std, classifier.card().trainingRange())).isNotEmpty();
            normal.get(5)[7][1] = Float.NaN;
            assertThatThrownBy(() -> FeatureDrift.judge(classifier, normal)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("sequence 5, step 7, feature duty: NaN is not a finite number");
        }
    }
}
