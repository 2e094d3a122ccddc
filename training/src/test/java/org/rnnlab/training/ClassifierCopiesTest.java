package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;

/**
 * The copies of the network a {@link SequenceClassifier} predicts with belong to it: a program that loaded the same
 * model hundreds of times, predicted on a pool of 4 threads and dropped each classifier kept 339 networks alive in the
 * pool's threads (a user's program).
 */
class ClassifierCopiesTest {
    @TempDir
    static Path dir;
    static Path file;
    static ExecutorService pool;

    @BeforeAll
    static void model() throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(32, 4);
        TrainedModel trained = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(8)),
                TrainingConfig.defaults().withEpochs(1), data);
        file = dir.resolve("model.rnnlab");
        ModelCard card = ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(4L)), 3, 6, Optional.empty());
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void end() {
        pool.shutdownNow();
    }

    private static List<float[][]> sequences(int n, long seed) {
        Random r = new Random(seed);
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] s = new float[1 + r.nextInt(8)][2];
            for (float[] step : s) {
                step[0] = (float) r.nextGaussian();
                step[1] = (float) r.nextGaussian();
            }
            out.add(s);
        }
        return out;
    }

    @Test
    void fourThreadsAtOncePredictAsOneThreadDoes() throws Exception {
        try (SequenceClassifier c = ModelBundle.load(file)) {
            List<float[][]> seqs = sequences(60, 1);
            List<SequenceClassifier.Prediction> reference = new ArrayList<>();
            for (float[][] s : seqs) {
                reference.add(c.predictUnwarned(java.util.Collections.singletonList(s)).get(0));
            }
            List<Future<Integer>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int seed = t;
                fs.add(pool.submit(() -> {
                    int differ = 0;
                    Random r = new Random(seed);
                    for (int k = 0; k < 100; k++) {
                        int i = r.nextInt(seqs.size());
                        if (!java.util.Arrays.equals(c.predictUnwarned(java.util.Collections.singletonList(seqs.get(i))).get(0).probabilities(),
                                reference.get(i).probabilities())) {
                            differ++;
                        }
                    }
                    return differ;
                }));
            }
            for (Future<Integer> f : fs) {
                assertThat(f.get()).isZero();
            }
        }
    }

    @Test
    void aDroppedClassifiersCopiesAreReclaimedThoughThePoolThreadsLive() throws Exception {
        WeakReference<MultiLayerNetwork> copy = predictOnThePoolAndDrop();
        for (int i = 0; i < 50 && copy.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(copy.get()).as("the dropped classifier's copy of the network, which a pool thread predicted with, is reclaimed")
                .isNull();
    }

    /** Loads the model, predicts 8 times on the pool, and returns a weak reference to a copy a pool thread used. */
    private static WeakReference<MultiLayerNetwork> predictOnThePoolAndDrop() throws Exception {
        SequenceClassifier c = ModelBundle.load(file);
        float[][] s = sequences(1, 2).get(0);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            fs.add(pool.submit(() -> c.predict(s)));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        WeakReference<MultiLayerNetwork> copy = pool.submit(() -> {
            MultiLayerNetwork net = c.borrow();
            c.giveBack(net);
            return new WeakReference<>(net);
        }).get();
        assertThat(copy.get()).isNotNull();
        return copy;
    }

    @Test
    void closeReleasesTheCopiesAndLaterPredictionsAreAClearError() throws Exception {
        SequenceClassifier c = ModelBundle.load(file);
        float[][] s = sequences(1, 3).get(0);
        c.predict(s);
        MultiLayerNetwork held = c.borrow(); // a call still running while the classifier is closed
        c.close();
        c.close(); // twice does nothing
        c.giveBack(held);
        assertThatThrownBy(() -> c.predict(s)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed").hasMessageContaining("ModelBundle.load");
        assertThatThrownBy(() -> c.predictUnwarned(java.util.Collections.singletonList(s))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::borrow).isInstanceOf(IllegalStateException.class);
    }
}
