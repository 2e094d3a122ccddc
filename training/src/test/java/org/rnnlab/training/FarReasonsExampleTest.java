package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
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

/**
 * docs/guide/java-api.md's <i>The checks as data</i> (trial 76e F3): the reasons behind a {@code farFromTraining} mark (a
 * unit, °F against °C; a code for a missing value; every value tiny) reached a service only as log text, though public
 * calls give them as data. The doc's lines are compiled and run here, on a degF sequence, one with -99 in two cells and one
 * in kW for W; their features are exactly the prediction's marks, and the doc holds the lines as written here.
 */
class FarReasonsExampleTest {

    private static final int STEPS = 30;

    @TempDir
    static Path dir;

    private static SequenceClassifier classifier;

    @BeforeAll
    static void train() throws Exception {
        Random r = new Random(763);
        List<List<Sequence>> splits = new ArrayList<>();
        List<float[][]> training = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<Sequence> list = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int label = i % 2;
                float[][] v = leg(r, label);
                list.add(new Sequence(v, label));
                if (part == 0) {
                    training.add(v);
                }
            }
            splits.add(list);
        }
        InMemorySequenceDataset data = new InMemorySequenceDataset("legs", InputDescription.dense(List.of("air_temp_c", "power_w"),
                STEPS), List.of("excursion", "ok"), new SequenceSet(splits.get(0)), new SequenceSet(splits.get(1)),
                new SequenceSet(splits.get(2)), new DatasetProvenance("legs", "generated", Map.of(), List.of(), 763L));
        TrainedModel trained = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1).withBatchSize(16), data);
        ModelCard card = ModelBundle.card(trained, Map.of(), "legs", Provenance.capture(List.of("test"), "legs", "x", List.of(763L)),
                STEPS, STEPS, Optional.empty()).withTrainingRange(TrainingRange.of(training, 2));
        Path file = dir.resolve("model.rnnlab");
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);
        classifier = ModelBundle.load(file);
    }

    /** A leg in °C and W: about 4 °C (8 for an excursion) with noise of sd 1.5; about 500 W, sd 40. */
    private static float[][] leg(Random r, int label) {
        float[][] v = new float[STEPS][2];
        for (int t = 0; t < STEPS; t++) {
            v[t][0] = (float) ((label == 0 ? 8 : 4) + 1.5 * r.nextGaussian());
            v[t][1] = (float) (500 + 40 * r.nextGaussian());
        }
        return v;
    }

    /** The doc's lines, run on one sequence: each far feature's reason. */
    private static Map<String, String> reasons(float[][] sequence) {
        List<String> features = classifier.card().input().featureNames();
        // --- java-api.md, The checks as data ---
        float[] mean = classifier.normalizer().getMean().toFloatVector();
        float[] std = classifier.normalizer().getStd().toFloatVector();
        TrainingRange range = classifier.card().trainingRange();
        List<float[][]> one = classifier.prepare(List.<float[][]>of(sequence));   // as the model reads it
        Map<String, String> reasons = new TreeMap<>();                             // far feature -> why
        for (FarFromTraining.Feature f : FarFromTraining.judgeOne(one.get(0), mean, std, range)) {  // a tenth of its values
            reasons.put(features.get(f.index()), "another unit or scale?" + FarFromTraining.temperatureHint(
                    features.get(f.index()), f.mean(), f.farMean(), mean[f.index()], std[f.index()]));  // " (°F against °C? ..."
        }
        for (FarFromTraining.Narrow n : FarFromTraining.narrow(one, mean, std, range)) {            // every value tiny
            reasons.put(features.get(n.index()), "every value 1/" + n.ratioText() + " of the training data's: another unit?");
        }
        for (FarFromTraining.Code c : FarFromTraining.codes(one, mean, std, range)) {               // -99 in a cell or a few
            reasons.put(features.get(c.index()), c.value() + " in " + c.count() + " cell(s): a code for a missing value?");
        }
        // ---
        return reasons;
    }

    @Test
    void eachMarkedFeatureHasItsReasonAsData() {
        Random r = new Random(5);
        float[][] normal = leg(r, 1);
        float[][] fahrenheit = leg(r, 1);
        for (float[] step : fahrenheit) {
            step[0] = step[0] * 1.8f + 32;
        }
        float[][] code = leg(r, 1);
        code[4][0] = -99;
        code[17][0] = -99;
        float[][] kilowatts = leg(r, 0);
        for (float[] step : kilowatts) {
            step[1] /= 1000;
        }
        List<float[][]> legs = List.of(normal, fahrenheit, code, kilowatts);
        List<SequenceClassifier.Prediction> predictions = classifier.predict(legs);
        List<Map<String, String>> found = legs.stream().map(FarReasonsExampleTest::reasons).toList();
        for (int i = 0; i < legs.size(); i++) {
            assertThat(found.get(i).keySet()).as("leg %d", i).containsExactlyInAnyOrderElementsOf(predictions.get(i).farFromTraining());
        }
        assertThat(found.get(0)).isEmpty();
        assertThat(found.get(1)).containsOnlyKeys("air_temp_c");
        assertThat(found.get(1).get("air_temp_c")).startsWith("another unit or scale? (°F against °C? (x − 32) / 1.8 brings its mean to ");
        assertThat(found.get(2)).containsExactly(Map.entry("air_temp_c", "-99.0 in 2 cell(s): a code for a missing value?"));
        assertThat(found.get(3)).containsOnlyKeys("power_w");
        assertThat(found.get(3).get("power_w")).startsWith("every value 1/").endsWith(" of the training data's: another unit?");
    }

    @Test
    void theGuideHoldsTheseLines() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "guide", "java-api.md"));
        List<String> source = Files.readAllLines(Path.of("src/test/java/org/rnnlab/training/FarReasonsExampleTest.java"));
        int from = source.indexOf("        // --- java-api.md, The checks as data ---");
        int to = source.subList(from + 1, source.size()).indexOf("        // ---") + from + 1;
        List<String> lines = source.subList(from + 1, to);
        assertThat(lines).hasSizeGreaterThan(10);
        String block = String.join("\n", lines.stream().map(l -> l.substring(8)).toList());
        assertThat(guide).as("docs/guide/java-api.md, The checks as data").contains("```java\n" + block + "\n```");
    }
}
