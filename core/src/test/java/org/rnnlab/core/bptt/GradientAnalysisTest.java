package org.rnnlab.core.bptt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

class GradientAnalysisTest {

    private static final INDArray WORKED = Nd4j.createFromArray(new double[][] {{0.5, 0.01}, {0.3, 0.5}});

    /** sigma_max of a 2x2 matrix in closed form: the square root of the largest eigenvalue of A^T A. */
    private static double sigma2x2(INDArray a) {
        INDArray m = a.transpose().mmul(a);
        double p = m.getDouble(0, 0);
        double q = m.getDouble(0, 1);
        double s = m.getDouble(1, 1);
        double tr = p + s;
        double det = p * s - q * q;
        return Math.sqrt(tr / 2 + Math.sqrt(tr * tr / 4 - det));
    }

    @Test
    void workedExampleCubeMatchesThePrintedDigits() {
        INDArray cube = WORKED.mmul(WORKED).mmul(WORKED);
        assertThat(cube.getDouble(0, 0)).isCloseTo(0.1295, within(5e-5));
        assertThat(cube.getDouble(0, 1)).isCloseTo(0.00753, within(5e-6));
        assertThat(cube.getDouble(1, 0)).isCloseTo(0.2259, within(5e-5));
        assertThat(cube.getDouble(1, 1)).isCloseTo(0.1295, within(5e-5));
    }

    @Test
    void linearJacobianOverThreeStepsIsTheSpectralNormOfTheCube() {
        RnnParameters p = RnnParameters.random(2, 2, 2, 1).withRecurrent(WORKED);
        VanillaRnn net = new VanillaRnn(p, RnnActivation.LINEAR, LossMode.LAST_STEP);
        AnalysisResult a = GradientAnalysis.analyse(net, BpttTestData.inputs(1, 2, 4, 5), 0);
        double expected = sigma2x2(WORKED.mmul(WORKED).mmul(WORKED));
        assertThat(a.atDistance(3).jacobianNorm()).isCloseTo(expected, within(1e-9 * expected));
        assertThat(a.atDistance(3).recurrentPowerNorm()).isCloseTo(expected, within(1e-9 * expected));
        assertThat(a.atDistance(0).jacobianNorm()).isEqualTo(1.0);
        assertThat(a.largestSingularValue()).isCloseTo(sigma2x2(WORKED), within(1e-12));
        // eigenvalues 0.5 +- sqrt(0.01 * 0.3)
        assertThat(a.spectralRadius()).isCloseTo(0.5 + Math.sqrt(0.003), within(1e-9));
    }

