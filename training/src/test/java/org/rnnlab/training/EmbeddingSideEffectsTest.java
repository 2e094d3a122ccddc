package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;

/**
 * Loading a model leaves the host program's Java deserialization alone: a user's service could no longer read its own
 * serialized objects after {@link ModelBundle#load}, nor set its own filter (Java allows the process-wide filter to be
 * set once). In a JVM of its own, which has no filter at the start.
 */
class EmbeddingSideEffectsTest {

    @Test
    void loadingAModelLeavesTheProcesssSerialFilterAlone(@TempDir Path dir) throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(16, 5);
        TrainedModel trained = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1), data);
        Path file = dir.resolve("model.rnnlab");
        ModelCard card = ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(4L)), 3, 6, Optional.empty());
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), file.toString()).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("filter after load: none", "read back: [a, b]", "own filter set");
    }

    /** A host program: loads and uses a model, then reads its own serialized list and sets its own filter. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            SequenceClassifier model = ModelBundle.load(Path.of(args[0]));
            model.predict(new float[][] {{0.5f, -0.5f}, {0.1f, 0.2f}});
            System.out.println("filter after load: " + (ObjectInputFilter.Config.getSerialFilter() == null ? "none" : "set"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
                o.writeObject(new ArrayList<>(List.of("a", "b")));
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                System.out.println("read back: " + in.readObject());
            }
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter("java.util.*;java.lang.*;!*"));
            System.out.println("own filter set");
        }
    }
}
