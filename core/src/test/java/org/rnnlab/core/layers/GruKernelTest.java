package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.core.TestNets;

/**
 * {@link GruKernel} (the CPU path) against the layer's ND4J-operation implementation (the path of other
 * backends), same network and parameters: outputs, parameter gradients and input gradients agree to
 * 1e-9 in double precision and 1e-4 in single, with padding masks, stacked and bidirectional.
 */
class GruKernelTest {

    @BeforeAll
    static void defaults() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restore() {
        System.clearProperty(Nd4jRuntime.KERNELS_PROPERTY);
    }

    @ParameterizedTest(name = "{0} bidirectional={1}")
    @CsvSource({"DOUBLE, false", "DOUBLE, true", "FLOAT, false", "FLOAT, true"})
    void kernelEqualsNd4jOperations(DataType type, boolean bidirectional) {
        ModelSpec spec = TestNets.spec(CellType.GRU, bidirectional, List.of(6, 5), 1e-3);
        MultiLayerNetwork net = TestNets.buildNoOp(spec, 4, 3, type);
        Nd4j.getRandom().setSeed(17);
        net.setParams(Nd4j.rand(type, 1, net.numParams()).subi(0.5));
        INDArray x = TestNets.features(2, 5, 4, 8, type);
        INDArray y = TestNets.labels(5, 3, type);
        INDArray mask = TestNets.mask(new int[] {8, 3, 6, 1, 8}, 8, type);

        System.setProperty(Nd4jRuntime.KERNELS_PROPERTY, "off"); // the path of other backends
        Result nd4j = run(net, x, y, mask);
        System.clearProperty(Nd4jRuntime.KERNELS_PROPERTY);
        Result kernel = run(net, x, y, mask);
        double tolerance = type == DataType.DOUBLE ? 1e-9 : 1e-4;
        assertThat(maxDiff(kernel.output, nd4j.output)).isLessThan(tolerance);
        assertThat(maxDiff(kernel.gradient, nd4j.gradient)).isLessThan(tolerance);
        assertThat(maxDiff(kernel.inputGradient, nd4j.inputGradient)).isLessThan(tolerance);
        assertThat(nd4j.gradient.amaxNumber().doubleValue()).isGreaterThan(0);
    }

    private record Result(INDArray output, INDArray gradient, INDArray inputGradient) {
    }

    private static Result run(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        INDArray out = net.output(x, false, mask, null);
        net.setInput(x);
        net.setLabels(y);
        net.setLayerMaskArrays(mask, null);
        net.computeGradientAndScore();
        INDArray gradient = net.gradient().gradient().dup();
        Pair<Gradient, INDArray> p = net.calculateGradients(x, y, null, null);
        return new Result(out, gradient, p.getSecond().dup());
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
