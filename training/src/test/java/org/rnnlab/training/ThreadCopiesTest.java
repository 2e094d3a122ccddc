package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;

/**
 * A service's pool of threads calling {@link SequenceClassifier#predict}: each thread's copy of the network keeps
 * working arrays as large as its largest request, and with those copies held for good six idle threads that had each
 * classified one large request ran a heap out (a user's service, one request at a time). In a JVM of its own with a
 * small heap.
 */
class ThreadCopiesTest {

    @Test
    void idleThreadsThatOnceClassifiedLargeRequestsDoNotExhaustTheHeap(@TempDir Path dir) throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(32, 4);
        TrainedModel trained = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(16)),
                TrainingConfig.defaults().withEpochs(1), data);
        Path file = dir.resolve("model.rnnlab");
        ModelCard card = ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(4L)), 3, 6, Optional.empty());
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx320m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), file.toString()).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("6 large requests classified alike");
    }

    /** Six threads that stay alive, each classifying 256 sequences of 1,000 steps, one after the other. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            SequenceClassifier model = ModelBundle.load(Path.of(args[0]));
            List<float[][]> request = new ArrayList<>();
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < 256; i++) {
                float[][] seq = new float[1000][2];
                for (float[] step : seq) {
                    step[0] = (float) random.nextGaussian();
                    step[1] = (float) random.nextGaussian();
                }
                request.add(seq);
            }
            String[] first = new String[1];
            CountDownLatch end = new CountDownLatch(1);
            Thread[] threads = new Thread[6];
            for (int i = 0; i < threads.length; i++) {
                CountDownLatch handled = new CountDownLatch(1);
                threads[i] = new Thread(() -> {
                    String labels = classify(model, request);
                    if (first[0] == null) {
                        first[0] = labels;
                    } else if (!first[0].equals(labels)) {
                        System.out.println("another thread's labels differ");
                        System.exit(2);
                    }
                    handled.countDown();
                    try {
                        end.await(); // idle in the pool, its copy of the network kept (softly)
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                threads[i].setDaemon(true);
                threads[i].setUncaughtExceptionHandler((t, e) -> {
                    System.out.println("request failed: " + e + (e.getCause() == null ? "" : " caused by " + e.getCause()));
                    System.exit(1);
                });
                threads[i].start();
                handled.await();
            }
            end.countDown();
            System.out.println("6 large requests classified alike");
        }

        private static String classify(SequenceClassifier model, List<float[][]> request) {
            StringBuilder sb = new StringBuilder();
            for (SequenceClassifier.Prediction p : model.predict(request)) {
                sb.append(p.index());
            }
            return sb.toString();
        }
    }
}
