package org.rnnlab.core.bptt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences in double precision on every parameter entry and every input entry:
 * (L(theta + eps) - L(theta - eps)) / (2 eps) against the hand-written BPTT gradient, relative error
 * |a - n| / max(|a| + |n|, floor) with an absolute floor for entries that are (near) zero.
 */
class VanillaRnnGradientCheckTest {

    private static final double EPS = 1e-6;
    private static final double MAX_REL_ERROR = 1e-6;
    private static final double ABS_FLOOR = 1e-8;
    private static final int CLASSES = 3;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(3, 2, 1, 1, RnnActivation.TANH, LossMode.LAST_STEP),
                Arguments.of(4, 3, 2, 5, RnnActivation.TANH, LossMode.LAST_STEP),
                Arguments.of(4, 3, 3, 4, RnnActivation.TANH, LossMode.EVERY_STEP),
                Arguments.of(3, 2, 2, 6, RnnActivation.RELU, LossMode.LAST_STEP),
                Arguments.of(3, 4, 2, 4, RnnActivation.RELU, LossMode.EVERY_STEP),
                Arguments.of(2, 3, 2, 5, RnnActivation.LINEAR, LossMode.LAST_STEP),
                Arguments.of(5, 2, 1, 7, RnnActivation.LINEAR, LossMode.EVERY_STEP),
                Arguments.of(6, 1, 4, 3, RnnActivation.TANH, LossMode.EVERY_STEP));
    }

    @ParameterizedTest(name = "H={0} D={1} B={2} T={3} {4} {5}")
    @MethodSource("cases")
    void bpttMatchesCentralDifferences(int hidden, int inputs, int batch, int length, RnnActivation act, LossMode mode) {
        long seed = 1000L * hidden + 100L * inputs + 10L * batch + length + act.ordinal() * 7L + mode.ordinal();
        RnnParameters p = BpttTestData.params(hidden, inputs, CLASSES, seed);
        INDArray x = BpttTestData.inputs(batch, inputs, length, seed + 1);
        INDArray y = BpttTestData.labels(mode, batch, CLASSES, length, seed + 2);
        VanillaRnn net = new VanillaRnn(p, act, mode);
        BpttResult r = net.lossAndGradients(x, y);
        assertThat(r.loss()).isCloseTo(net.loss(x, y), Offset.offset(1e-12));

        List<String> failures = new ArrayList<>();
        int checked = 0;
        // parameters: each of the five arrays, every entry
        String[] names = {"W_h", "W_x", "b", "W_y", "b_y"};
        List<Function<RnnParameters, INDArray>> getters = List.of(RnnParameters::wh, RnnParameters::wx,
                RnnParameters::b, RnnParameters::wy, RnnParameters::by);
        INDArray[] analytic = {r.gradients().dWh(), r.gradients().dWx(), r.gradients().db(), r.gradients().dWy(),
                r.gradients().dby()};
        for (int k = 0; k < names.length; k++) {
            INDArray base = getters.get(k).apply(p);
            for (int i = 0; i < base.length(); i++) {
                double plus = net.withParams(replace(p, k, perturbed(base, i, EPS))).loss(x, y);
                double minus = net.withParams(replace(p, k, perturbed(base, i, -EPS))).loss(x, y);
                double numeric = (plus - minus) / (2 * EPS);
                check(failures, names[k] + "[" + i + "]", analytic[k].getDouble(i), numeric);
                checked++;
            }
        }
        // inputs: every entry of x
        for (int i = 0; i < x.length(); i++) {
            double plus = net.loss(perturbed(x, i, EPS), y);
            double minus = net.loss(perturbed(x, i, -EPS), y);
            check(failures, "x[" + i + "]", r.dLdx().dup('c').getDouble(i), (plus - minus) / (2 * EPS));
            checked++;
        }
        assertThat(checked).isEqualTo(p.count() + x.length());
        assertThat(failures).as("entries whose relative error exceeds %s", MAX_REL_ERROR).isEmpty();
    }

    private static void check(List<String> failures, String what, double a, double n) {
        double rel = Math.abs(a - n) / Math.max(Math.abs(a) + Math.abs(n), ABS_FLOOR);
        if (!(rel <= MAX_REL_ERROR)) {
            failures.add(what + ": analytic " + a + " numeric " + n + " rel " + rel);
        }
    }

    /** A c-order copy of {@code a} with entry i (in c order) shifted by delta. */
    static INDArray perturbed(INDArray a, int i, double delta) {
        INDArray c = a.dup('c');
        c.putScalar(i, c.getDouble(i) + delta);
        return c;
    }

    static RnnParameters replace(RnnParameters p, int k, INDArray v) {
        return switch (k) {
            case 0 -> new RnnParameters(v, p.wx(), p.b(), p.wy(), p.by());
            case 1 -> new RnnParameters(p.wh(), v, p.b(), p.wy(), p.by());
            case 2 -> new RnnParameters(p.wh(), p.wx(), v, p.wy(), p.by());
            case 3 -> new RnnParameters(p.wh(), p.wx(), p.b(), v, p.by());
            default -> new RnnParameters(p.wh(), p.wx(), p.b(), p.wy(), v);
        };
    }
}
