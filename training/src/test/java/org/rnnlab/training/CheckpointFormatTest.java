package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.training.TrainingState.BestEpoch;
import org.rnnlab.training.TrainingState.DatasetIdentity;
import org.rnnlab.training.TrainingState.EpochTotals;
import org.rnnlab.training.TrainingState.Progress;

/** Checkpoints of format 3 (format 2 with the per-direction last head) hold the whole training state as data and continue bit for bit; crafted ones are refused. */
class CheckpointFormatTest {
    static final SequenceDataset DATA = TrainerTest.firstStepSign(24, 5);

    static ModelSpec spec(UpdaterKind updater) {
        return ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(5, 4)).withDropout(0.2).withUpdater(updater, 0.01);
    }

    static DataSet batch() {
        return DATA.iterator(Split.TRAIN, 8, 1).next();
    }

    static void fit(MultiLayerNetwork net, DataSet batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        net.fit(batch);
    }

    static TrainingState state(ModelSpec spec, boolean hasBest) {
        return new TrainingState(spec, TrainingConfig.defaults(), DatasetIdentity.of(DATA), new Progress(1, 4, 4, 0.25),
                new EpochTotals(2.5, 32, 0.25), new BestEpoch(hasBest, 1, 0.75, 0), List.of(), false);
    }

    /** A network after a few minibatches, its checkpoint written to {@code dir}. */
    static MultiLayerNetwork trainAndCheckpoint(UpdaterKind updater, Path dir) throws IOException {
        MultiLayerNetwork net = NetworkFactory.build(spec(updater), 2, 2);
        DataSet batch = batch();
        for (int i = 0; i < 3; i++) {
            fit(net, batch, i);
        }
        INDArray best = net.params().dup();
        fit(net, batch, 3);
        Checkpoint.write(dir, state(spec(updater), true), 2, 2, net, best);
        return net;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UpdaterKind.class)
    void aCheckpointHoldsEverythingAndTrainingContinuesBitForBit(UpdaterKind updater, @TempDir Path dir) throws IOException {
        MultiLayerNetwork net = trainAndCheckpoint(updater, dir);
        assertThat(ModelBundle.entries(Checkpoint.file(dir))).containsExactlyElementsOf(updater == UpdaterKind.SGD
                ? List.of("checkpoint.json", "state.json", "params.bin", "best-params.bin")
                : List.of("checkpoint.json", "state.json", "params.bin", "updater-state.bin", "best-params.bin"));

        Checkpoint.Loaded loaded = Checkpoint.read(dir);
        MultiLayerNetwork back = loaded.network();
        assertThat(loaded.state()).isEqualTo(state(spec(updater), true));
        assertThat(back.getLayerWiseConfigurations()).isEqualTo(net.getLayerWiseConfigurations());
        assertThat(back.getLayerWiseConfigurations().getIterationCount()).isEqualTo(4);
        assertThat(back.params().toFloatVector()).containsExactly(net.params().toFloatVector());
        INDArray state = net.getUpdater().getStateViewArray();
        if (state != null) {
            assertThat(back.getUpdater().getStateViewArray().toFloatVector()).containsExactly(state.toFloatVector());
        }
        assertThat(loaded.bestParams()).isNotNull();

        DataSet batch = batch();
        for (int i = 4; i < 8; i++) {
            fit(net, batch, i);
            fit(back, batch, i);
        }
        assertThat(back.params().toFloatVector()).as("parameters after 4 more minibatches").containsExactly(net.params().toFloatVector());
    }

    @Test
    void aCheckpointOfAnotherNetworkIsNotWritten(@TempDir Path dir) {
        MultiLayerNetwork net = NetworkFactory.build(spec(UpdaterKind.ADAM), 2, 2);
        assertThatThrownBy(() -> Checkpoint.write(dir, state(spec(UpdaterKind.ADAM), false), 3, 2, net, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("for 3 features and 2 classes");
        assertThat(Checkpoint.exists(dir)).isFalse();
    }

    @Test
    void aCheckpointOfFormat1IsRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
        Files.write(Checkpoint.file(dir), Crafted.zip(Map.of("state.json", "{}".getBytes(StandardCharsets.UTF_8),
                "model.zip", Crafted.zip(Map.of("configuration.json", new byte[1], "preprocessor.bin", Crafted.markerObject())))));
        assertThatThrownBy(() -> Checkpoint.read(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("checkpoint of format 1").hasMessageContaining("start the run again");
        assertThatThrownBy(() -> Trainer.resume(dir, DATA, Trainer.Options.none())).hasMessageContaining("start the run again");
        assertThat(DeserializationMarker.Flag.TOUCHED).isFalse();
    }

    @Test
    void craftedCheckpointsAreRefusedQuickly(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good");
        trainAndCheckpoint(UpdaterKind.ADAM, good);
        Map<String, byte[]> entries = Crafted.entries(Checkpoint.file(good));
        long n = NetworkFactory.build(spec(UpdaterKind.ADAM), 2, 2).numParams();
        Crafted.Entry bomb = Crafted.zeroBomb("params.bin", 2048, 16);
        List<Crafted.Entry> bombed = new ArrayList<>();
        entries.forEach((name, c) -> bombed.add(name.equals("params.bin") ? bomb : Crafted.deflated(name, c)));
        byte[] whole = Crafted.zip(entries);

        refusedCheckpoint("checkpoint + preprocessor.bin (marker object)", dir, Crafted.zip(Crafted.with(entries, "preprocessor.bin",
                Crafted.markerObject())), "entry 'preprocessor.bin' is not part of checkpoint format 4");
        refusedCheckpoint("checkpoint params.bin = HashSet bomb", dir, Crafted.zip(Crafted.with(entries, "params.bin",
                Crafted.hashSetBomb(100))), "entry params.bin");
        refusedCheckpoint("checkpoint params.bin = 2 GiB zip bomb, size header lies", dir, Crafted.zip(bombed),
                "entry params.bin: holds more than the 16 bytes the zip's directory says (the file is damaged)");
        refusedCheckpoint("checkpoint updater state of the wrong length", dir, Crafted.zip(Crafted.with(entries, "updater-state.bin",
                raw(n))), "entry updater-state.bin: holds " + n + " values, but the model needs exactly " + 2 * n);
        refusedCheckpoint("checkpoint best params of the wrong length", dir, Crafted.zip(Crafted.with(entries, "best-params.bin",
                raw(n + 1))), "entry best-params.bin: holds " + (n + 1) + " values");
        refusedCheckpoint("checkpoint without updater state", dir, Crafted.zip(Crafted.without(entries, "updater-state.bin")),
                "entry updater-state.bin is missing");
        refusedCheckpoint("checkpoint truncated", dir, Arrays.copyOf(whole, whole.length / 2), "truncated");
        assertThat(DeserializationMarker.Flag.TOUCHED).isFalse();
    }

    private static byte[] raw(long n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RawArray.write(Nd4j.zeros(n), out);
        return out.toByteArray();
    }

    private static void refusedCheckpoint(String name, Path dir, byte[] content, String... parts) throws IOException {
        Path d = Files.createDirectories(dir.resolve("c" + Math.abs(name.hashCode())));
        Files.write(Checkpoint.file(d), content);
        BundleException e = CraftedBundleTest.timed(name, () -> Checkpoint.read(d));
        assertThat(e.getMessage()).startsWith(Checkpoint.file(d).toString()).contains(parts);
        System.out.printf(Locale.ROOT, "refused in %.1f ms: %s%n", CraftedBundleTest.millis(name), name);
    }
}
