package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * (c) A task whose class is only in step 0 of right-padded sequences of 16-20 steps (the rest is noise): a bidirectional
 * GRU with the {@code last} head learns it within a small budget, because its backward direction's final state (step 0)
 * has just read the class; the legacy head {@code last-step} reads the backward direction where it has seen one step
 * only and must carry the class through the whole forward recurrence, as a one-directional GRU must.
 */
class BidirectionalFirstStepTaskTest {

    private static final int CLASSES = 4;
    private static final int FEATURES = 4;
    private static final int MIN_LENGTH = 16;
    private static final int MAX_LENGTH = 20;

    @Test
    void aBidirectionalGruWithTheLastHeadLearnsAClassGivenOnlyInStepZero() {
        DataSet train = data(256, 1);
        DataSet test = data(200, 2);
        ModelSpec spec = ModelSpec.of(CellType.GRU).withBidirectional(true).withHiddenSizes(List.of(16))
                .withUpdater(UpdaterKind.ADAM, 0.01).withSeed(7);
        double perDirection = accuracyAfterTraining(spec, train, test);
        double legacy = accuracyAfterTraining(spec.withHead(SequenceHead.LAST_STEP), train, test);
        System.out.printf("class in step 0 of %d-%d steps, bigru 16, 4 epochs: last %.3f, last-step %.3f (chance %.2f)%n",
                MIN_LENGTH, MAX_LENGTH, perDirection, legacy, 1.0 / CLASSES);
        assertThat(perDirection).as("test accuracy of the last head (chance 0.25)").isGreaterThan(0.9);
        assertThat(perDirection).as("the last head against the legacy last-step head").isGreaterThan(legacy + 0.2);
    }

    private static double accuracyAfterTraining(ModelSpec spec, DataSet train, DataSet test) {
        MultiLayerNetwork net = NetworkFactory.build(spec, FEATURES, CLASSES);
        for (int epoch = 0; epoch < 4; epoch++) {
            for (DataSet batch : train.batchBy(32)) {
                net.fit(batch);
            }
        }
        INDArray out = net.output(test.getFeatures(), false, test.getFeaturesMaskArray(), null);
        INDArray predicted = out.argMax(1);
        INDArray actual = test.getLabels().argMax(1);
        return predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** {@code n} sequences: step 0 holds the class one-hot (plus noise), every other valid step noise only; right-padded. */
    private static DataSet data(int n, long seed) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, FEATURES, MAX_LENGTH);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, n, MAX_LENGTH);
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(CLASSES);
            int length = MIN_LENGTH + r.nextInt(MAX_LENGTH - MIN_LENGTH + 1);
            y.putScalar(i, label, 1);
            for (int t = 0; t < length; t++) {
                mask.putScalar(i, t, 1);
                for (int f = 0; f < FEATURES; f++) {
                    double noise = r.nextGaussian() * (t == 0 ? 0.1 : 1.0);
                    x.putScalar(new int[] {i, f, t}, (t == 0 && f == label ? 1.0 : 0.0) + noise);
                }
            }
        }
        return new DataSet(x, y, mask, null);
    }
}
