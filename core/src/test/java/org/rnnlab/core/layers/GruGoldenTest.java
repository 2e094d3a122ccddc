package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Outputs and gradients of {@link GruLayer} against PyTorch's {@code nn.GRU} in double precision
 * ({@code golden/gru_golden.json}, written by {@code golden/make_gru_golden.py}: nIn 3, H 4, batch 2, 5
 * steps). PyTorch's weights go into the layer's parameter table transposed ({@code W = weight_ih_l0ᵀ},
 * {@code RW = weight_hh_l0ᵀ}, {@code b = bias_ih_l0}, {@code rb = bias_hh_l0}). The loss is
 * {@code L = Σ out ⊙ coeff}, so the layer's {@code backpropGradient} is called with epsilon = dL/d(out) =
 * coeff and must return PyTorch's dL/d(parameters) and dL/d(input).
 */
class GruGoldenTest {

    private static final double TOLERANCE = 1e-10;
    private static JsonNode golden;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = GruGoldenTest.class.getResourceAsStream("/golden/gru_golden.json")) {
            assertThat(in).as("golden/gru_golden.json on the test classpath").isNotNull();
            golden = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void outputsAndGradientsMatchPyTorch() {
        int nIn = golden.get("nIn").asInt();
        int h = golden.get("hidden").asInt();
        int mb = golden.get("batch").asInt();
        int steps = golden.get("steps").asInt();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).updater(new NoOp()).list()
                .layer(new Gru.Builder().nIn(nIn).nOut(h).build())
                .layer(new RnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.initGradientsView();
        Layer gru = net.getLayer(0);
        gru.setParam(GruParamInitializer.INPUT_WEIGHT_KEY, matrix(golden.get("weight_ih_l0")).transpose());
        gru.setParam(GruParamInitializer.RECURRENT_WEIGHT_KEY, matrix(golden.get("weight_hh_l0")).transpose());
        gru.setParam(GruParamInitializer.BIAS_KEY, row(golden.get("bias_ih_l0")));
        gru.setParam(GruParamInitializer.RECURRENT_BIAS_KEY, row(golden.get("bias_hh_l0")));

        INDArray x = batchFirstToNcw(golden.get("input"), mb, steps, nIn);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray out = gru.activate(x, false, mgr);
        assertClose("output", out, batchFirstToNcw(golden.get("output"), mb, steps, h));
        assertThat(out.mul(batchFirstToNcw(golden.get("coeff"), mb, steps, h)).sumNumber().doubleValue())
                .isCloseTo(golden.get("loss").asDouble(), Offset.offset(TOLERANCE));

        gru.setInput(x, mgr);
        Pair<Gradient, INDArray> bp = gru.backpropGradient(batchFirstToNcw(golden.get("coeff"), mb, steps, h), mgr);
        Gradient g = bp.getFirst();
        assertClose("dL/dW", g.getGradientFor(GruParamInitializer.INPUT_WEIGHT_KEY),
                matrix(golden.get("grad_weight_ih_l0")).transpose());
        assertClose("dL/dRW", g.getGradientFor(GruParamInitializer.RECURRENT_WEIGHT_KEY),
                matrix(golden.get("grad_weight_hh_l0")).transpose());
        assertClose("dL/db", g.getGradientFor(GruParamInitializer.BIAS_KEY), row(golden.get("grad_bias_ih_l0")));
        assertClose("dL/drb", g.getGradientFor(GruParamInitializer.RECURRENT_BIAS_KEY), row(golden.get("grad_bias_hh_l0")));
        assertClose("dL/dx", bp.getSecond(), batchFirstToNcw(golden.get("grad_input"), mb, steps, nIn));
        // the gradient views are the layer's slice of the network's flat gradient
        assertThat(net.getLayer(0).getGradientsViewArray().sumNumber().doubleValue())
                .isCloseTo(g.gradient().sumNumber().doubleValue(), Offset.offset(1e-9));
    }

    @Test
    void parameterCountEqualsPyTorch() {
        // PyTorch: weight_ih 3H*nIn + weight_hh 3H*H + two biases 3H each
        int nIn = golden.get("nIn").asInt();
        int h = golden.get("hidden").asInt();
        assertThat(GruParamInitializer.count(nIn, h)).isEqualTo(3L * h * nIn + 3L * h * h + 2 * 3L * h);
    }

    private static void assertClose(String what, INDArray actual, INDArray expected) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        INDArray diff = Nd4j.math().abs(actual.sub(expected));
        INDArray bound = Nd4j.math().abs(expected).muli(TOLERANCE).addi(TOLERANCE);
        double worst = diff.sub(bound).maxNumber().doubleValue();
        assertThat(worst).as("%s: max |actual - expected| = %s exceeds %s (relative/absolute)", what,
                diff.maxNumber(), TOLERANCE).isLessThanOrEqualTo(0.0);
    }

    private static INDArray matrix(JsonNode rows) {
        double[][] a = new double[rows.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = new double[rows.get(i).size()];
            for (int j = 0; j < a[i].length; j++) {
                a[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return Nd4j.create(a);
    }

    private static INDArray row(JsonNode values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i).asDouble();
        }
        return Nd4j.create(a, new long[] {1, a.length}, DataType.DOUBLE);
    }

    /** PyTorch batch-first [batch][T][features] to DL4J NCW [batch, features, T]. */
    private static INDArray batchFirstToNcw(JsonNode v, int mb, int steps, int features) {
        INDArray out = Nd4j.zeros(DataType.DOUBLE, mb, features, steps);
        for (int b = 0; b < mb; b++) {
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < features; f++) {
                    out.putScalar(new long[] {b, f, t}, v.get(b).get(t).get(f).asDouble());
                }
            }
        }
        return out;
    }
}