    @Test
    void spectralRadiusOfARotationIsItsScale() {
        INDArray rot = Nd4j.createFromArray(new double[][] {{0, -0.8}, {0.8, 0}});
        assertThat(Spectral.spectralRadius(rot.data().asDouble(), 2)).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void spectralRadiusOfANonNormalMatrixWithKnownEigenvalues() {
        // B has eigenvalues 0.6 +- 0.8i (modulus 1.0), 0.9, -0.95, 0.3; A = S B S^-1 with a random S
        INDArray b = Nd4j.zeros(DataType.DOUBLE, 5, 5);
        b.putScalar(0, 0, 0.6);
        b.putScalar(0, 1, -0.8);
        b.putScalar(1, 0, 0.8);
        b.putScalar(1, 1, 0.6);
        b.putScalar(2, 2, 0.9);
        b.putScalar(3, 3, -0.95);
        b.putScalar(4, 4, 0.3);
        INDArray s = RnnParameters.random(5, 1, 2, 99).wh().addi(Nd4j.eye(5).castTo(DataType.DOUBLE));
        INDArray a = s.mmul(b).mmul(InvertMatrix.invert(s, false)).dup('c');
        assertThat(Spectral.spectralRadius(a.data().asDouble(), 5)).isCloseTo(1.0, within(1e-8));
        INDArray scaled = a.mul(0.5).dup('c');
        assertThat(Spectral.spectralRadius(scaled.data().asDouble(), 5)).isCloseTo(0.5, within(1e-8));
    }

    @Test
    void rowsAgreeWithExplicitProductsAndWithVanillaRnn() {
        int h = 5;
        int steps = 7;
        RnnParameters p = BpttTestData.params(h, 3, 3, 11);
        VanillaRnn net = new VanillaRnn(p, RnnActivation.TANH, LossMode.LAST_STEP);
        INDArray x = BpttTestData.inputs(1, 3, steps, 12);
        INDArray y = BpttTestData.labels(LossMode.LAST_STEP, 1, 3, steps, 13);
        AnalysisResult a = GradientAnalysis.analyse(net, x, y);
        BpttResult r = net.lossAndGradients(x, y);
        assertThat(a.loss()).isCloseTo(r.loss(), within(1e-12));
        INDArray fp = RnnActivation.TANH.derivative(r.forward().preActivations(), r.forward().hidden());
        INDArray jac = Nd4j.eye(h).castTo(DataType.DOUBLE);
        INDArray pow = Nd4j.eye(h).castTo(DataType.DOUBLE);
        double[] actProd = new double[h];
        Arrays.fill(actProd, 1.0);
        for (int t = steps - 1; t >= 0; t--) {
            int d = steps - 1 - t;
            if (d > 0) {
                INDArray f = fp.get(point(0), all(), point(t + 1)).dup();
                jac = jac.mmul(p.wh().mulColumnVector(f.reshape(h, 1)));
                pow = pow.mmul(p.wh());
                for (int i = 0; i < h; i++) {
                    actProd[i] *= f.getDouble(i);
                }
            }
            StepAnalysis row = a.rows().get(t);
            assertThat(row.t()).isEqualTo(t);
            assertThat(row.distance()).isEqualTo(d);
            double jn = Spectral.spectralNorm(jac);
            assertThat(row.jacobianNorm()).as("||J|| at t=%d", t).isCloseTo(jn, within(1e-8 * jn));
            double pn = Spectral.spectralNorm(pow);
            assertThat(row.recurrentPowerNorm()).isCloseTo(pn, within(1e-8 * pn));
            assertThat(row.activationProductMax()).isCloseTo(Arrays.stream(actProd).max().orElseThrow(), within(1e-14));
            assertThat(row.activationProductMin()).isCloseTo(Arrays.stream(actProd).min().orElseThrow(), within(1e-14));
            double dh = r.dLdh().get(point(0), all(), point(t)).norm2Number().doubleValue();
            assertThat(row.hiddenGradNorm()).isCloseTo(dh, within(1e-12 * Math.max(dh, 1e-300)));
            double term = t == 0 ? 0.0 : r.dLdu().get(point(0), all(), point(t)).reshape(h, 1)
                    .mmul(r.forward().hidden().get(point(0), all(), point(t - 1)).reshape(1, h)).norm2Number().doubleValue();
            assertThat(row.recurrentGradContribution()).isCloseTo(term, within(1e-12 + 1e-10 * term));
        }
        // the per-step terms add up to dL/dW_h
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, h, h);
        for (int t = 1; t < steps; t++) {
            sum.addi(r.dLdu().get(point(0), all(), point(t)).reshape(h, 1)
                    .mmul(r.forward().hidden().get(point(0), all(), point(t - 1)).reshape(1, h)));
        }
        assertThat(sum.sub(r.gradients().dWh()).norm2Number().doubleValue()).isLessThan(1e-12);
        assertThat(a.toCsv().lines().findFirst().orElseThrow()).isEqualTo(StepAnalysis.CSV_HEADER);
        assertThat(a.toCsv().lines().count()).isEqualTo(steps + 1L);
    }

    /**
     * Loss at every step, the tiny case of {@link GoldenValuesTest} (H 2, D 2, T 3, tanh) with step labels (1, 0, 1).
     * Expected values from an independent plain-Python script (math.tanh/exp/log only): the loss by the forward
     * recursion, ||dL/dh_t|| and ||dL/du_t|| by central differences (eps 1e-5) of that loss under a perturbation
     * of h_t or u_t, and the contribution ||dL/du_t|| ||h_{t-1}||.
     */
    @Test
    void everyStepLossHasTheIndependentlyComputedLossAndGradientNorms() {
        RnnParameters p = new RnnParameters(
                Nd4j.createFromArray(new double[][] {{0.5, 0.01}, {0.3, 0.5}}),
                Nd4j.createFromArray(new double[][] {{1.0, -0.5}, {0.25, 0.75}}),
                Nd4j.createFromArray(0.1, -0.2),
                Nd4j.createFromArray(new double[][] {{1.0, -1.0}, {0.5, 0.25}}),
                Nd4j.createFromArray(0.0, 0.1));
        INDArray x = Nd4j.createFromArray(new double[][][] {{{1, 0, 1}, {0, 1, 1}}});
        // one-hot [1, C=2, T=3]: class 1, 0, 1
        INDArray y = Nd4j.createFromArray(new double[][][] {{{0, 1, 0}, {1, 0, 1}}});
        AnalysisResult a = GradientAnalysis.analyse(new VanillaRnn(p, RnnActivation.TANH, LossMode.EVERY_STEP), x, y);

        assertThat(a.loss()).isCloseTo(2.446178243473, within(1e-9));
        double[] hiddenGrad = {0.532818005771, 0.904625214235, 0.404404414517};
        double[] contribution = {0.0, 0.459893293082, 0.111346362050};
        for (int t = 0; t < 3; t++) {
            assertThat(a.rows().get(t).hiddenGradNorm()).as("||dL/dh_%d||", t).isCloseTo(hiddenGrad[t], within(1e-8));
            assertThat(a.rows().get(t).recurrentGradContribution()).as("contribution of step %d", t)
                    .isCloseTo(contribution[t], within(1e-8));
        }
    }

