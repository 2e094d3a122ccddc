package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The recurrent kernels' per-step products through oneDNN's matmul ({@link StepProduct}) against OpenBLAS's
 * {@code cblas_sgemm} ({@link HostArray#gemm}): the same products to float rounding, replacing and accumulating, with
 * operands inside larger buffers (the kernels' step blocks), after {@code B} changes (reordered again) and after the
 * shape changes (a new primitive); the route as documented (double precision, small {@code B} and
 * {@code -Drnnlab.onednn=off} stay on OpenBLAS); and whole networks' gradients with oneDNN on and off.
 */
class StepProductTest {

    @BeforeEach
    void requireOneDnn() {
        System.clearProperty(OneDnn.PROPERTY);
        System.setProperty(StepProduct.PAD_PROPERTY, "on"); // the padded paths on any machine (by default only below AVX-512)
        assumeTrue(OneDnn.usable(), "oneDNN does not load on this machine: " + OneDnn.describe());
    }

    @AfterEach
    void restore() {
        System.clearProperty(OneDnn.PROPERTY);
        System.clearProperty(StepProduct.PAD_PROPERTY);
        System.clearProperty(OneDnn.TRAINING_PROPERTY);
    }

    @ParameterizedTest(name = "m {0}, k {1}, n {2}, accumulate {3}")
    @CsvSource({"64, 64, 256, true", "64, 64, 256, false", "19, 128, 512, true", "32, 512, 128, false", "7, 97, 288, false",
            "16, 256, 1024, false", "16, 256, 1024, true", "16, 1536, 512, false"})
    void equalsOpenBlasForEachStepOfASweep(int m, int k, int n, boolean accumulate) {
        Nd4j.getRandom().setSeed(3);
        int steps = 3;
        INDArray a = Nd4j.rand(DataType.FLOAT, steps * m, k).subi(0.5);   // A_t: rows [t·m, (t + 1)·m)
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.FLOAT, steps * m, n);
        INDArray byOneDnn = c0.dup();
        INDArray byBlas = c0.dup();
        StepProduct product = new StepProduct(accumulate);
        long before = StepProduct.byOneDnnCount();
        for (int sweep = 0; sweep < 2; sweep++) {
            if (sweep == 1) {
                b.muli(-2); // new weights between sweeps: reordered again
            }
            product.prepare(m, k, n, HostArray.of(b).matrix(0, n));
            for (int t = 0; t < steps; t++) {
                product.multiply(HostArray.of(a).matrix((long) t * m * k, k), HostArray.of(byOneDnn).matrix((long) t * m * n, n));
                HostArray.gemm(false, false, m, n, k, 1, HostArray.of(a).matrix((long) t * m * k, k), HostArray.of(b).matrix(0, n),
                        accumulate ? 1 : 0, HostArray.of(byBlas).matrix((long) t * m * n, n));
            }
            assertThat(maxRelative(byOneDnn, byBlas)).as("sweep %d", sweep).isLessThan(1e-5);
        }
        assertThat(StepProduct.byOneDnnCount() - before).isEqualTo(2L * steps);
        if (!accumulate) {
            assertThat(maxRelative(byOneDnn, c0)).as("replaced, not added to").isGreaterThan(1e-2);
        }
    }

    /**
     * Operands whose rows lie farther apart than their widths ({@code lda > k}, {@code ldc > n}: the LSTM's padded
     * pre-activation rows): the same products as OpenBLAS's with those leading dimensions, and the elements between
     * {@code C}'s rows left as they were.
     */
    @ParameterizedTest(name = "n {0}, accumulate {1}")
    @CsvSource({"256, true", "256, false", "512, true", "512, false"})
    void stridedRowsEqualOpenBlasAndLeaveTheGapsAlone(int n, boolean accumulate) {
        Nd4j.getRandom().setSeed(4);
        int m = 20;
        int k = 128;
        int lda = 136;
        int ldc = n + 16;
        INDArray a = Nd4j.rand(DataType.FLOAT, m, lda).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.FLOAT, m, ldc);
        INDArray byOneDnn = c0.dup();
        INDArray byBlas = c0.dup();
        StepProduct product = new StepProduct(accumulate);
        product.prepare(m, k, n, HostArray.of(b).matrix(0, n), lda, ldc);
        assertThat(product.byOneDnn()).isTrue();
        long before = StepProduct.byOneDnnCount();
        product.multiply(HostArray.of(a).matrix(0, lda), HostArray.of(byOneDnn).matrix(0, ldc));
        assertThat(StepProduct.byOneDnnCount() - before).isEqualTo(1);
        HostArray.gemm(false, false, m, n, k, 1, HostArray.of(a).matrix(0, lda), HostArray.of(b).matrix(0, n), accumulate ? 1 : 0,
                HostArray.of(byBlas).matrix(0, ldc));
        assertThat(maxRelative(byOneDnn, byBlas)).isLessThan(1e-5);
        INDArray gaps = byOneDnn.get(NDArrayIndex.all(), NDArrayIndex.interval(n, ldc));
        assertThat(gaps).isEqualTo(c0.get(NDArrayIndex.all(), NDArrayIndex.interval(n, ldc)));
        if (!accumulate) {
            assertThat(maxRelative(byOneDnn, c0)).as("replaced, not added to").isGreaterThan(1e-2);
        }
    }

    @Test
    void aProductOfAWidthThatIsAMultipleOf512IsComputedWider() {
        StepProduct product = new StepProduct(false);
        INDArray b = Nd4j.rand(DataType.FLOAT, 256, 1024);
        product.prepare(64, 256, 1024, HostArray.of(b).matrix(0, 1024));
        assertThat(product.width()).isEqualTo(1040);
        System.setProperty(StepProduct.PAD_PROPERTY, "off");
        product.prepare(64, 256, 1024, HostArray.of(b).matrix(0, 1024));
        assertThat(product.width()).isEqualTo(1024);
        // by default, only where oneDNN runs below AVX-512
        System.clearProperty(StepProduct.PAD_PROPERTY);
        product.prepare(64, 256, 1024, HostArray.of(b).matrix(0, 1024));
        assertThat(product.width()).isEqualTo(OneDnn.belowAvx512() ? 1040 : 1024);
        System.setProperty(StepProduct.PAD_PROPERTY, "on");
        product.prepare(64, 256, 768, HostArray.of(b).matrix(0, 1024)); // B's rows 1024 apart: not for oneDNN
        assertThat(product.width()).isEqualTo(768);
    }

    /** One StepProduct through padding on, off and on again: rebuilt each time, each product equal to OpenBLAS's. */
    @ParameterizedTest(name = "accumulate {0}")
    @CsvSource({"true", "false"})
    void theSwitchRebuildsAndEachProductIsRight(boolean accumulate) {
        Nd4j.getRandom().setSeed(9);
        int m = 16;
        int k = 128;
        int n = 512;
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n).subi(0.5);
        StepProduct product = new StepProduct(accumulate);
        for (String mode : new String[] {"on", "off", "on"}) {
            System.setProperty(StepProduct.PAD_PROPERTY, mode);
            INDArray c0 = Nd4j.rand(DataType.FLOAT, m, n);
            INDArray byOneDnn = c0.dup();
            INDArray byBlas = c0.dup();
            product.prepare(m, k, n, HostArray.of(b).matrix(0, n));
            assertThat(product.width()).as(mode).isEqualTo(mode.equals("on") ? n + StepProduct.PAD : n);
            product.multiply(HostArray.of(a).matrix(0, k), HostArray.of(byOneDnn).matrix(0, n));
            HostArray.gemm(false, false, m, n, k, 1, HostArray.of(a).matrix(0, k), HostArray.of(b).matrix(0, n), accumulate ? 1 : 0,
                    HostArray.of(byBlas).matrix(0, n));
            assertThat(maxRelative(byOneDnn, byBlas)).as(mode).isLessThan(1e-5);
        }
    }

    @Test
    void padsWidthsOfMultiplesOf512() {
        assertThat(StepProduct.paddedWidth(512)).isEqualTo(528);
        assertThat(StepProduct.paddedWidth(1024)).isEqualTo(1040);
        assertThat(StepProduct.paddedWidth(2048)).isEqualTo(2064);
        assertThat(StepProduct.paddedWidth(256)).isEqualTo(256);
        assertThat(StepProduct.paddedWidth(768)).isEqualTo(768);
        assertThat(StepProduct.paddedWidth(4 * 100)).isEqualTo(400);
    }

    @Test
    void rebuildsWhenTheShapeChanges() {
        StepProduct product = new StepProduct(false);
        for (int m : new int[] {64, 32, 64, 5}) {
            INDArray a = Nd4j.rand(DataType.FLOAT, m, 128);
            INDArray b = Nd4j.rand(DataType.FLOAT, 128, 256);
            INDArray c = Nd4j.zeros(DataType.FLOAT, m, 256);
            product.prepare(m, 128, 256, HostArray.of(b).matrix(0, 256));
            product.multiply(HostArray.of(a).matrix(0, 128), HostArray.of(c).matrix(0, 256));
            assertThat(maxRelative(c, a.mmul(b))).as("m %d", m).isLessThan(1e-5);
        }
    }

    @Test
    void doubleSmallWeightsAndSwitchedOffStayOnOpenBlas() {
        assertRoute(DataType.DOUBLE, 64, 256, false);
        assertRoute(DataType.FLOAT, 64, 64, false);  // B of 4096 elements: below StepProduct.MIN_WEIGHTS
        assertRoute(DataType.FLOAT, 64, 256, true);
        System.setProperty(OneDnn.PROPERTY, "off");
        assertRoute(DataType.FLOAT, 64, 256, false);
    }

    @Test
    void oneRowProductsOfFewMultiplyAddsStayOnOpenBlas() {
        assertRoute(DataType.FLOAT, 1, 128, 128, false);  // serving through an RNN of 128 units: 2^14 multiply-adds
        assertRoute(DataType.FLOAT, 1, 257, 768, true);   // a GRU of 256 units
    }

    private static void assertRoute(DataType type, int k, int n, boolean oneDnn) {
        assertRoute(type, 16, k, n, oneDnn);
    }

    private static void assertRoute(DataType type, int m, int k, int n, boolean oneDnn) {
        INDArray a = Nd4j.rand(type, m, k);
        INDArray b = Nd4j.rand(type, k, n);
        INDArray c = Nd4j.zeros(type, m, n);
        StepProduct product = new StepProduct(false);
        long before = StepProduct.byOneDnnCount();
        product.prepare(m, k, n, HostArray.of(b).matrix(0, n));
        product.multiply(HostArray.of(a).matrix(0, k), HostArray.of(c).matrix(0, n));
        assertThat(StepProduct.byOneDnnCount() - before).as("%s [%d x %d]", type, k, n).isEqualTo(oneDnn ? 1 : 0);
        assertThat(maxRelative(c, a.mmul(b))).isLessThan(type == DataType.DOUBLE ? 1e-12 : 1e-5);
    }

    /**
     * A float network's gradients with the step products through oneDNN equal those through OpenBLAS (the LSTM's with
     * its training passes on rnnlab's kernel, {@link OneDnn#TRAINING_PROPERTY}, where the step products are).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"lstm, 64", "gru, 96", "rnn, 128"})
    void networkGradientsAreTheSameEitherWay(String cell, int hidden) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).updater(new NoOp()).list()
                .layer(new LastTimeStep(switch (cell) {
                    case "lstm" -> new Lstm.Builder().nIn(5).nOut(hidden).build();
                    case "gru" -> new Gru.Builder().nIn(5).nOut(hidden).build();
                    default -> new Rnn.Builder().nIn(5).nOut(hidden).activation(Activation.TANH).build();
                }))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(hidden).nOut(3).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.randn(DataType.FLOAT, 12, 5, 20);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 12, 3);
        for (int i = 0; i < 12; i++) {
            y.putScalar(i, i % 3, 1);
        }
        System.setProperty(OneDnn.TRAINING_PROPERTY, "off");
        long before = StepProduct.byOneDnnCount();
        INDArray withOneDnn = gradient(net, x, y);
        assertThat(StepProduct.byOneDnnCount() - before).as("products through oneDNN").isGreaterThanOrEqualTo(2L * 19);
        System.setProperty(OneDnn.PROPERTY, "off");
        before = StepProduct.byOneDnnCount();
        INDArray withBlas = gradient(net, x, y);
        assertThat(StepProduct.byOneDnnCount()).isEqualTo(before);
        assertThat(maxRelative(withOneDnn, withBlas)).isLessThan(1e-3);
        assertThat(withBlas.norm2Number().doubleValue()).isGreaterThan(1e-3);
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    /** max |a - b| / max(max |b|, tiny): the largest difference relative to the array's scale. */
    private static double maxRelative(INDArray a, INDArray b) {
        double scale = Math.max(b.amaxNumber().doubleValue(), 1e-30);
        return a.sub(b).amaxNumber().doubleValue() / scale;
    }
}
