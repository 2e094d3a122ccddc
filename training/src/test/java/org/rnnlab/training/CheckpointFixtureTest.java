package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.SequenceDataset;

/**
 * A checkpoint of format 2 written by the trainer of commit 377ddf8 (before the trainer was split into
 * policies) is committed as a fixture: an LSTM stopped in epoch 5 of 8, batch 2, with early stopping
 * (patience 4) counting one epoch without improvement. Every later version must read it with the same
 * state, write that state back as the same JSON, and continue it.
 */
class CheckpointFixtureTest {
    static final String FIXTURE = "/fixtures/checkpoint-v2-mid-epoch.zip";

    /** The data the fixture was trained on. */
    static SequenceDataset data() {
        return TrainerTest.firstStepSign(32, 7);
    }

    /** A folder holding the fixture as its checkpoint. */
    static Path fixture(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir);
        try (InputStream in = CheckpointFixtureTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as("fixture %s", FIXTURE).isNotNull();
            Files.copy(in, Checkpoint.file(folder));
        }
        return folder;
    }

    @Test
    void theCheckpointStillLoadsWithItsState(@TempDir Path dir) throws IOException {
        Checkpoint.Loaded loaded = Checkpoint.read(fixture(dir));
        TrainingState s = loaded.state();
        assertThat(s.spec().label()).isEqualTo("lstm-4");
        assertThat(s.data().name()).isEqualTo("first-step-sign");
        assertThat(s.data().matches(data())).isTrue();
        assertThat(s.progress()).isEqualTo(new TrainingState.Progress(5, 2, 18, 0.09905547899999999));
        assertThat(s.epochSoFar().samples()).isEqualTo(16);
        assertThat(s.history()).extracting(EpochStats::validationAccuracy).containsExactly(0.3125, 0.34375, 0.375, 0.375);
        assertThat(s.best()).isEqualTo(new TrainingState.BestEpoch(true, 3, 0.375, 1));
        assertThat(s.finished()).isFalse();
        assertThat(loaded.bestParams()).isNotNull();
    }

    @Test
    void itsStateIsWrittenBackAsTheSameJson(@TempDir Path dir) throws IOException {
        String stored;
        try (ZipFile zip = new ZipFile(Checkpoint.file(fixture(dir)).toFile())) {
            ZipEntry entry = zip.getEntry(Checkpoint.STATE_ENTRY);
            stored = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
        // the same JSON, plus the spec's and the config's fields added since the fixture was written, at their defaults
        String withNewFields = stored.replace("\"implementation\" : \"RNNLAB\"\n", "\"implementation\" : \"RNNLAB\",\n"
                + "    \"head\" : \"LAST\",\n    \"residual\" : false,\n    \"convolutions\" : [ ],\n    \"weightDecay\" : 0.0,\n"
                + "    \"classWeights\" : [ ]\n")
                // and the config's: no augmentation, the epoch kept by validation accuracy (what it used)
                .replace("      \"factor\" : 1.0\n    }\n  },", "      \"factor\" : 1.0\n    },\n    \"augmentation\" : {\n"
                        + "      \"jitter\" : 0.0,\n      \"scale\" : 0.0,\n      \"magWarp\" : 0.0,\n      \"timeWarp\" : 0.0,\n"
                        + "      \"slice\" : 1.0,\n      \"knots\" : 4\n    },\n    \"selection\" : \"ACCURACY\",\n"
                        + "    \"lengthBatches\" : false\n  },") // random minibatches, what it used
                // and the clip count of the epoch in progress, unknown in a checkpoint written before it was counted
                .replaceFirst("(\n  \"epochSeconds\" : [^\n]*,\n)", "$1  \"epochClipped\" : -1,\n");
        assertThat(withNewFields).isNotEqualTo(stored);
        assertThat(Json.write(Json.read(stored, TrainingState.class))).isEqualTo(withNewFields);
    }

    @Test
    void itResumesAndAResumeInterruptedAgainEndsTheSame(@TempDir Path dir) throws IOException {
        TrainedModel straight = Trainer.resume(fixture(dir.resolve("straight")), data(), Trainer.Options.none());
        assertThat(straight.history()).hasSize(8);
        assertThat(straight.history().subList(0, 4)).isEqualTo(Checkpoint.read(fixture(dir.resolve("read"))).state().history());

        Path twice = fixture(dir.resolve("twice"));
        AtomicBoolean stop = new AtomicBoolean();
        Trainer.Listener stopInEpoch7 = new Trainer.Listener() {
            @Override
            public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
                stop.set(epoch == 7 && batch == 1);
            }
        };
        assertThatThrownBy(() -> Trainer.resume(twice, data(), new Trainer.Options(stopInEpoch7, twice, stop)))
                .isInstanceOf(TrainingInterruptedException.class).hasMessageContaining("epoch 7, batch 1");
        TrainedModel resumedAgain = Trainer.resume(twice, data(), Trainer.Options.none());
        assertThat(resumedAgain.network().params().toFloatVector()).containsExactly(straight.network().params().toFloatVector());
        assertThat(resumedAgain.history()).extracting(CheckpointFixtureTest::withoutTimes)
                .containsExactlyElementsOf(straight.history().stream().map(CheckpointFixtureTest::withoutTimes).toList());
        assertThat(resumedAgain.bestEpoch()).isEqualTo(straight.bestEpoch());
    }

    private static EpochStats withoutTimes(EpochStats e) {
        return new EpochStats(e.epoch(), e.trainLoss(), e.validationAccuracy(), 0, 0);
    }
}