    /**
     * Loss at every step on a larger random case (H = D = 5, T 8, tanh) against central differences in double
     * precision of {@link VanillaRnn#loss} (an independent ND4J implementation): with W_x = I, dL/dx_t = dL/du_t, so
     * the finite differences with respect to the inputs give delta_t, dL/dh_t = delta_t / (1 - h_t^2) and the step's
     * term in dL/dW_h has the norm ||delta_t|| ||h_{t-1}||.
     */
    @Test
    void everyStepLossRowsAgreeWithFiniteDifferences() {
        int h = 5;
        int steps = 8;
        RnnParameters random = BpttTestData.params(h, h, 3, 31);
        RnnParameters p = new RnnParameters(random.wh().mul(1.3), Nd4j.eye(h).castTo(DataType.DOUBLE), random.b(), random.wy().mul(2),
                random.by());
        VanillaRnn net = new VanillaRnn(p, RnnActivation.TANH, LossMode.EVERY_STEP);
        INDArray x = BpttTestData.inputs(1, h, steps, 32).muli(0.5);
        INDArray y = BpttTestData.labels(LossMode.EVERY_STEP, 1, 3, steps, 33);
        AnalysisResult a = GradientAnalysis.analyse(net, x, y);
        assertThat(a.loss()).isCloseTo(net.loss(x, y), within(1e-12));

        INDArray hidden = net.forward(x).hidden();
        double eps = 1e-6;
        double[] previous = new double[h];
        for (int t = 0; t < steps; t++) {
            double[] delta = new double[h];
            double[] dh = new double[h];
            double[] ht = new double[h];
            for (int i = 0; i < h; i++) {
                INDArray xp = x.dup();
                xp.putScalar(new int[] {0, i, t}, x.getDouble(0, i, t) + eps);
                INDArray xm = x.dup();
                xm.putScalar(new int[] {0, i, t}, x.getDouble(0, i, t) - eps);
                delta[i] = (net.loss(xp, y) - net.loss(xm, y)) / (2 * eps);
                ht[i] = hidden.getDouble(0, i, t);
                dh[i] = delta[i] / (1 - ht[i] * ht[i]);
            }
            StepAnalysis row = a.rows().get(t);
            double expected = norm(dh);
            assertThat(row.hiddenGradNorm()).as("||dL/dh_%d||", t).isCloseTo(expected, within(1e-7 * Math.max(1, expected)));
            double term = t == 0 ? 0 : norm(delta) * norm(previous);
            assertThat(row.recurrentGradContribution()).as("contribution of step %d", t).isCloseTo(term, within(1e-7 * Math.max(1, term)));
            assertThat(expected).isGreaterThan(1e-3);
            previous = ht;
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }

    @Test
    void boundHoldsOnRandomCases() {
        SplittableRandom rnd = new SplittableRandom(2024);
        RnnActivation[] acts = RnnActivation.values();
        for (int seed = 0; seed < 30; seed++) {
            int h = 2 + rnd.nextInt(12);
            int steps = 2 + rnd.nextInt(40);
            RnnActivation act = acts[seed % acts.length];
            double radius = 0.3 + 1.5 * rnd.nextDouble();
            RnnParameters p = BpttTestData.params(h, 3, 2, seed).withSpectralRadius(radius);
            VanillaRnn net = new VanillaRnn(p, act, LossMode.LAST_STEP);
            AnalysisResult a = GradientAnalysis.analyse(net, BpttTestData.inputs(1, 3, steps, seed + 100L), seed % 2);
            assertThat(a.spectralRadius()).isCloseTo(radius, within(1e-6 * radius));
            assertThat(a.largestSingularValue()).isGreaterThanOrEqualTo(a.spectralRadius() * (1 - 1e-9));
            for (StepAnalysis row : a.rows()) {
                assertThat(row.log10JacobianNorm()).as("seed %d %s t=%d", seed, act, row.t())
                        .isLessThanOrEqualTo(row.log10Bound() + 1e-9);
                if (act == RnnActivation.LINEAR) {
                    assertThat(row.log10JacobianNorm()).isCloseTo(row.log10RecurrentPowerNorm(), within(1e-9));
                }
            }
        }
    }
}
