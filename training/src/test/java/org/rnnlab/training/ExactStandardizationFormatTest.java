package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.ExactStandardize;
import org.rnnlab.datasets.SequenceDataset;

/**
 * Bundle format 4 divides by the stored feature deviations exactly (ExactStandardize); formats 1 to 3 were trained and
 * predict with ND4J's standardiser, which divides deviations below about 1e-5 by 1, and keep doing so.
 */
class ExactStandardizationFormatTest {
    private static TrainedModel trained;
    private static SequenceDataset data;

    @BeforeAll
    static void train() {
        data = TrainerTest.firstStepSign(32, 4);
        trained = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(3)), TrainingConfig.defaults().withEpochs(1), data);
    }

    private static ModelCard card() {
        return ModelBundle.card(trained, Map.of(), data.name(), Provenance.capture(List.of("test"), data.name(), "x", List.of(1L)),
                3, 6, Optional.empty());
    }

    /** A normaliser whose first feature has a deviation of 1e-6 (which ND4J divides by 1), the other 0.5. */
    private static INDArray[] stats() {
        int f = data.input().featureCount();
        float[] mean = new float[f];
        float[] std = new float[f];
        java.util.Arrays.fill(std, 0.5f);
        std[0] = 1e-6f;
        return new INDArray[] {Nd4j.create(mean, new long[] {1, f}), Nd4j.create(std, new long[] {1, f})};
    }

    private static float standardised(NormalizerStandardize n, float x) {
        INDArray row = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, data.input().featureCount());
        row.putScalar(0, x);
        n.transform(row);
        return row.getFloat(0);
    }

    @Test
    void aLegacyNormaliserIsSavedWithTheDeviationsItDividesBySoTheModelPredictsAsBefore(@TempDir Path dir) throws IOException {
        INDArray[] s = stats();
        NormalizerStandardize legacy = new NormalizerStandardize(s[0].dup(), s[1].dup());
        assertThat(standardised(legacy, 2e-6f)).as("ND4J divides a deviation of 1e-6 by 1").isEqualTo(2e-6f);
        Path file = dir.resolve("legacy.rnnlab");
        ModelBundle.save(trained.network(), Optional.of(legacy), card(), file);
        SequenceClassifier back = ModelBundle.load(file);
        assertThat(back.card().formatVersion()).isEqualTo(ModelBundle.FORMAT_VERSION);
        assertThat(back.normalizer()).isInstanceOf(ExactStandardize.class);
        assertThat(back.normalizer().getStd().getFloat(0)).isEqualTo(1f);
        assertThat(standardised(back.normalizer(), 2e-6f)).isEqualTo(2e-6f);
        assertThat(back.normalizer().getStd().getFloat(1)).isEqualTo(0.5f);
        // an exact one is stored as it is, and read back dividing by 1e-6
        Path exactFile = dir.resolve("exact.rnnlab");
        ModelBundle.save(trained.network(), Optional.of(new ExactStandardize(s[0], s[1])), card(), exactFile);
        SequenceClassifier exact = ModelBundle.load(exactFile);
        assertThat(exact.normalizer().getStd().getFloat(0)).isEqualTo(1e-6f);
        assertThat(standardised(exact.normalizer(), 2e-6f)).isCloseTo(2f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void aCheckpointOfFormat3ResumesWithNd4jsStandardiserAsItsRunBegan(@TempDir Path dir) throws IOException {
        ModelSpec spec = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(3));
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = org.rnnlab.core.NetworkFactory.build(spec, 2, 2);
        Checkpoint.write(dir, CheckpointFormatTest.state(spec, false), 2, 2, net, null);
        assertThat(Checkpoint.read(dir).exactStandardization()).isTrue();
        Map<String, byte[]> entries = Crafted.entries(Checkpoint.file(dir));
        ObjectNode header = (ObjectNode) Json.mapper().readTree(entries.get("checkpoint.json"));
        header.put("version", 3);
        Map<String, byte[]> stamped = Crafted.with(entries, "checkpoint.json", header.toString().getBytes(StandardCharsets.UTF_8));
        java.nio.file.Files.delete(Checkpoint.file(dir));
        Crafted.writeZip(Checkpoint.file(dir), stamped);
        assertThat(Checkpoint.read(dir).exactStandardization()).as("the header's field, not its version, says").isTrue();
        header.remove("exactStandardization"); // as format 3 wrote it
        entries = Crafted.with(entries, "checkpoint.json", header.toString().getBytes(StandardCharsets.UTF_8));
        java.nio.file.Files.delete(Checkpoint.file(dir));
        Crafted.writeZip(Checkpoint.file(dir), entries);
        assertThat(Checkpoint.read(dir).exactStandardization()).isFalse();
        // what such a resume standardises with: ND4J's, which divides the 1e-6 deviation by 1, as the run began
        SequenceDataset tiny = TrainerTest.firstStepSign(32, 4);
        for (org.rnnlab.datasets.Sequence q : tiny.split(org.rnnlab.datasets.Split.TRAIN).examples()) {
            for (float[] step : q.values()) {
                step[0] *= 1e-6f;
            }
        }
        Trainer.Batches legacy = Trainer.Batches.of(tiny, TrainingConfig.defaults(), false);
        Trainer.Batches exact = Trainer.Batches.of(tiny, TrainingConfig.defaults(), true);
        assertThat(legacy.normalizer().orElseThrow()).isNotInstanceOf(ExactStandardize.class);
        assertThat(exact.normalizer().orElseThrow()).isInstanceOf(ExactStandardize.class);
        float std = exact.normalizer().orElseThrow().getStd().getFloat(0);
        assertThat(std).isLessThan(1e-5f);
        assertThat(standardised(legacy.normalizer().orElseThrow(), std)).isCloseTo(std, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void aFormat3BundleReadsItsDeviationsAsNd4jDid(@TempDir Path dir) throws IOException {
        INDArray[] s = stats();
        Path file = dir.resolve("exact.rnnlab");
        ModelBundle.save(trained.network(), Optional.of(new ExactStandardize(s[0], s[1])), card(), file);
        Map<String, byte[]> entries = Crafted.entries(file);
        entries = Crafted.asBundleVersion(entries, 3);
        SequenceClassifier old = ModelBundle.load(Crafted.writeZip(dir.resolve("format-3.rnnlab"), entries));
        assertThat(old.normalizer()).isNotInstanceOf(ExactStandardize.class);
        assertThat(standardised(old.normalizer(), 2e-6f)).as("as format 3's models were trained").isEqualTo(2e-6f);
        // and re-saved (format 4), it still standardises so
        Path again = dir.resolve("again.rnnlab");
        ModelBundle.save(old.network(), Optional.of(old.normalizer()), old.card(), again);
        SequenceClassifier resaved = ModelBundle.load(again);
        assertThat(standardised(resaved.normalizer(), 2e-6f)).isEqualTo(2e-6f);
        float[][] sequence = data.split(org.rnnlab.datasets.Split.TEST).examples().get(0).values();
        assertThat(resaved.predict(sequence).probabilities()).containsExactly(old.predict(sequence).probabilities());
    }

    /** Rewrites a folder's checkpoint as rnnlab wrote format 3: version 3, no exactStandardization field. */
    private static void asFormat3(Path dir) throws IOException {
        Map<String, byte[]> entries = Crafted.entries(Checkpoint.file(dir));
        ObjectNode header = (ObjectNode) Json.mapper().readTree(entries.get("checkpoint.json"));
        header.put("version", 3);
        header.remove("exactStandardization");
        entries = Crafted.with(entries, "checkpoint.json", header.toString().getBytes(StandardCharsets.UTF_8));
        java.nio.file.Files.delete(Checkpoint.file(dir));
        Crafted.writeZip(Checkpoint.file(dir), entries);
    }

    private static com.fasterxml.jackson.databind.JsonNode header(Path dir) throws IOException {
        return Json.mapper().readTree(Crafted.entries(Checkpoint.file(dir)).get("checkpoint.json"));
    }

    /**
     * A run begun before format 4 (ND4J's standardiser, which reads a feature of deviation about 1e-6 as about 0), resumed,
     * stopped again and resumed again, keeps that standardiser: its second checkpoint is stamped format 4, but says
     * exactStandardization false, and the run ends with the parameters of one resumed once to the end. Its model card says so.
     */
    @Test
    void aRunBegunBeforeFormat4KeepsNd4jsStandardiserThroughEveryResume(@TempDir Path dir) throws Exception {
        SequenceDataset tiny = TrainerTest.firstStepSign(32, 4);
        for (org.rnnlab.datasets.Sequence q : tiny.split(org.rnnlab.datasets.Split.TRAIN).examples()) {
            for (float[] step : q.values()) {
                step[0] *= 1e-6f;
            }
        }
        ModelSpec spec = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(3));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withBatchSize(8).withCheckpoints(0, 0);
        Path twice = java.nio.file.Files.createDirectories(dir.resolve("twice"));
        Path once = java.nio.file.Files.createDirectories(dir.resolve("once"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trainer.train(spec, config, tiny,
                new Trainer.Options(null, twice, new java.util.concurrent.atomic.AtomicBoolean(true))))
                .isInstanceOf(TrainingInterruptedException.class);
        asFormat3(twice);
        assertThat(Checkpoint.read(twice).exactStandardization()).isFalse();
        java.nio.file.Files.copy(Checkpoint.file(twice), Checkpoint.file(once));

        // resumed once, stopped after a batch: the checkpoint is of format 4 and says the run standardises as ND4J did
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trainer.resume(twice, tiny,
                new Trainer.Options(null, twice, new java.util.concurrent.atomic.AtomicBoolean(true))))
                .isInstanceOf(TrainingInterruptedException.class);
        assertThat(header(twice).path("version").asInt()).isEqualTo(Checkpoint.FORMAT_VERSION);
        assertThat(header(twice).path("exactStandardization").asBoolean(true)).isFalse();
        assertThat(Checkpoint.read(twice).exactStandardization()).isFalse();

        // resumed again, to the end: still ND4J's standardiser, the same run as one resumed once without a stop
        TrainedModel second = Trainer.resume(twice, tiny, Trainer.Options.none());
        TrainedModel first = Trainer.resume(once, tiny, Trainer.Options.none());
        assertThat(first.normalizer().orElseThrow()).isNotInstanceOf(ExactStandardize.class);
        assertThat(second.normalizer().orElseThrow()).isNotInstanceOf(ExactStandardize.class);
        assertThat(second.network().params().toFloatVector()).containsExactly(first.network().params().toFloatVector());

        // its model card records it, though the bundle is of format 4; a new run's card does not carry the field
        Path file = dir.resolve("model.rnnlab");
        ModelCard card = ModelBundle.card(second, Map.of(), tiny.name(),
                Provenance.capture(List.of("test"), tiny.name(), "x", List.of(1L)), 3, 6, Optional.empty());
        ModelBundle.save(second.network(), second.normalizer(), card, file);
        ModelCard back = ModelBundle.readCard(file);
        assertThat(back.formatVersion()).isEqualTo(ModelBundle.FORMAT_VERSION);
        assertThat(back.exactStandardization()).isFalse();
        assertThat(back.trainedWithExactStandardization()).isFalse();
        assertThat(card().exactStandardization()).isNull();
        assertThat(new String(Crafted.entries(file).get("model-card.json"), StandardCharsets.UTF_8)).containsPattern("\"exactStandardization\"\\s*:\\s*false");
    }

    /** A bundle of format 3, saved again (format 4), says in its card that its model was trained with ND4J's standardiser. */
    @Test
    void aFormat3BundleSavedAgainKeepsSayingItWasTrainedWithNd4jsStandardiser(@TempDir Path dir) throws IOException {
        INDArray[] s = stats();
        Path file = dir.resolve("exact.rnnlab");
        ModelBundle.save(trained.network(), Optional.of(new ExactStandardize(s[0], s[1])), card(), file);
        assertThat(ModelBundle.readCard(file).trainedWithExactStandardization()).isTrue();
        assertThat(new String(Crafted.entries(file).get("model-card.json"), StandardCharsets.UTF_8)).doesNotContain("exactStandardization");
        SequenceClassifier old = ModelBundle.load(Crafted.writeZip(dir.resolve("format-3.rnnlab"),
                Crafted.asBundleVersion(Crafted.entries(file), 3)));
        assertThat(old.card().trainedWithExactStandardization()).isFalse();
        Path again = dir.resolve("again.rnnlab");
        ModelBundle.save(old.network(), Optional.of(old.normalizer()), old.card(), again);
        assertThat(ModelBundle.readCard(again).formatVersion()).isEqualTo(ModelBundle.FORMAT_VERSION);
        assertThat(ModelBundle.readCard(again).exactStandardization()).isFalse();
    }
}
