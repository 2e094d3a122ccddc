package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelSpecTest {

    static Stream<Arguments> invalidSpecs() {
        ModelSpec ok = ModelSpec.of(CellType.LSTM);
        return Stream.of(
                Arguments.of("hiddenSizes", (Supplier<?>) () -> ok.withHiddenSizes(List.of())),
                Arguments.of("hiddenSizes[1] must be in [1, 65536], got 0", (Supplier<?>) () -> ok.withHiddenSizes(List.of(8, 0))),
                Arguments.of("dropout must be in [0, 1), got 1.0", (Supplier<?>) () -> ok.withDropout(1.0)),
                Arguments.of("dropout must be in [0, 1), got -0.1", (Supplier<?>) () -> ok.withDropout(-0.1)),
                Arguments.of("gradientThreshold must be a finite number > 0, got 0.0",
                        (Supplier<?>) () -> ok.withGradientNormalization(GradientNormalization.ClipL2PerLayer, 0)),
                Arguments.of("learningRate must be in (0, 10], got NaN", (Supplier<?>) () -> ok.withUpdater(UpdaterKind.ADAM, Double.NaN)),
                Arguments.of("learningRate must be in (0, 10], got 0.0", (Supplier<?>) () -> ok.withUpdater(UpdaterKind.SGD, 0)),
                Arguments.of("updater must be one of", (Supplier<?>) () -> ok.withUpdater(null, 0.1)),
                Arguments.of("forgetGateBias must be finite", (Supplier<?>) () -> ok.withForgetGateBias(Double.POSITIVE_INFINITY)),
                Arguments.of("cell must be one of RNN, LSTM, GRU", (Supplier<?>) () -> ok.withCell(null)),
                Arguments.of("input must be given", (Supplier<?>) () -> ok.withInput(null)),
                Arguments.of("input.vocabularySize must be in [2, 10000000]", (Supplier<?>) () -> InputSpec.tokens(1, 8)),
                Arguments.of("input.embeddingSize must be in [1, 65536]", (Supplier<?>) () -> InputSpec.tokens(100, 0)),
                Arguments.of("must be 0 for DENSE input", (Supplier<?>) () -> new InputSpec(InputSpec.Kind.DENSE, 5, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void rejectsInvalidValuesNamingTheField(String expected, Supplier<?> build) {
        assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
    }

    @Test
    void jsonRoundTripIsExact() {
        ModelSpec spec = ModelSpec.of(CellType.GRU)
                .withHiddenSizes(List.of(48, 32))
                .withBidirectional(true)
                .withBidirectionalMode(Bidirectional.Mode.AVERAGE)
                .withDropout(0.2)
                .withGradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue, 0.123456789012345)
                .withUpdater(UpdaterKind.RMSPROP, 3.3e-4)
                .withWeightInit(WeightInit.XAVIER_UNIFORM)
                .withForgetGateBias(2.5)
                .withSeed(-7)
                .withInput(InputSpec.tokens(1234, 16));
        String json = Json.write(spec);
        assertThat(Json.read(json, ModelSpec.class)).isEqualTo(spec);
        assertThat(Json.write(Json.read(json, ModelSpec.class))).isEqualTo(json);
    }

    @Test
    void clipThresholdsAreShownAsWritten() {
        assertThat(ModelSpec.plain(1.0)).isEqualTo("1.0");
        assertThat(ModelSpec.plain(0.25)).isEqualTo("0.25");
        assertThat(ModelSpec.plain(1e-4)).isEqualTo("0.0001");
        assertThat(ModelSpec.plain(1.5e-5)).isEqualTo("0.000015");
        assertThat(ModelSpec.plain(5e7)).isEqualTo("50000000.0");
        // a user's l2:1e-30 printed 32 characters and pushed the table's columns and the chart's labels apart
        assertThat(ModelSpec.plain(1e-30)).isEqualTo("1e-30");
        assertThat(ModelSpec.plain(2.5e-12)).isEqualTo("2.5e-12");
        assertThat(ModelSpec.plain(1e25)).isEqualTo("1e25");
        assertThat(Double.parseDouble(ModelSpec.plain(2.5e-12))).isEqualTo(2.5e-12);
        assertThat(ModelSpec.of(CellType.LSTM).withGradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue, 1e-4)
                .label()).isEqualTo("lstm-64-clip(value:0.0001)");
    }

    @Test
    void implementationDefaultsToRnnlabAndOldFilesReadAsDl4jLstm() {
        assertThat(ModelSpec.of(CellType.LSTM).implementation()).isEqualTo(Implementation.RNNLAB);
        ModelSpec dl4j = ModelSpec.of(CellType.LSTM).withImplementation(Implementation.DL4J);
        assertThat(Json.read(Json.write(dl4j), ModelSpec.class)).isEqualTo(dl4j);
        assertThat(dl4j.label()).isEqualTo("lstm-64-dl4j");
        // a spec written before the field existed (model cards, config.json of earlier runs) was built with DL4J's LSTM
        String old = Json.write(ModelSpec.of(CellType.LSTM)).replaceAll(",\\s*\"implementation\"\\s*:\\s*\"RNNLAB\"", "");
        assertThat(old).doesNotContain("implementation");
        assertThat(Json.read(old, ModelSpec.class).implementation()).isEqualTo(Implementation.DL4J);
        String oldGru = Json.write(ModelSpec.of(CellType.GRU)).replaceAll(",\\s*\"implementation\"\\s*:\\s*\"RNNLAB\"", "");
        assertThat(Json.read(oldGru, ModelSpec.class).implementation()).isEqualTo(Implementation.RNNLAB);
        String oldRnn = Json.write(ModelSpec.of(CellType.RNN)).replaceAll(",\\s*\"implementation\"\\s*:\\s*\"RNNLAB\"", "");
        assertThat(oldRnn).doesNotContain("implementation");
        ModelSpec rnn = Json.read(oldRnn, ModelSpec.class);
        assertThat(rnn.implementation()).as("old RNN specs were built with DL4J's SimpleRnn").isEqualTo(Implementation.DL4J);
        assertThat(rnn.label()).endsWith("-dl4j");
        assertThat(ModelSpec.of(CellType.RNN).label()).doesNotContain("dl4j");
        assertThat(Implementation.parse("DL4J")).isEqualTo(Implementation.DL4J);
        assertThatThrownBy(() -> Implementation.parse("cudnn")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one of rnnlab, dl4j").hasMessageContaining("cudnn");
    }

    @Test
    void headDefaultsToTheLastStepAndOldFilesReadAsLast() {
        assertThat(ModelSpec.of(CellType.GRU).head()).isEqualTo(SequenceHead.LAST);
        ModelSpec mean = ModelSpec.of(CellType.GRU).withHead(SequenceHead.MEAN);
        assertThat(Json.read(Json.write(mean), ModelSpec.class)).isEqualTo(mean);
        assertThat(mean.label()).isEqualTo("gru-64-mean");
        assertThat(ModelSpec.of(CellType.GRU).label()).isEqualTo("gru-64");
        String old = Json.write(ModelSpec.of(CellType.LSTM)).replaceAll(",\\s*\"head\"\\s*:\\s*\"LAST\"", "");
        assertThat(old).doesNotContain("head");
        assertThat(Json.read(old, ModelSpec.class).head()).isEqualTo(SequenceHead.LAST);
        assertThat(SequenceHead.parse("Max")).isEqualTo(SequenceHead.MAX);
        assertThat(SequenceHead.parse("attention")).isEqualTo(SequenceHead.ATTENTION);
        assertThatThrownBy(() -> SequenceHead.parse("first"))
                .hasMessage("unknown sequence head 'first': expected one of last, mean, max, attention, last-step");
    }

    @Test
    void theZooFieldsRoundTripAndFilesWithoutThemReadAsNone() {
        ModelSpec spec = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(32, 48)).withResidual(true)
                .withConvolutions(List.of(new Conv1d(5, 16, 2), Conv1d.parse("3x8"))).withWeightDecay(1e-4)
                .withClassWeights(List.of(1.0, 2.5));
        assertThat(Json.read(Json.write(spec), ModelSpec.class)).isEqualTo(spec);
        assertThat(spec.label()).isEqualTo("conv2-gru-32-48-res");
        String old = Json.write(ModelSpec.of(CellType.LSTM)).replaceAll(",\\s*\"residual\"\\s*:\\s*false", "")
                .replaceAll(",\\s*\"convolutions\"\\s*:\\s*\\[\\s*\\]", "").replaceAll(",\\s*\"weightDecay\"\\s*:\\s*0.0", "")
                .replaceAll(",\\s*\"classWeights\"\\s*:\\s*\\[\\s*\\]", "");
        assertThat(old).doesNotContain("residual").doesNotContain("classWeights").doesNotContain("convolutions");
        ModelSpec read = Json.read(old, ModelSpec.class);
        assertThat(read).isEqualTo(ModelSpec.of(CellType.LSTM));
        assertThat(read.residual()).isFalse();
        assertThat(read.convolutions()).isEmpty();
        assertThat(read.weightDecay()).isZero();
        assertThat(read.classWeights()).isEmpty();
    }

    @Test
    void theZooFieldsAreValidatedNamingTheField() {
        ModelSpec gru = ModelSpec.of(CellType.GRU);
        assertThatThrownBy(() -> gru.withResidual(true)).hasMessageContaining("ModelSpec.residual needs at least 2 stacked")
                .hasMessageContaining("got 1");
        assertThatThrownBy(() -> gru.withWeightDecay(-0.1)).hasMessageContaining("ModelSpec.weightDecay must be in [0, 1)");
        assertThatThrownBy(() -> gru.withWeightDecay(Double.NaN)).hasMessageContaining("weightDecay");
        assertThatThrownBy(() -> gru.withClassWeights(List.of(1.0, 0.0)))
                .hasMessageContaining("ModelSpec.classWeights[1] must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new Conv1d(3, 4, 4)).hasMessage("convolution stride must be in [1, kernel=3], got 4");
        assertThatThrownBy(() -> new Conv1d(0, 4, 1)).hasMessageContaining("kernel must be in [1, 64]");
        assertThatThrownBy(() -> new Conv1d(3, 0, 1)).hasMessageContaining("channels must be in [1, 4096]");
        assertThatThrownBy(() -> Conv1d.parse("5x")).hasMessageContaining("KERNELxCHANNELS or KERNELxCHANNELS/STRIDE")
                .hasMessageContaining("'5x'");
        assertThat(Conv1d.parse(" 5x64/2 ")).isEqualTo(new Conv1d(5, 64, 2));
        assertThat(new Conv1d(5, 64, 2)).hasToString("5x64/2");
        assertThat(new Conv1d(3, 8, 1)).hasToString("3x8");
    }

    @Test
    void jsonWithAnUnknownFieldIsRejected() {
        String json = Json.write(ModelSpec.of(CellType.RNN)).replace("\"seed\"", "\"sed\" : 1, \"seed\"");
        assertThatThrownBy(() -> Json.read(json, ModelSpec.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown field 'sed'");
    }

    @Test
    void jsonWithAMissingFieldIsRejected() {
        String json = Json.write(ModelSpec.of(CellType.RNN)).replace("\"seed\" : 42,", "");
        assertThatThrownBy(() -> Json.read(json, ModelSpec.class)).hasMessageContaining("the field 'seed' is missing");
    }

    @Test
    void jsonWithAnInvalidValueNamesTheField() {
        String json = Json.write(ModelSpec.of(CellType.RNN)).replace("\"dropout\" : 0.0", "\"dropout\" : 3.0");
        assertThatThrownBy(() -> Json.read(json, ModelSpec.class)).hasMessageContaining("dropout must be in [0, 1)");
    }

    @Test
    void architectureNamesParseBothWays() {
        assertThat(Architecture.parseList("rnn, lstm,gru,bilstm,BIGRU"))
                .extracting(Architecture::id).containsExactly("rnn", "lstm", "gru", "bilstm", "bigru");
        assertThat(Architecture.parse("bilstm")).isEqualTo(new Architecture(CellType.LSTM, true));
        assertThatThrownBy(() -> Architecture.parse("transformer")).hasMessageContaining("unknown cell 'transformer', expected one of rnn, lstm, gru");
    }

    @Test
    void labelAndOutputWidthFollowTheSpec() {
        ModelSpec spec = ModelSpec.of(Architecture.parse("bilstm")).withHiddenSizes(List.of(32, 32))
                .withGradientNormalization(GradientNormalization.ClipL2PerLayer, 1.0);
        assertThat(spec.label()).isEqualTo("bilstm-32x2-clip(l2:1.0)");
        assertThat(spec.outputWidth()).isEqualTo(64);
        assertThat(spec.withBidirectionalMode(Bidirectional.Mode.ADD).outputWidth()).isEqualTo(32);
    }
}
