package org.rnnlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Conv1d;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.synthetic.Agreement;
import org.rnnlab.training.SequenceClassifier;

/**
 * Every architecture rnnlab trains, exported to ONNX and run by ONNX Runtime, gives rnnlab's own {@code predict}
 * probabilities to 1e-5 on sequences of different lengths in one padded batch (the padding filled with a value that
 * would change every answer if the graph read it) and one by one.
 */
class OnnxExportTest {
    private static final double TOLERANCE = 1e-5;
    private static SequenceDataset dense;
    private static SequenceDataset text;

    @BeforeAll
    static void data() {
        dense = ExportedModels.dense(7);
        text = Agreement.generate(Agreement.Config.defaults().withSizes(48, 16, 16).withDistances(1, 5));
    }

    static Stream<Arguments> architectures() {
        ModelSpec small = ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(6));
        List<Arguments> a = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            a.add(Arguments.of(cell.name().toLowerCase() + ", last step", small.withCell(cell)));
        }
        a.add(Arguments.of("rnn, DL4J's SimpleRnn", small.withCell(CellType.RNN).withImplementation(Implementation.DL4J)));
        a.add(Arguments.of("lstm, DL4J's LSTM", small.withCell(CellType.LSTM).withImplementation(Implementation.DL4J)));
        a.add(Arguments.of("bilstm concat, DL4J's Bidirectional", small.withImplementation(Implementation.DL4J).withBidirectional(true)));
        CellType[] cells = {CellType.LSTM, CellType.GRU, CellType.RNN, CellType.LSTM};
        Bidirectional.Mode[] modes = Bidirectional.Mode.values();
        for (int i = 0; i < modes.length; i++) {
            CellType cell = cells[i % cells.length];
            a.add(Arguments.of("bi" + cell.name().toLowerCase() + " " + modes[i], small.withCell(cell).withBidirectional(true)
                    .withBidirectionalMode(modes[i])));
        }
        // the last head of a bidirectional layer: forward at each sequence's last step, backward at step 0 (the modes above too)
        a.add(Arguments.of("bigru concat, last head", small.withCell(CellType.GRU).withBidirectional(true)));
        a.add(Arguments.of("birnn concat, last head", small.withCell(CellType.RNN).withBidirectional(true)));
        a.add(Arguments.of("stacked bigru 5-5, residual, last head", small.withCell(CellType.GRU).withHiddenSizes(List.of(5, 5))
                .withBidirectional(true).withResidual(true)));
        // the legacy head of bundles of format 2 and older: both directions at the last step, exported as before
        a.add(Arguments.of("bigru concat, last-step head (legacy)", small.withCell(CellType.GRU).withBidirectional(true)
                .withHead(SequenceHead.LAST_STEP)));
        a.add(Arguments.of("bilstm add, last-step head (legacy)", small.withBidirectional(true).withBidirectionalMode(Bidirectional.Mode.ADD)
                .withHead(SequenceHead.LAST_STEP)));
        a.add(Arguments.of("gru mean head", small.withCell(CellType.GRU).withHead(SequenceHead.MEAN)));
        a.add(Arguments.of("lstm max head", small.withHead(SequenceHead.MAX)));
        a.add(Arguments.of("rnn attention head", small.withCell(CellType.RNN).withHead(SequenceHead.ATTENTION)));
        a.add(Arguments.of("bigru attention head", small.withCell(CellType.GRU).withBidirectional(true).withHead(SequenceHead.ATTENTION)));
        a.add(Arguments.of("stacked lstm 6-6, residual, dropout", small.withHiddenSizes(List.of(6, 6)).withResidual(true).withDropout(0.2)));
        a.add(Arguments.of("stacked gru 6-4-4, residual with projection, mean", small.withCell(CellType.GRU).withHiddenSizes(List.of(6, 4, 4))
                .withResidual(true).withHead(SequenceHead.MEAN)));
        a.add(Arguments.of("stacked bilstm 5-5, residual, max", small.withHiddenSizes(List.of(5, 5)).withBidirectional(true)
                .withResidual(true).withHead(SequenceHead.MAX)));
        a.add(Arguments.of("conv 3x8/2 + gru", small.withCell(CellType.GRU).withConvolutions(List.of(new Conv1d(3, 8, 2)))));
        a.add(Arguments.of("conv 2x4/1, 3x5/3 + lstm mean", small.withConvolutions(List.of(new Conv1d(2, 4, 1), new Conv1d(3, 5, 3)))
                .withHead(SequenceHead.MEAN)));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void onnxRuntimeGivesRnnlabsProbabilitiesOnDenseSequences(String name, ModelSpec spec, @TempDir Path dir) throws Exception {
        SequenceClassifier model = ExportedModels.bundle(spec, dense, dir, name.hashCode());
        Random r = new Random(11);
        List<float[][]> sequences = new ArrayList<>();
        for (int len : new int[]{1, 2, 3, 5, 8, 13, 14, 21, 4}) {
            sequences.add(ExportedModels.sequence(r, len, r.nextInt(3)));
        }
        checkAgainstRnnlab(model, sequences, false, dir);
    }

    /**
     * For ONNX's recurrent operators with {@code sequence_lens} and {@code direction = bidirectional}, {@code Y_h} is each
     * direction's final state: the forward one at the last valid step, the backward one at step 0. The exported GRU's
     * {@code Y_h}, concatenated and put through the model's softmax layer in Java, gives rnnlab's predictions: the last head
     * of a bidirectional layer reads exactly {@code Y_h} (PyTorch's {@code h_n}).
     */
    @org.junit.jupiter.api.Test
    void theLastHeadOfABidirectionalLayerIsOnnxsYh(@TempDir Path dir) throws Exception {
        SequenceClassifier model = ExportedModels.bundle(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)).withBidirectional(true),
                dense, dir, 21);
        Onnx.ModelProto.Builder proto = OnnxExporter.export(model).toBuilder();
        Onnx.GraphProto.Builder graph = proto.getGraphBuilder();
        Onnx.NodeProto.Builder gru = graph.getNodeBuilderList().stream().filter(n -> n.getOpType().equals("GRU")).findFirst().orElseThrow();
        assertThat(gru.getOutputCount()).isEqualTo(1);
        gru.addOutput("gru_Y_h");
        graph.addOutput(Onnx.ValueInfoProto.newBuilder().setName("gru_Y_h").setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(OnnxGraph.FLOAT))));
        Path file = dir.resolve("with-y_h.onnx");
        java.nio.file.Files.write(file, proto.build().toByteArray());
        Random r = new Random(3);
        List<float[][]> sequences = new ArrayList<>();
        for (int len : new int[]{1, 9, 4, 14}) {
            sequences.add(ExportedModels.sequence(r, len, r.nextInt(3)));
        }
        List<SequenceClassifier.Prediction> expected = model.predict(sequences);
        var net = model.network();
        INDArray w = net.getLayer(net.getnLayers() - 1).getParam("W");
        INDArray b = net.getLayer(net.getnLayers() - 1).getParam("b");
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions())) {
            float[][][] yh = (float[][][]) ExportedModels.output(session, sequences, "gru_Y_h");
            assertThat(yh.length).as("directions").isEqualTo(2);
            for (int i = 0; i < sequences.size(); i++) {
                float[] both = new float[12];
                System.arraycopy(yh[0][i], 0, both, 0, 6);
                System.arraycopy(yh[1][i], 0, both, 6, 6);
                INDArray logits = Nd4j.create(both, new long[]{1, 12}).mmul(w).addRowVector(b);
                double[] p = softmax(logits.castTo(DataType.DOUBLE).toDoubleVector());
                double[] want = expected.get(i).probabilities();
                for (int c = 0; c < want.length; c++) {
                    assertThat(p[c]).as("sequence %d (%d steps), class %d", i, sequences.get(i).length, c).isCloseTo(want[c], within(TOLERANCE));
                }
            }
        }
    }

    private static double[] softmax(double[] z) {
        double max = java.util.Arrays.stream(z).max().orElseThrow();
        double[] e = java.util.Arrays.stream(z).map(v -> Math.exp(v - max)).toArray();
        double sum = java.util.Arrays.stream(e).sum();
        return java.util.Arrays.stream(e).map(v -> v / sum).toArray();
    }

    @org.junit.jupiter.api.Test
    void aConstantAndANearlyConstantFeatureReadAsInJava(@TempDir Path dir) throws Exception {
        // temp constant in training (FeatureStandardizer.CONSTANT_STD: any value reads as about 0) and ay with a deviation
        // below ND4J's epsilon (ND4J then divides by 1; the export divided by the stored 1e-5, values 1e5 times larger)
        var normalizer = new org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize(
                org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 40, -3}, new long[] {1, 3}, org.nd4j.linalg.api.buffer.DataType.FLOAT),
                org.nd4j.linalg.factory.Nd4j.create(new float[] {0.8f, 2e-6f, org.rnnlab.datasets.FeatureStandardizer.CONSTANT_STD},
                        new long[] {1, 3}, org.nd4j.linalg.api.buffer.DataType.FLOAT));
        SequenceClassifier model = ExportedModels.bundle(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)), dense, dir, 5, normalizer);
        Random r = new Random(13);
        List<float[][]> sequences = new ArrayList<>();
        for (int len : new int[]{1, 3, 6, 9, 14}) {
            float[][] s = ExportedModels.sequence(r, len, r.nextInt(3));
            for (float[] step : s) {
                step[1] = -3 + 0.2f * (float) r.nextGaussian();
                step[2] = 50 * (float) r.nextGaussian();
            }
            sequences.add(s);
        }
        checkAgainstRnnlab(model, sequences, false, dir);
    }

    @org.junit.jupiter.api.Test
    void aFeatureOfTinyDeviationIsStandardisedByItInOnnxToo(@TempDir Path dir) throws Exception {
        // bundle format 4 divides by the deviation exactly (ExactStandardize), 2e-6 here: the export must too
        var normalizer = new org.rnnlab.datasets.ExactStandardize(
                org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 40, -3}, new long[] {1, 3}, org.nd4j.linalg.api.buffer.DataType.FLOAT),
                org.nd4j.linalg.factory.Nd4j.create(new float[] {0.8f, 2e-6f, 1.5f}, new long[] {1, 3},
                        org.nd4j.linalg.api.buffer.DataType.FLOAT));
        SequenceClassifier model = ExportedModels.bundle(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)), dense, dir, 5, normalizer);
        assertThat(model.normalizer().getStd().getFloat(1)).isEqualTo(2e-6f);
        Random r = new Random(17);
        List<float[][]> sequences = new ArrayList<>();
        for (int len : new int[]{1, 4, 8}) {
            float[][] s = ExportedModels.sequence(r, len, r.nextInt(3));
            for (float[] step : s) {
                step[1] = 40 + 2e-6f * (float) r.nextGaussian();
            }
            sequences.add(s);
        }
        checkAgainstRnnlab(model, sequences, false, dir);
    }

    static Stream<Arguments> textArchitectures() {
        ModelSpec small = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6));
        return Stream.of(
                Arguments.of("token gru", small),
                Arguments.of("token bilstm attention", small.withCell(CellType.LSTM).withBidirectional(true).withHead(SequenceHead.ATTENTION)),
                Arguments.of("token conv 2x6/2 + rnn mean", small.withCell(CellType.RNN).withConvolutions(List.of(new Conv1d(2, 6, 2)))
                        .withHead(SequenceHead.MEAN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textArchitectures")
    void onnxRuntimeGivesRnnlabsProbabilitiesOnTokenSequences(String name, ModelSpec spec, @TempDir Path dir) throws Exception {
        SequenceClassifier model = ExportedModels.bundle(spec, text, dir, name.hashCode());
        assertThat(model.readsText()).isTrue();
        List<float[][]> sequences = new ArrayList<>();
        for (Sequence s : text.split(Split.TEST).examples().subList(0, 10)) {
            sequences.add(s.values());
        }
        checkAgainstRnnlab(model, sequences, true, dir);
    }

    /**
     * A model calibrated by {@code train --calibrate prior,temperature} (trial 71a F6: such a model was refused, and the user
     * told to divide the logits by T by hand): the graph subtracts log w and divides by T before its softmax, so ONNX
     * Runtime gives predict's calibrated probabilities and labels (those of the corrected probabilities); with the prior
     * correction alone and T alone too.
     */
    @org.junit.jupiter.api.Test
    void aCalibratedModelsGraphAppliesThePriorCorrectionAndTheTemperature(@TempDir Path dir) throws Exception {
        SequenceClassifier plain = ExportedModels.bundle(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)), dense, dir, 71);
        Random r = new Random(12);
        List<float[][]> sequences = new ArrayList<>();
        for (int len : new int[]{1, 3, 5, 8, 13, 2, 21, 4}) {
            sequences.add(ExportedModels.sequence(r, len, r.nextInt(3)));
        }
        List<Double> weights = List.of(0.5, 1.0, 40.0);
        org.rnnlab.training.ModelCard[] cards = {plain.card().withPriorCorrection(weights).withTemperature(1.7),
                plain.card().withPriorCorrection(weights), plain.card().withTemperature(0.6)};
        for (int k = 0; k < cards.length; k++) {
            Path file = dir.resolve("calibrated-" + k + ".rnnlab");
            org.rnnlab.training.ModelBundle.save(plain.network(), java.util.Optional.ofNullable(plain.normalizer()), cards[k], file);
            try (SequenceClassifier model = org.rnnlab.training.ModelBundle.load(file)) {
                checkAgainstRnnlab(model, sequences, false, dir);
                // and predict's probabilities are the plain model's calibrated: the parity above is of the calibrated ones
                double[] p = plain.predict(sequences.get(2)).probabilities();
                assertThat(model.predict(sequences.get(2)).probabilities()).isNotEqualTo(p);
                assertThat(model.predict(sequences.get(2)).probabilities()).containsExactly(cards[k].calibrated(p));
            }
            try (OrtSession session = OrtEnvironment.getEnvironment().createSession(dir.resolve("model.onnx").toString(),
                    new OrtSession.SessionOptions())) {
                assertThat(session.getMetadata().getCustomMetadata().get("calibration")).contains(k == 2 ? "temperature scaling"
                        : "prior correction: the logits less log w of the class weights [0.5,1.0,40.0]");
            }
        }
    }

    private static void checkAgainstRnnlab(SequenceClassifier model, List<float[][]> sequences, boolean tokens, Path dir) throws Exception {
        Path file = dir.resolve("model.onnx");
        OnnxExporter.write(model, file);
        List<SequenceClassifier.Prediction> expected = model.predict(sequences);
        assertThat(sequences.stream().mapToInt(s -> s.length).distinct().count()).as("lengths differ").isGreaterThan(2);
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions())) {
            ExportedModels.Answer batch = ExportedModels.run(session, sequences, tokens, tokens ? 1 : 1e3f);
            double worst = 0;
            for (int i = 0; i < sequences.size(); i++) {
                double[] want = expected.get(i).probabilities();
                assertThat(batch.probabilities()[i]).hasSize(want.length);
                for (int c = 0; c < want.length; c++) {
                    assertThat((double) batch.probabilities()[i][c]).as("sequence %d (%d steps), class %d", i, sequences.get(i).length, c)
                            .isCloseTo(want[c], within(TOLERANCE));
                    worst = Math.max(worst, Math.abs(batch.probabilities()[i][c] - want[c]));
                }
                assertThat(batch.labels()[i]).as("label of sequence %d", i).isEqualTo(expected.get(i).index());
                ExportedModels.Answer alone = ExportedModels.run(session, List.<float[][]>of(sequences.get(i)), tokens, 0);
                for (int c = 0; c < want.length; c++) {
                    assertThat((double) alone.probabilities()[0][c]).as("sequence %d alone, class %d", i, c).isCloseTo(want[c], within(TOLERANCE));
                    worst = Math.max(worst, Math.abs(alone.probabilities()[0][c] - want[c]));
                }
            }
            System.out.printf("onnx-export %s: largest |ONNX Runtime - predict| %.2e over %d sequences%n", model.card().spec().label(),
                    worst, sequences.size());
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertThat(meta.get("labels")).isEqualTo(org.rnnlab.core.Json.writeCompact(model.labelNames()));
            assertThat(meta.get("input_kind")).isEqualTo(tokens ? "tokens" : "dense");
            if (tokens) {
                assertThat(meta.get("text_encoder")).contains("vocabulary");
            } else {
                assertThat(meta.get("features")).isEqualTo("[\"ax\",\"ay\",\"temp\"]");
            }
        }
    }
}
